import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/tutor/loader.js';
import { ProgressStore } from '../../src/tutor/progress.js';
import { LessonRunError, runLesson, type RunLessonOptions } from '../../src/tutor/runner.js';
import type { Lesson } from '../../src/tutor/schema.js';
import { fakeLabs, type FakeLabTracker } from '../unit/tutor/fake-lab.js';
import { scriptedPrompts, type Answer } from '../unit/tutor/scripted-prompts.js';
import { scratch } from '../support/scratch.js';
import { squash } from '../support/text.js';
import { KNOWLEDGE } from '../../src/protocols/registry.js';

/** Lessons are written as YAML here too, so they pass through the real schema. */
function lesson(yaml: string): Lesson {
  const { lesson: l, problems } = parseLesson('/virtual/test.yaml', yaml);
  if (!l) throw new Error(problems.map((p) => p.message).join('; '));
  return l;
}

const L = (en: string) => `{ en: "${en}", ja: "${en}（日本語）" }`;

const trackers: FakeLabTracker[] = [];
const { tempDir } = scratch('l7lab-progress-', async () => {
  for (const t of trackers.splice(0)) for (const s of t.started) if (!s.closed) await s.lab.close();
});

async function play(l: Lesson, answers: Answer[] | 'auto', extra: Partial<RunLessonOptions> = {}) {
  const labs = fakeLabs();
  trackers.push(labs);
  let text = '';
  const prompts = scriptedPrompts(answers === 'auto' ? [] : answers);
  const run = runLesson({ lesson: l, lang: 'en', auto: answers === 'auto', prompts, write: (t) => (text += t), startLab: labs.startLab, timeoutMs: 3000, ...extra });
  const result = await run.catch((err: unknown) => err);
  return { result, text: () => text, labs, prompts };
}

const SMTP_LESSON = `
id: demo
title: ${L('Demo')}
summary: ${L('A demo lesson')}
minutes: 5
show: { crlf: true, state: true, layers: true }
steps:
  - { id: hello, kind: say, text: ${L('Hello there')}, diagram: "[C] --> [S]" }
  - { id: where, kind: run, show: endpoints, text: ${L('The lab')}, classic: { command: "lsof -i -P", parts: [ { token: "-i", text: ${L('internet sockets')} } ] } }
  - { id: open, kind: connect, connection: laptop, protocol: smtp, expect: "220", capture: { server: '220 (\\S+)' }, explain: ${L('the greeting of {server}')} }
  - { id: ehlo, kind: send, connection: laptop, text: ${L('Say hello')}, command: "EHLO {server}", accept: "^EHLO \\\\S+$", expect: "250", hint: ${L('type EHLO and a name')}, explain: ${L('extensions listed')} }
  - { id: rcpt-first, kind: send, connection: laptop, text: ${L('Skip MAIL on purpose')}, command: "RCPT TO:<bob@example.com>", expect: "503", hint: ${L('RCPT first')}, explain: ${L('503 bad sequence')} }
  - { id: mail, kind: send, connection: laptop, text: ${L('Sender')}, command: "MAIL FROM:<alice@example.com>", accept: "^MAIL FROM:\\\\s*<[^>]+>$", expect: "250", hint: ${L('MAIL FROM:<you>')}, explain: ${L('envelope sender')} }
  - { id: rcpt, kind: send, connection: laptop, text: ${L('Recipient')}, command: "RCPT TO:<bob@example.com>", expect: "250", hint: ${L('RCPT TO:<bob>')}, explain: ${L('envelope recipient')} }
  - { id: data, kind: send, connection: laptop, text: ${L('Data')}, command: "DATA", expect: "354", hint: ${L('DATA')}, explain: ${L('go ahead')} }
  - { id: body, kind: data, connection: laptop, text: ${L('The message')}, body: ["Subject: hi", "", ".hidden line", "bye"], explain: ${L('stored')} }
  - { id: plain, kind: compute, op: sasl-plain, user: alice, into: plain, explain: ${L('only an encoding')} }
  - { id: check, kind: check, account: bob, expect: { messages: 1, contains: "^\\\\.hidden line$" }, explain: ${L('captured, not relayed')} }
  - { id: quit, kind: send, connection: laptop, text: ${L('Bye')}, command: "QUIT", expect: "221", hint: ${L('QUIT')}, explain: ${L('closing')} }
  - id: q1
    kind: quiz
    question: ${L('Which code asks for the message?')}
    choices:
      - { text: ${L('250')}, explain: ${L('250 is ok')} }
      - { text: ${L('354')}, correct: true, explain: ${L('354 start mail input')} }
`;

