import parser from 'imapflow/lib/handler/imap-parser.js';
import { parseBodystructure } from 'imapflow/lib/tools.js';
import { describe, expect, it } from 'vitest';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { squash, textsOf } from '../support/text.js';
import { LANGS, lessonFile, manifestIds, type Lang, type RawChoice, type RawLesson, type RawStep } from '../support/lesson-files.js';
import { displayWidth } from '../../src/ui/width.js';

/**
 * The lesson mime (issue 18, part 1), played through the built bin against the real lab (SMTP
 * and IMAP on loopback) in both languages; the facts it must state, in English and Japanese;
 * its place in the manifest; and the checker's verdict. Run `npm run build` first.
 */


const home = scratch('l7lab-lessons-mime-').suiteDir();

function l7lab(args: string[]): Promise<Run> {
  return runBinIn(home, args, { L7LAB_LESSONS_DIR: '' }, 90_000);
}

function lesson(): Promise<RawLesson> {
  return lessonFile('mime');
}

const FACTS: Record<Lang, RegExp[]> = {
  en: [
    /MIME-Version: 1\.0 says the message uses MIME/,
    /"--mixed-b1--", the close delimiter \(RFC 2046 5\.1\.1\)/,
    /7bit: plain ASCII lines, the default\. 8bit:/,
    /binary: any bytes/,
    /lines of at most 76 \(6\.8\)/,
    /soft line break: a "=" at the very end of a line/,
    /at most\s+75 characters long \(RFC 2047 2\)/,
    /ISO-2022-JP \(RFC 1468\), a 7-bit code/,
    /New mail\s+uses UTF-8/,
    /Content-Disposition: attachment \(RFC 2183\)/,
    /only when every server on the way\s+advertises SMTPUTF8/,
    /Nested parentheses mirror the MIME tree \(RFC 3501 7\.4\.2\)/,
    /numbered 1\.1 \(the text\) and 1\.2 \(the HTML\)/,
    /Without PEEK the server also set \\Seen/,
  ],
  ja: [
    /MIME-Version: 1\.0 は、このメッセージが MIME を使っているという印/,
    /「--mixed-b1--」という終わりの区切り行で閉じます（RFC 2046 5\.1\.1）/,
    /7bit は ASCII だけの行で、指定がなければこれです。8bit は/,
    /binary は行の区切りもない任意のバイト列/,
    /1 行 76 文字までに区切ります（6\.8）/,
    /行のいちばん最後の「=」は「この行は次に続く」/,
    /長さは 75 文字までです（RFC 2047 2）/,
    /ISO-2022-JP（RFC 1468）で書かれてきました。7 ビットの文字コード/,
    /新しいメールは、あらゆる文字を 1 つの文字コードで表せる UTF-8 を使います/,
    /Content-Disposition: attachment（RFC 2183）/,
    /経路上のすべてのサーバーが EHLO の応答で SMTPUTF8 を示している場合に限られます/,
    /入れ子のかっこが MIME の木構造をそのまま表しています（RFC 3501 7\.4\.2）/,
    /1\.1（テキスト）、1\.2（HTML）と番号/,
    /PEEK がないので、サーバーは \\Seen も付け/,
  ],
};

const ANSWERS: Record<string, RegExp> = {
  'quiz-boundary': /^--xyz--$/,
  'quiz-soft-break': /^The line goes on/,
  'quiz-smtputf8': /^As an encoded word/,
  'quiz-part': /^FETCH 1 BODY\.PEEK\[1\.2\]$/,
};

function rightAnswer(step: RawStep): RawChoice {
  const right = (step.choices ?? []).filter((c) => c.correct === true);
  expect(right, step.id).toHaveLength(1);
  return right[0] as RawChoice;
}

describe('lesson mime: the file', () => {
  it('states its facts in English and Japanese', async () => {
    const texts = textsOf(await lesson());
    for (const lang of LANGS) for (const fact of FACTS[lang]) expect(texts[lang].join('\n'), lang).toMatch(fact);
  });

  it('marks the right answer of each quiz and explains every choice in both languages', async () => {
    const qs = (await lesson()).steps.filter((s) => s.kind === 'quiz');
    expect(qs.map((q) => q.id).sort()).toEqual(Object.keys(ANSWERS).sort());
    for (const q of qs) {
      expect(rightAnswer(q).text.en, q.id).toMatch(ANSWERS[q.id] as RegExp);
      for (const c of q.choices ?? []) for (const lang of LANGS) expect(c.explain?.[lang]?.trim() ?? '', `${q.id}: ${c.text.en}`).not.toBe('');
    }
  });

  it('sits after the IMAP lessons and before tls in the manifest', async () => {
    const ids = await manifestIds();
    expect(ids.indexOf('mime')).toBe(ids.indexOf('pop3-vs-imap') + 1);
    expect(ids[ids.indexOf('mime') + 1]).toBe('tls');
  });

  it('passes l7lab lessons --check (badges, glossary, placeholders in the prepared message)', async () => {
    const run = await l7lab(['lessons', '--check']);
    expect(run.stdout + run.stderr).not.toContain('mime.yaml');
    expect(run.code).toBe(0);
  });
});

