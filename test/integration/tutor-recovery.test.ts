import { join } from 'node:path';
import { squash } from '../support/text.js';
import { describe, expect, it } from 'vitest';
import { startLab } from '../../src/lab.js';
import { LessonQuit } from '../../src/tutor/control.js';
import { loadLesson } from '../../src/tutor/loader.js';
import { ProgressStore } from '../../src/tutor/progress.js';
import { runLesson } from '../../src/tutor/runner.js';
import type { Lesson } from '../../src/tutor/schema.js';
import { scratchHome } from '../unit/tutor/scratch-env.js';
import { drivenPrompts, type Plan } from '../unit/tutor/driven-prompts.js';

/**
 * Issue 14 item 1, on the real lab servers and the real lesson files: a learner whose line
 * moves the session away from where the step starts is told so, offered a way out of the
 * state they are in, Reset and Skip on a rebuilt lab, or Quit, and can always finish. Steps
 * are found by id, so the tests follow the lessons when steps are added.
 */
const LESSONS = join(process.cwd(), 'lessons');
const scratch = scratchHome('l7lab-recovery-');

async function take(id: string, plan: Plan, lang: 'en' | 'ja' = 'en', progress?: ProgressStore) {
  const lesson: Lesson = await loadLesson(id, LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text, plan);
  const result = await runLesson({ lesson, lang, auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000, ...(progress ? { progress } : {}) }).catch((err: unknown) => err);
  return { result, text, prompts, lesson };
}