describe('runLesson --auto', () => {
  it('plays every step with the suggested commands and shows the server side explained', async () => {
    const { result, text, labs } = await play(lesson(SMTP_LESSON), 'auto');
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    const out = text();
    expect(out).toContain('C: EHLO fake.lab');
    expect(squash(out)).toContain(squash(KNOWLEDGE.smtp.explainClientLine('EHLO fake.lab', 'en') as string));
    expect(out).toContain('S: 503 5.5.1 need MAIL before RCPT');
    expect(squash(out)).toContain(squash(KNOWLEDGE.smtp.explainServerLine('503 5.5.1 need MAIL before RCPT', 'en') as string));
    expect(out).toContain('C: ..hidden line');
    expect(out).toContain('\\r\\n');
    expect(out).toContain('session state: MAIL');
    expect(out).toContain('the greeting of fake.lab');
    expect(out).toContain('AGFsaWNlAHdvbmRlcmxhbmQ=');
    expect(out).toContain('✓ 354');
    const store = labs.started[0]?.lab.store;
    const [meta] = (await store?.list('bob', 'INBOX')) ?? [];
    expect((await store?.read('bob', 'INBOX', meta?.uid ?? 0))?.toString()).toContain('\r\n.hidden line\r\n');
    expect(labs.started.every((s) => s.closed)).toBe(true);
  });

  it('records a mismatch when a reply differs from what the lesson expects', async () => {
    const broken = SMTP_LESSON.replace('command: "RCPT TO:<bob@example.com>", expect: "503"', 'command: "RCPT TO:<bob@example.com>", expect: "250"');
    const { result } = await play(lesson(broken), 'auto');
    expect(result).toMatchObject({ completed: true, mismatches: [{ step: 'rcpt-first', expected: '250', got: '503' }] });
  });

  it('records a mismatch when the server side is not as a check expects', async () => {
    const broken = SMTP_LESSON.replace('messages: 1,', 'messages: 2,');
    const { result } = await play(lesson(broken), 'auto');
    expect((result as { mismatches: Array<{ step: string }> }).mismatches.map((m) => m.step)).toEqual(['check']);
  });

  it('says in one line which server a lesson needs when the lab lacks it, and closes the lab', async () => {
    const needsPop = lesson(`
id: pop
title: ${L('P')}
summary: ${L('P')}
minutes: 5
steps:
  - { id: open, kind: connect, connection: laptop, protocol: pop3, explain: ${L('x')} }
  - { id: q, kind: quiz, question: ${L('q')}, choices: [ { text: ${L('a')}, correct: true, explain: ${L('a')} }, { text: ${L('b')}, explain: ${L('b')} } ] }
`);
    const { result, labs } = await play(needsPop, 'auto');
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/POP3 server/);
    expect(labs.started.every((s) => s.closed)).toBe(true);
  });
});

const IMAP_LESSON = `
id: idle
title: ${L('Idle')}
summary: ${L('Two devices')}
minutes: 5
labs:
  sending: { protocols: [smtp] }
  receiving: { protocols: [smtp, imap] }
steps:
  - { id: phone, kind: connect, connection: phone, protocol: imap, lab: receiving, expect: OK, explain: ${L('imap greeting')} }
  - { id: login, kind: send, connection: phone, text: ${L('log in')}, command: "a1 LOGIN bob {password.bob}", expect: OK, hint: ${L('LOGIN')}, explain: ${L('logged in')} }
  - { id: idle, kind: send, connection: phone, text: ${L('idle')}, command: "a2 IDLE", expect: "+", hint: ${L('IDLE')}, explain: ${L('waiting')} }
  - { id: laptop, kind: connect, connection: laptop, protocol: smtp, lab: sending, explain: ${L('smtp greeting')} }
  - { id: ehlo, kind: send, connection: laptop, text: ${L('ehlo')}, command: "EHLO laptop", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: mail, kind: send, connection: laptop, text: ${L('m')}, command: "MAIL FROM:<alice@example.com>", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: rcpt, kind: send, connection: laptop, text: ${L('r')}, command: "RCPT TO:<bob@example.com>", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: data, kind: send, connection: laptop, text: ${L('d')}, command: "DATA", expect: "354", hint: ${L('h')}, explain: ${L('e')} }
  - { id: body, kind: data, connection: laptop, text: ${L('b')}, body: ["Subject: relayed", "", "hello bob"], explain: ${L('e')} }
  - { id: relay, kind: relay, from: sending, account: bob, to: receiving, mailFrom: alice@example.com, rcptTo: [bob@example.com], explain: ${L('server to server')} }
  - { id: see, kind: wait, connection: phone, until: "EXISTS", explain: ${L('new mail at once')} }
  - { id: done, kind: send, connection: phone, text: ${L('done')}, command: "DONE", continues: true, expect: OK, hint: ${L('DONE')}, explain: ${L('idle over')} }
  - { id: drop, kind: disconnect, connection: laptop, explain: ${L('gone')} }
  - { id: arrived, kind: check, lab: receiving, account: bob, expect: { messages: 1, contains: "hello bob" }, explain: ${L('there')} }
  - { id: q, kind: quiz, question: ${L('q')}, choices: [ { text: ${L('a')}, correct: true, explain: ${L('a')} }, { text: ${L('b')}, explain: ${L('b')} } ] }
`;