/** The BODYSTRUCTURE line the lab's IMAP server sent in the transcript, read by imapflow's parser. */
async function bodyStructureIn(out: string): Promise<Record<string, unknown>> {
  const line = /^phone S: (\* 1 FETCH \(BODYSTRUCTURE .*)$/m.exec(out)?.[1];
  expect(line).toBeDefined();
  // attributes: [FETCH, [BODYSTRUCTURE, (the list)]]
  const parsed = await parser(Buffer.from(line as string));
  const items = (parsed.attributes ?? [])[1] as unknown as unknown[];
  return parseBodystructure(items[1] as never) as unknown as Record<string, unknown>;
}

describe('lesson mime plays in --auto against the real lab', { timeout: 120_000 }, () => {
  for (const lang of LANGS) {
    it(`${lang}: the encoded Subject, QP with a soft break, base64 lines, SMTPUTF8, the server's tree, PEEK then \\Seen`, async () => {
      const run = await l7lab(['learn', 'mime', '--auto', '--lang', lang]);
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toContain('MISMATCH');
      expect(run.code).toBe(0);
      const out = run.stdout;
      expect(out).toContain(lang === 'en' ? 'Lesson complete' : 'レッスン完了');
      // Every tutor line fits 80 columns (wire lines are never wrapped).
      expect(out.split('\n').filter((l) => !/^\S+ [CS]: /.test(l) && displayWidth(l) > 80)).toEqual([]);
      for (const q of (await lesson()).steps.filter((s) => s.kind === 'quiz')) {
        expect(squash(out)).toContain(squash(`${lang === 'en' ? 'The right answer: ' : '正解: '}${rightAnswer(q).text[lang]}`));
      }
      // SMTP: the computed values went on the wire inside the message.
      expect(out).toMatch(/^laptop S: 250-SMTPUTF8$/m);
      expect(out).toContain('laptop C: Subject: =?UTF-8?B?5Lya6K2w44Gu6LOH5paZ?=');
      expect(out).toMatch(/^laptop C: Hi Bob, .*caf=C3=A9 .*=$/m);
      expect(out).toMatch(/^laptop C: eyJ[A-Za-z0-9+/]{73}$/m);
      expect(out).toContain('laptop C: --mixed-b1--');
      expect(out).toContain('laptop C: MAIL FROM:<alice@example.com> BODY=8BITMIME SMTPUTF8');
      expect(out).toContain('laptop C: Subject: 会議の資料');
      expect((out.match(/^laptop S: 250 2\.0\.0 Ok: queued as/gm) ?? []).length).toBe(2);
      // IMAP: both subjects as stored, the tree, the part header, the QP part, then BODY[2] sets \Seen.
      expect(out).toMatch(/^phone S: \* 2 EXISTS$/m);
      expect(out).toMatch(/^phone S: Subject: =\?UTF-8\?B\?5Lya6K2w44Gu6LOH5paZ\?=$/m);
      expect(out).toMatch(/^phone S: Subject: 会議の資料$/m);
      const tree = await bodyStructureIn(out);
      const kids = tree.childNodes as Array<Record<string, unknown>>;
      expect(tree.type).toBe('multipart/mixed');
      expect(kids.map((k) => k.type)).toEqual(['multipart/alternative', 'application/json']);
      expect((kids[0]?.childNodes as Array<Record<string, unknown>>).map((k) => `${String(k.part)} ${String(k.type)} ${String(k.encoding)}`)).toEqual(['1.1 text/plain quoted-printable', '1.2 text/html 7bit']);
      expect(kids[1]).toMatchObject({ part: '2', encoding: 'base64', disposition: 'attachment', dispositionParameters: { filename: 'agenda.json' } });
      expect(out).toMatch(/^phone S: Content-Type: multipart\/alternative; boundary="alt-b2"$/m);
      // What the server said to the PEEKs carries no FLAGS: nothing changed.
      const peeked = out.slice(out.indexOf('phone C: b5 '), out.indexOf('phone C: b7 ')).split('\n').filter((l) => l.startsWith('phone S: '));
      expect(peeked.length).toBeGreaterThan(4);
      expect(peeked.join('\n')).not.toContain('FLAGS');
      expect(out.slice(out.indexOf('phone C: b7 '))).toMatch(/^phone S: TUFQIl19 FLAGS \(\\Seen/m);
    });
  }
});
