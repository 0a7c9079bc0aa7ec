import { beforeAll, describe, expect, it } from 'vitest';
import { checkLesson, type CheckContext } from '../../../src/tutor/checker.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { formatProblem } from '../../../src/tutor/problems.js';

/**
 * The checker's rules for what the learner reads (issue 14, items 6, 8 and 9): an input step
 * without instruction text, a `{name}` nothing fills (it would be shown raw), unbalanced
 * backticks. Each lesson below differs from a valid one by exactly the problem named.
 */
let ctx: CheckContext;
beforeAll(async () => {
  ctx = { knowledge: KNOWLEDGE, lessonIds: new Set(['t']) };
});

const QUIZ = `
  - id: q
    kind: quiz
    question: { en: Which?, ja: どれですか？ }
    choices:
      - { text: { en: a, ja: あ }, correct: true, explain: { en: yes, ja: はい } }
      - { text: { en: b, ja: い }, explain: { en: no, ja: いいえ } }`;

function lesson(steps: string, head = ''): string {
  return `id: t
title: { en: T, ja: テ }
summary: { en: S${head}, ja: エス }
minutes: 5
labs: { main: { tls: true } }
steps:
  - { id: open, kind: connect, connection: laptop, protocol: smtp, explain: { en: hi, ja: こんにちは } }
${steps}${QUIZ}
`;
}

function problems(source: string): string[] {
  const { lesson: parsed, problems: parse } = parseLesson('/t.yaml', source);
  expect(parse).toEqual([]);
  return checkLesson('t.yaml', parsed!, ctx).map(formatProblem);
}

const SEND = (text: string, explain = 'e', hint = 'h') =>
  `  - { id: ehlo, kind: send, connection: laptop, text: { en: "${text}", ja: "て" }, command: "EHLO a", expect: "250", hint: { en: "${hint}", ja: ひ }, explain: { en: "${explain}", ja: え }, capture: { name: '^250-(\\S+)' } }`;

describe('lesson checker: what the learner reads', () => {
  it('accepts placeholders that are filled by then, and balanced backticks', () => {
    expect(problems(lesson(SEND('Type `EHLO a` for {host}', 'the server is {name}', 'call it {name}')))).toEqual([]);
  });

  it('rejects an input step without instruction text (a starttls step that says nothing)', () => {
    const out = problems(lesson('  - { id: up, kind: starttls, connection: laptop, explain: { en: e, ja: え } }'));
    expect(out).toEqual(['t.yaml: step up: field text: this step asks the learner for input: say what to type']);
    expect(problems(lesson('  - { id: up, kind: starttls, connection: laptop, text: { en: "Type `STARTTLS`", ja: "`STARTTLS` と入力" }, explain: { en: e, ja: え } }'))).toEqual([]);
  });

  it('rejects a placeholder in a text shown before the step that captures it', () => {
    expect(problems(lesson(SEND('Your name is {name}')))).toEqual([
      't.yaml: step ehlo: field text.en: {name} is not filled here (no earlier step captures it), so the learner would see it raw',
    ]);
  });

  it('rejects a placeholder that no step ever captures, in any language and field', () => {
    const src = lesson(`  - { id: c, kind: compute, op: base64, input: alice, into: user64, explain: { en: "kept as {plain}", ja: "{prompt_text} です" } }`);
    expect(problems(src)).toEqual([
      't.yaml: step c: field explain.en: {plain} is not filled here (no earlier step captures it), so the learner would see it raw',
      't.yaml: step c: field explain.ja: {prompt_text} is not filled here (no earlier step captures it), so the learner would see it raw',
    ]);
  });

  it('lets a compute step explain its own result', () => {
    expect(problems(lesson(`  - { id: c, kind: compute, op: base64, input: alice, into: user64, explain: { en: "{user64}", ja: "{user64} です" } }`))).toEqual([]);
  });

  it('rejects unbalanced backticks, also in the lesson summary', () => {
    expect(problems(lesson(SEND('Run `l7lab serve and see')))).toEqual(['t.yaml: step ehlo: field text.en: unbalanced backticks: a code span is opened and never closed']);
    expect(problems(lesson(SEND('t'), ' with `one'))).toEqual(['t.yaml: field summary.en: unbalanced backticks: a code span is opened and never closed']);
  });

  it('rejects a text that counts the questions wrong (review said nine and asked ten)', () => {
    expect(problems(lesson(SEND('t'), ' in three questions'))).toEqual(['t.yaml: field summary.en: says 3 questions but the lesson asks 1']);
    expect(problems(lesson(SEND('t'), ' in one question'))).toEqual([]);
  });

  it('rejects a right answer whose explanation starts with "Right." (shown after a miss too)', () => {
    const src = lesson(SEND('t')).replace('correct: true, explain: { en: yes, ja: はい }', 'correct: true, explain: { en: Right. yes, ja: そのとおり。はい }');
    expect(problems(src)).toEqual([
      't.yaml: step q: field choices[0].explain: starts by saying it is right; the engine says that, and after a miss this text explains the answer',
    ]);
  });

  it('leaves IMAP literal notation such as {12} alone', () => {
    expect(problems(lesson(SEND('A literal {12} announces 12 octets')))).toEqual([]);
  });

  it('rejects a diagram wider than 80 columns, counting wide characters as two', () => {
    const wide = 'あ'.repeat(41);
    const out = problems(lesson(`  - { id: d, kind: say, text: { en: t, ja: て }, diagram: { en: "x", ja: "${wide}" } }`));
    expect(out).toEqual(['t.yaml: step d: field diagram.ja: line 1 is 82 columns wide; diagrams are never wrapped, keep them within 80']);
  });

  it('rejects a vertical line one column off in a Japanese diagram (issue 14: the pop3 border at 45/46)', () => {
    // Drawn as if 接続 took two columns: the │ lands one column left of the ┘ it should meet.
    const broken = '接続 ──┐\n      │\n      └──> 切断';
    const fixed = '接続 ──┐\n       │\n       └──> 切断';
    const yaml = (art: string) => `  - id: d\n    kind: say\n    text: { en: t, ja: て }\n    diagram:\n      en: "x"\n      ja: |\n${art.split('\n').map((l) => `        ${l}`).join('\n')}\n`;
    expect(problems(lesson(yaml(broken)))).toEqual([
      't.yaml: step d: field diagram.ja: line 1 column 8 "┐" misses the line below by a column (wide characters count as two columns)',
      't.yaml: step d: field diagram.ja: line 2 column 7 "│" misses the line above by a column (wide characters count as two columns)',
    ]);
    expect(problems(lesson(yaml(fixed)))).toEqual([]);
  });
});