describe('runLesson with two labs, relay, IDLE and a dropped connection', () => {
  it('relays between the labs on loopback and sees the untagged EXISTS while idling', async () => {
    const { result, text, labs } = await play(lesson(IMAP_LESSON), 'auto');
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    const out = text();
    expect(out).toContain('sending→receiving C: MAIL FROM:<alice@example.com>');
    expect(out).toMatch(/phone S: \* 1 EXISTS/);
    expect(out).toContain('S: a2 OK IDLE terminated');
    expect(labs.started).toHaveLength(2);
    expect(labs.started.map((s) => s.options.protocols)).toEqual([['smtp'], ['smtp', 'imap']]);
    expect(labs.started.every((s) => s.closed)).toBe(true);
  });
});

describe('runLesson with a learner (scripted prompts)', () => {
  const SHORT = `
id: short
title: ${L('Short')}
summary: ${L('Short')}
minutes: 5
steps:
  - { id: open, kind: connect, connection: laptop, protocol: smtp, explain: ${L('greeting')} }
  - { id: ehlo, kind: send, connection: laptop, text: ${L('Say hello')}, command: "EHLO laptop", expect: "250", hint: ${L('HINT-EHLO')}, explain: ${L('EXPLAIN-EHLO')} }
  - { id: mail, kind: send, connection: laptop, text: ${L('Sender')}, command: "MAIL FROM:<alice@example.com>", accept: "^MAIL FROM:", expect: "250", hint: ${L('HINT-MAIL')}, explain: ${L('EXPLAIN-MAIL')} }
  - { id: rcpt, kind: send, connection: laptop, text: ${L('Recipient')}, command: "RCPT TO:<bob@example.com>", expect: "250", hint: ${L('HINT-RCPT')}, explain: ${L('EXPLAIN-RCPT')} }
  - id: q
    kind: quiz
    question: ${L('Which?')}
    choices:
      - { text: ${L('wrong one')}, explain: ${L('WHY-WRONG')} }
      - { text: ${L('right one')}, correct: true, explain: ${L('WHY-RIGHT')} }
`;

  it('sends a wrong command for real, shows the error explained, then hint, answer and retry', async () => {
    const { result, text } = await play(lesson(SHORT), ['', 'RCPT TO:<bob@example.com>', 'hint', 'MAIL FROM:alice', 'answer', 'MAIL FROM:<carol@example.com>', '', 0, 0]);
    expect(result).toMatchObject({ completed: true });
    const out = text();
    // The wrong command really went out and got the server's own reply and explanation.
    expect(out).toContain('C: RCPT TO:<bob@example.com>');
    expect(out).toContain('S: 503 5.5.1 need MAIL before RCPT');
    expect(squash(out)).toContain(squash(KNOWLEDGE.smtp.explainServerLine('503 5.5.1 need MAIL before RCPT', 'en') as string));
    expect(out).toContain('The server answered, but this step asks for a different command.');
    expect(out).toContain('Hint: HINT-MAIL');
    // The right command with a wrong argument: the server's 501 is shown, then the answer.
    expect(out).toContain('C: MAIL FROM:alice');
    expect(out).toContain('S: 501 5.5.4 syntax: MAIL FROM:<address>');
    expect(out).toContain('This step expected 250; the server answered 501.');
    expect(out).toContain('Answer: MAIL FROM:<alice@example.com>');
    // A different address is still accepted by the step's pattern.
    expect(out).toContain('C: MAIL FROM:<carol@example.com>');
    expect(out).toContain('EXPLAIN-MAIL');
    // Quiz: one retry before the answer; the feedback says why, never "Right!" after a miss.
    expect(out).toContain('Not quite. Try once more.');
    expect(out).toContain('Why not: WHY-WRONG');
    expect(out).toContain('The right answer: right one');
    expect(out).toContain('Why this one: WHY-RIGHT');
    expect(out).not.toContain('Right!');
    expect(out).toContain('Quiz score: 0/1 right at the first try');
  });

  it('skips a step by sending the suggestion itself', async () => {
    const { result, text } = await play(lesson(SHORT), ['', 'NOOP', 'skip', '', 1]);
    expect(result).toMatchObject({ completed: true });
    expect(text()).toContain('Skipped: l7lab sends MAIL FROM:<alice@example.com>');
    expect(text()).toContain('Right!');
  });

  it('saves progress per step, closes the lab on Ctrl-C, and resumes by replaying what was done', async () => {
    const dir = tempDir();
    const file = join(dir, 'progress.json');
    const progress = await ProgressStore.open(file);
    const first = await play(lesson(SHORT), ['', '', { cancel: true }], { progress });
    expect((first.result as Error).name).toBe('PromptCancelled');
    expect(first.labs.started.every((s) => s.closed)).toBe(true);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { lessons: Record<string, { done: string[]; completed: boolean }> };
    expect(saved.lessons.short).toMatchObject({ done: ['open', 'ehlo', 'mail'], completed: false });

    // Resume at rcpt: connect, EHLO and MAIL are replayed quietly so RCPT is accepted (250, not 503).
    const again = await ProgressStore.open(file);
    const second = await play(lesson(SHORT), ['', 1], { progress: again, startAt: 3 });
    expect(second.result).toMatchObject({ completed: true });
    expect(second.text()).toContain('Replaying the 3 step(s)');
    expect(second.text()).not.toContain('C: EHLO laptop');
    expect(second.text()).toContain('S: 250 2.1.5 recipient ok');
    expect(again.status('short')).toBe('done');
  });

  it('turns a failure inside a step into one line naming lesson and step', async () => {
    const l = lesson(SHORT.replace('command: "EHLO laptop"', 'command: "EHLO laptop"').replace('protocol: smtp, explain', 'protocol: smtp, explain'));
    const labs = fakeLabs();
    trackers.push(labs);
    const failing = async (o: Parameters<typeof labs.startLab>[0]) => {
      const lab = await labs.startLab(o);
      return { ...lab, endpoints: { smtp: { host: '127.0.0.1', port: 1 } } };
    };
    const err = await runLesson({ lesson: l, lang: 'en', auto: true, prompts: scriptedPrompts([]), write: () => undefined, startLab: failing, timeoutMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LessonRunError);
    expect((err as Error).message).toMatch(/^short: step open: could not connect to 127\.0\.0\.1:1/);
    expect(labs.started.every((s) => s.closed)).toBe(true);
  });
});

describe('runLesson: run steps and a typed message', () => {
  const RUNS = `
id: runs
title: ${L('Runs')}
summary: ${L('Runs')}
minutes: 5
labs: { main: { seed: [ { from: carol@example.com, to: [bob@example.com], subject: Seeded, body: [hello] } ] } }
steps:
  - { id: ports, kind: run, show: ports, text: ${L('ports')} }
  - { id: mail, kind: run, show: mail-list, text: ${L('mail')} }
  - { id: open, kind: connect, connection: laptop, protocol: smtp, explain: ${L('hi')} }
  - { id: ehlo, kind: send, connection: laptop, text: ${L('e')}, command: "EHLO x", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: mail-from, kind: send, connection: laptop, text: ${L('m')}, command: "MAIL FROM:<a@x>", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: rcpt, kind: send, connection: laptop, text: ${L('r')}, command: "RCPT TO:<bob@example.com>", expect: "250", hint: ${L('h')}, explain: ${L('e')} }
  - { id: data, kind: send, connection: laptop, text: ${L('d')}, command: "DATA", expect: "354", hint: ${L('h')}, explain: ${L('e')} }
  - { id: body, kind: data, connection: laptop, text: ${L('b')}, body: ["Subject: prepared"], explain: ${L('e')} }
  - { id: two, kind: check, account: bob, expect: { messages: 2, contains: '^Subject: (typed|prepared)$' }, explain: ${L('two')} }
  - { id: q, kind: quiz, question: ${L('q')}, choices: [ { text: ${L('a')}, correct: true, explain: ${L('a')} }, { text: ${L('b')}, explain: ${L('b')} } ] }
`;

  it('shows what the ports view finds next to the lab, and the seeded mail', async () => {
    const seen: number[][] = [];
    const named: Array<ReadonlyMap<number, string> | undefined> = [];
    const { result, text } = await play(lesson(RUNS), 'auto', {
      portsView: async (ports, _lang, names) => {
        seen.push(ports);
        named.push(names);
        return 'PORTS-VIEW';
      },
    });
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    expect(seen[0]).toHaveLength(2);
    // The lab's ports are free ones the system chose: the step names them (issue 21 item 4).
    expect([...(named[0]?.values() ?? [])].sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^(SMTP|POP3|IMAP) \(l7lab\)$/)]));
    expect([...(named[0]?.keys() ?? [])].sort()).toEqual([...(seen[0] ?? [])].sort());
    expect(text()).toContain('PORTS-VIEW');
    expect(text()).toMatch(/bob +│ 1 +│ carol@example\.com +│ Seeded/);
  });

  it('falls back to the lab endpoints when the sockets cannot be listed', async () => {
    const { result, text } = await play(lesson(RUNS), 'auto', {
      portsView: async () => {
        throw new Error('no ss here');
      },
    });
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    expect(text()).toContain('could not read the listening sockets here: no ss here');
    expect(text()).toMatch(/SMTP +│ 127\.0\.0\.1/);
  });

  it('dot-stuffs a message the learner types, as the practice shell does, and says it was their own (issue 14 item 3)', async () => {
    const answers = ['', '', '', '', 'typed', 'Subject: typed', '', '.dots', '.', 0];
    const { result, text, labs } = await play(lesson(RUNS), answers);
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    expect(text()).toContain('C: ..dots');
    expect(text()).toContain('You sent your own message (3 line(s), 1 of them dot-stuffed on the wire)');
    const store = labs.started[0]?.lab.store;
    const metas = (await store?.list('bob', 'INBOX')) ?? [];
    expect((await store?.read('bob', 'INBOX', metas[1]?.uid ?? 0))?.toString()).toBe('Subject: typed\r\n\r\n.dots\r\n');
  });
});


