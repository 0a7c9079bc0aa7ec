import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessonsDir } from '../../../src/tutor/checker.js';
import { commandKey } from '../../../src/tutor/check-layers.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { formatProblem } from '../../../src/tutor/problems.js';
import { scratch } from '../../support/scratch.js';

/** A small lesson: one connection of `protocol`, then one badged send step per [id, command, layer]. */
function lesson(id: string, protocol: string, sends: Array<[string, string, string]>, ja = 'て'): string {
  const steps = sends.map(([sid, command, layer]) => `  - { id: ${sid}, kind: send, connection: c, layer: ${layer}, text: { en: t, ja: '${ja}' }, command: '${command}', expect: '+OK', hint: { en: h, ja: ひ }, explain: { en: e, ja: え } }`);
  return [
    `id: ${id}`,
    'title: { en: Fixture, ja: フィクスチャ }',
    'summary: { en: A lesson for the checker tests, ja: チェッカーのテスト用 }',
    'minutes: 5',
    'steps:',
    `  - { id: open, kind: connect, connection: c, protocol: ${protocol}, explain: { en: hi, ja: こんにちは } }`,
    ...steps,
    '  - { id: q, kind: quiz, question: { en: Which?, ja: どれ？ }, choices: [{ text: { en: a, ja: あ }, correct: true, explain: { en: y, ja: は } }, { text: { en: b, ja: い }, explain: { en: n, ja: い } }] }',
    '',
  ].join('\n');
}

describe('one layer badge per command across lessons', () => {
  const { tempDir } = scratch('l7lab-layers-');

  async function check(files: Record<string, string>, glossary?: string): Promise<string[]> {
    const dir = tempDir();
    await writeFile(join(dir, 'manifest.yaml'), `lessons: [${Object.keys(files).join(', ')}]\n`);
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, `${name}.yaml`), text);
    if (glossary !== undefined) await writeFile(join(dir, 'glossary.yaml'), glossary);
    return (await checkLessonsDir(dir)).problems.map((p) => formatProblem({ ...p, file: p.file.replace(`${dir}/`, '') }));
  }

  it('reports every step of a command badged L5 in one lesson and L7 in another', async () => {
    const lines = await check({
      a: lesson('a', 'pop3', [['user', 'USER alice', 'L7'], ['stat', 'STAT', 'L5']]),
      b: lesson('b', 'pop3', [['user', 'USER alice', 'L7'], ['stat', 'STAT', 'L7']]),
    });
    expect(lines).toEqual([
      'a.yaml: step stat: field layer: L5, but POP3 STAT is badged differently across the lessons (L5 1×, L7 1×): one badge per command',
      'b.yaml: step stat: field layer: L7, but POP3 STAT is badged differently across the lessons (L5 1×, L7 1×): one badge per command',
    ]);
  });

  it('passes consistent badges; IMAP tags, AUTH mechanisms and protocols are told apart', async () => {
    const lines = await check({
      a: lesson('a', 'imap', [['s1', 'a1 SELECT INBOX', 'L5'], ['s2', 'b7 SELECT INBOX', 'L5']]),
      b: lesson('b', 'smtp', [['plain', 'AUTH PLAIN AGFsaWNlAHg=', 'L6'], ['login', 'AUTH LOGIN', 'L7'], ['quit', 'QUIT', 'L5']]),
      c: lesson('c', 'pop3', [['quit', 'QUIT', 'L7']]),
    });
    expect(lines).toEqual([]);
  });

  it('finds a command badged two ways within a single lesson', async () => {
    const lines = await check({ a: lesson('a', 'smtp', [['m1', 'MAIL FROM:<a@example.com>', 'L7'], ['m2', 'mail from:<b@example.com>', 'L5']]) });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('a.yaml: step m2: field layer: L5, but SMTP MAIL is badged differently across the lessons (L7 1×, L5 1×): one badge per command');
  });

  it('keys a step by its command; a continuation line has none', () => {
    const { lesson: l } = parseLesson('x.yaml', lesson('x', 'smtp', [['a', 'AUTH plain', 'L6'], ['b', '{user64}', 'L6']]));
    const [, a, b] = l!.steps;
    expect(commandKey(a!, false)).toBe('AUTH PLAIN');
    expect(commandKey(b!, false)).toBeUndefined();
  });

  const GLOSSARY = 'terms:\n  - { idea: a laptop, use: ノートパソコン, avoid: [ノート PC, ノートPC] }\n';

  it("rejects a glossary variant in a lesson's Japanese, naming step and field", async () => {
    const lines = await check({ a: lesson('a', 'smtp', [['e', 'EHLO x', 'L7']], 'ノートPC で名乗ります') }, GLOSSARY);
    expect(lines).toEqual(['a.yaml: step e: field text.ja: "ノートPC": the course says "ノートパソコン" for a laptop (glossary.yaml)']);
  });

  it('accepts the chosen term, and a lesson set without a glossary checks no terms', async () => {
    expect(await check({ a: lesson('a', 'smtp', [['e', 'EHLO x', 'L7']], 'ノートパソコンで名乗ります') }, GLOSSARY)).toEqual([]);
    expect(await check({ a: lesson('a', 'smtp', [['e', 'EHLO x', 'L7']], 'ノートPC で名乗ります') })).toEqual([]);
  });

  it('reports a glossary whose term contains one of its own variants, and is not taken for a lesson', async () => {
    const lines = await check({ a: lesson('a', 'smtp', [['e', 'EHLO x', 'L7']]) }, 'terms:\n  - { idea: x, use: 模擬送信サーバー, avoid: [送信サーバー] }\n');
    expect(lines).toEqual(['glossary.yaml: field terms[0].avoid: "送信サーバー" is part of the term to use, "模擬送信サーバー"']);
  });
});

describe('the glossary in the UI strings', () => {
  it('no messages.ts, knowledge table or menu text uses a variant the lessons may not use', async () => {
    const { loadGlossary } = await import('../../../src/tutor/check-glossary.js');
    const { readdir, readFile } = await import('node:fs/promises');
    const { glossary } = await loadGlossary('lessons');
    const files = (await readdir('src', { recursive: true })).filter((f) => /(^|\/)(messages|menu)\.ts$|\/knowledge[^/]*(\/[^/]+)?\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const f of files) {
      const text = await readFile(join('src', f), 'utf8');
      for (const t of glossary!.terms) for (const v of t.avoid) if (text.includes(v)) found.push(`src/${f}: ${v}`);
    }
    expect(found).toEqual([]);
  });
});