describe('out-of-step recovery on the real lab', () => {
  it('smtp-basics: MAIL FROM typed where RCPT TO should get 503 is named, RSET is offered as the way out, and RCPT then gets its 503', async () => {
    const r = await take('smtp-basics', { 'skip-mail': ['MAIL FROM:<alice@example.com>', 'way-out', 'RSET', 'RCPT TO:<bob@example.com>'] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.prompts.unused()).toEqual({});
    expect(squash(r.text)).toContain(squash('Off the lesson path: the session is now in state MAIL, but this step starts from GREETED.'));
    expect(squash(r.text)).toContain(squash('Way out: type RSET.'));
    expect(squash(r.text)).toContain(squash('Back on the path'));
    expect(r.text).toMatch(/S: 503 /);
  });

  it('smtp-basics: Skip after the same mistake rebuilds the lab and never sends into the wrong state', async () => {
    const r = await take('smtp-basics', { 'skip-mail': ['MAIL FROM:<alice@example.com>', 'skip'] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(squash(r.text)).toContain(squash('A fresh lab: the earlier steps were replayed'));
    expect(squash(r.text)).toContain(squash('Skipped: l7lab sends RCPT TO:<bob@example.com>'));
  });

  it('smtp-auth: plain "alice" answered to Username: ends the exchange; the way out starts AUTH again and the lesson goes on', async () => {
    const lesson = await loadLesson('smtp-auth', LESSONS);
    const userStep = lesson.steps.find((s) => s.kind === 'send' && s.continues);
    expect(userStep).toBeDefined();
    const r = await take('smtp-auth', { [userStep!.id]: ['alice', 'way-out', 'AUTH LOGIN', ''] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.prompts.unused()).toEqual({});
    expect(squash(r.text)).toContain(squash('Off the lesson path: the exchange this step answers has ended.'));
    expect(squash(r.text)).toContain(squash('Way out: start the exchange again with AUTH LOGIN'));
    expect(squash(r.text)).toContain(squash('Back on the path'));
    // Nothing later fails because of it.
    expect(r.text).not.toMatch(/This step expected \S+; the server answered 5/);
  });

  it('smtp-auth: Reset after the broken exchange replays the steps before it on a fresh lab', async () => {
    const lesson = await loadLesson('smtp-auth', LESSONS);
    const userStep = lesson.steps.find((s) => s.kind === 'send' && s.continues)!;
    const r = await take('smtp-auth', { [userStep.id]: ['alice', 'reset', ''] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(squash(r.text)).toContain(squash('Replaying the'));
  });

  it('says so in Japanese too, and :hint off the path gives the way back, not the step\'s hint', async () => {
    const r = await take('smtp-basics', { 'skip-mail': ['MAIL FROM:<alice@example.com>', 'retry', ':hint', 'RSET', ''] }, 'ja');
    expect(r.result).toMatchObject({ completed: true });
    expect(squash(r.text)).toContain(squash('レッスンの道筋から外れました: セッションは今 MAIL 状態ですが、このステップは GREETED 状態から始まります。'));
    expect(squash(r.text)).toContain(squash('抜け方: RSET と入力してください。'));
  });
});

describe('feedback that says what is wrong (issue 14 item 9)', () => {
  it('a missing argument, a near miss and a helper line each get their own sentence; the line is still sent', async () => {
    const r = await take('smtp-basics', { ehlo: ['ehlo', 'retry', 'EHOL laptop.example', 'retry', ':b64 hello', ':help', ':hint', 'EHLO laptop.example'] });
    expect(r.result).toMatchObject({ completed: true });
    expect(squash(r.text)).toContain(squash('C: ehlo'));
    expect(squash(r.text)).toContain(squash('Right command, but EHLO needs more: EHLO laptop.example.'));
    expect(squash(r.text)).toContain(squash('C: EHOL laptop.example'));
    expect(squash(r.text)).toContain(squash('"EHOL" is not a command: did you mean EHLO?'));
    expect(squash(r.text)).toContain(squash('base64: aGVsbG8='));
    expect(squash(r.text)).toContain(squash(':plain <user> <password>'));
    expect(r.text).toMatch(/Hint: /);
    expect(squash(r.text)).not.toContain(squash('C: :'));
  });

  it('an IMAP command without its tag is named as such, in English and Japanese', async () => {
    const lesson = await loadLesson('imap', LESSONS);
    const login = lesson.steps.find((s) => s.kind === 'send' && /LOGIN/i.test(s.command))!;
    for (const lang of ['en', 'ja'] as const) {
      const r = await take('imap', { [login.id]: ['login alice wonderland', 'retry', ''] }, lang);
      expect(r.result).toMatchObject({ completed: true });
      expect(squash(r.text)).toContain(squash('C: login alice wonderland'));
      expect(squash(r.text)).toContain(squash(lang === 'en' ? 'IMAP commands start with a tag of your choice (a1, a2, ...): type a1 login alice wonderland.' : 'IMAP のコマンドは自分で決めたタグ（a1、a2 など）で始めます。'));
    }
  });
});

describe('quit everywhere (issue 14 item 2)', () => {
  it(':quit at a command prompt, at a pause and Quit in the menu stop the lesson without sending anything; progress is kept', async () => {
    const progress = await ProgressStore.open(join(scratch.dir(), 'state', 'quit-progress.json'));
    const atCommand = await take('smtp-basics', { ehlo: [':quit'] }, 'en', progress);
    expect(atCommand.result).toBeInstanceOf(LessonQuit);
    expect(atCommand.text).not.toContain('C: :quit');
    expect(progress.lesson('smtp-basics')?.done).toEqual(['intro', 'connect']);
    const atPause = await take('smtp-basics', { 'connect:pause': [':q'] });
    expect(atPause.result).toBeInstanceOf(LessonQuit);
    const inMenu = await take('smtp-basics', { ehlo: ['NOOP', 'quit'] });
    expect(inMenu.result).toBeInstanceOf(LessonQuit);
  });
});

describe('helpers at the lesson prompt build the learner\'s own AUTH strings (issue 14 item 8)', () => {
  const L = (en: string) => `{ en: "${en}", ja: "${en}（日本語）" }`;
  const YAML = `
id: hands-on
title: ${L('Hands on')}
summary: ${L('Hands on')}
minutes: 5
steps:
  - { id: open, kind: connect, connection: laptop, protocol: smtp, expect: "220", explain: ${L('greeting')} }
  - { id: ehlo, kind: send, connection: laptop, text: ${L('EHLO')}, command: "EHLO laptop.example", accept: "^EHLO\\\\s+\\\\S+$", expect: "250", hint: ${L('EHLO')}, explain: ${L('ok')} }
  - { id: plain, kind: send, connection: laptop, text: ${L('Build it with :plain alice wonderland, then AUTH PLAIN and it')}, command: "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=", accept: "^AUTH\\\\s+PLAIN\\\\s+\\\\S+$", expect: "235", hint: ${L('use :plain')}, explain: ${L('in')} }
  - { id: quit, kind: send, connection: laptop, text: ${L('QUIT')}, command: "QUIT", expect: "221", hint: ${L('QUIT')}, explain: ${L('bye')} }
  - { id: again, kind: connect, connection: phone, protocol: smtp, expect: "220", explain: ${L('greeting')} }
  - { id: ehlo2, kind: send, connection: phone, text: ${L('EHLO')}, command: "EHLO phone.example", accept: "^EHLO\\\\s+\\\\S+$", expect: "250", hint: ${L('EHLO')}, explain: ${L('ok')} }
  - { id: cram-start, kind: send, connection: phone, text: ${L('AUTH CRAM-MD5')}, command: "AUTH CRAM-MD5", expect: "334", capture: { challenge: '^334 (\\S+)' }, hint: ${L('AUTH CRAM-MD5')}, explain: ${L('challenge')} }
  - { id: cram-compute, kind: compute, op: cram-md5, user: alice, input: "{challenge}", into: cram, explain: ${L('computed')} }
  - { id: cram-answer, kind: send, connection: phone, continues: true, text: ${L('Answer with :cram alice wonderland')}, command: "{cram}", expect: "235", hint: ${L('use :cram')}, explain: ${L('in')} }
`;

  it(':plain and :cram print what the learner then types, and the steps accept it', async () => {
    const { parseLesson } = await import('../../src/tutor/loader.js');
    const { lesson, problems } = parseLesson('/virtual/hands-on.yaml', YAML);
    if (!lesson) throw new Error(problems.map((p) => p.message).join('; '));
    let text = '';
    /** The base64 the last helper printed after "send: ". */
    const printed = () => [...text.matchAll(/send: (\S+)/g)].pop()?.[1] ?? 'none';
    const plan = { plain: [':plain alice wonderland'], 'cram-answer': [':cram alice wonderland'] };
    const prompts = drivenPrompts(lesson, () => text, plan, (step, kind) => {
      if (kind !== 'input') return undefined;
      if (step === 'plain') return `AUTH PLAIN ${printed()}`;
      if (step === 'cram-answer') return printed();
      return undefined;
    });
    const result = await runLesson({ lesson, lang: 'en', auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    expect(text).toContain('send: AGFsaWNlAHdvbmRlcmxhbmQ=');
    expect(text).toContain('C: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=');
    expect(text).not.toContain('C: :');
    // The CRAM answer the learner typed is the one l7lab computed from the same challenge.
    expect(text).toMatch(/S: 235 /g);
    expect([...text.matchAll(/S: 235 /g)]).toHaveLength(2);
    expect(text).not.toContain('What now?');
  });
});

describe('DATA typed by the learner (issue 14 item 3)', () => {
  it('is dot-stuffed; the later check says in words what it looked for, and going on leaves that step not done', async () => {
    const progress = await ProgressStore.open(join(scratch.dir(), 'state', 'data-progress.json'));
    const lines = ['Subject: mine', '', '.one dot', '.'];
    const r = await take('smtp-basics', { message: ['typed', ...lines], captured: ['go-on'] }, 'en', progress);
    expect(r.result).toMatchObject({ completed: true });
    expect(squash(r.text)).toContain(squash('C: ..one dot'));
    expect(squash(r.text)).toContain(squash('You sent your own message (3 line(s), 1 of them dot-stuffed on the wire)'));
    expect(squash(r.text)).toContain(squash('The server side is not as this step expects: the prepared message, with Return-Path <alice@example.com>'));
    expect(squash(r.text)).toContain(squash('This check looks for the prepared message; you sent your own, so it is not there.'));
    expect(r.text).not.toMatch(/\/\^Return-Path|\[\\s\\S\]/);
    expect(progress.lesson('smtp-basics')?.done).not.toContain('captured');
    expect(progress.lesson('smtp-basics')?.done).toContain('message');
  });

  it('Reset at the failed check replays the prepared message, and the check passes', async () => {
    const r = await take('smtp-basics', { message: ['typed', 'Subject: mine', '', 'hello', '.'], captured: ['reset'] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    const after = r.text.slice(r.text.lastIndexOf('A fresh lab'));
    expect(after).toMatch(/The Queen <queen@wonderland\.example> +│ Tea at four/);
    expect(after).not.toContain('The server side is not as this step expects');
  });
});

describe('Reset after a STARTTLS step', () => {
  it('replays the upgrade too, so the rebuilt connection is encrypted again', async () => {
    const lesson = await loadLesson('tls', LESSONS);
    const at = lesson.steps.findIndex((s) => s.kind === 'starttls');
    const next = lesson.steps.slice(at + 1).find((s) => s.kind === 'send' && s.connection === (lesson.steps[at] as { connection: string }).connection);
    expect(next).toBeDefined();
    const r = await take('tls', { [next!.id]: ['NOOP', 'reset', ''] });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    const after = r.text.slice(r.text.indexOf('A fresh lab'));
    expect(after.split('\n').find((l) => /^laptop C: /.test(l))).toMatch(/\[TLS\]/);
  });
});