describe('hands-on steps accept what the learner builds (issue 14, item 8)', () => {
  it('smtp-auth: AUTH PLAIN with any base64 string, the name as YWxpY2U=, the CRAM answer as base64; never a helper line', async () => {
    const { loadLesson, defaultLessonsDir } = await import('../../../src/tutor/loader.js');
    const { isAccepted } = await import('../../../src/tutor/steps/send.js');
    const auth = await loadLesson('smtp-auth', defaultLessonsDir());
    const step = (id: string) => {
      const s = auth.steps.find((x) => x.id === id);
      if (s?.kind !== 'send') throw new Error(`no send step ${id}`);
      return s;
    };
    // printf '\0alice\0wonderland' | base64, and the same with authzid "alice" (RFC 4616 2): both log in.
    expect(Buffer.from('\0alice\0wonderland').toString('base64')).toBe('AGFsaWNlAHdvbmRlcmxhbmQ=');
    for (const typed of ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'auth plain YWxpY2UAYWxpY2UAd29uZGVybGFuZA==']) expect(isAccepted(step('plain-auth'), typed, '')).toBe(true);
    for (const typed of ['AUTH PLAIN alice wonderland', ':plain alice wonderland', 'AUTH PLAIN']) expect(isAccepted(step('plain-auth'), typed, '')).toBe(false);
    expect(isAccepted(step('login-user'), Buffer.from('alice').toString('base64'), '')).toBe(true);
    expect(isAccepted(step('login-user'), 'alice', '')).toBe(false);
    expect(isAccepted(step('cram-answer'), 'YWxpY2UgOWVkYTJmYzY2ZjM1ZDc2MGE0ZmEyNzU0ZDhkZGM3YzE=', '')).toBe(true);
    expect(isAccepted(step('cram-answer'), ':cram alice wonderland', '')).toBe(false);
    // The helpers are taught where they are needed, in both languages.
    for (const [id, helper] of [
      ['login-user-build', ':b64 alice'],
      ['plain-build', ':plain alice wonderland'],
      ['cram-answer', ':cram alice wonderland'],
    ] as const) {
      const s = auth.steps.find((x) => x.id === id);
      const text = s && 'text' in s ? s.text : undefined;
      expect(text?.en).toContain(`\`${helper}\``);
      expect(text?.ja).toContain(`\`${helper}\``);
    }
  });
});