describe('runLesson: the first screen before the lab (issue 19)', () => {
  /** A lab start held until the lesson has written `until`; records whether the lab was up when it was written. */
  async function gated(yaml: string, until: string) {
    const labs = fakeLabs();
    trackers.push(labs);
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    let up = false;
    let upWhenShown: boolean | null = null;
    let text = '';
    const startLab: RunLessonOptions['startLab'] = async (o) => {
      await gate;
      const lab = await labs.startLab(o);
      up = true;
      return lab;
    };
    const write = (t: string) => {
      text += t;
      if (upWhenShown === null && text.includes(until)) {
        upWhenShown = up;
        release();
      }
    };
    // '' opens the gate at once: upWhenShown then says whether the lab was up at the first line written.
    if (until === '') release();
    const result = await runLesson({ lesson: lesson(yaml), lang: 'en', auto: true, prompts: scriptedPrompts([]), write, startLab, timeoutMs: 3000 });
    return { result, text, upWhenShown };
  }

  it('shows an opening say step while the lab starts, and lists the lab before the first step that uses it', async () => {
    const { result, text, upWhenShown } = await gated(SMTP_LESSON, 'Hello there');
    expect(result.completed).toBe(true);
    expect(upWhenShown).toBe(false);
    const listed = text.indexOf('Lab servers for this lesson');
    expect(listed).toBeGreaterThan(text.indexOf('Hello there'));
    expect(listed).toBeLessThan(text.indexOf('Step 2/'));
  });

  it('waits for the lab first when the opening say names one of its ports', async () => {
    const withPort = SMTP_LESSON.replace(`text: ${L('Hello there')}`, `text: ${L('Hello there, SMTP is on {port.smtp}')}`);
    const { result, text, upWhenShown } = await gated(withPort, '');
    expect(result.completed).toBe(true);
    expect(upWhenShown).toBe(true);
    expect(text).toMatch(/SMTP is on \d+/);
    expect(text).not.toContain('{port.smtp}');
    expect(text.indexOf('Lab servers for this lesson')).toBeLessThan(text.indexOf('Step 1/'));
  });
});
