import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/i18n.js';
import { SMTP_COMMANDS } from '../../../src/protocols/smtp/commands/index.js';
import { smtpKnowledge } from '../../../src/protocols/smtp/knowledge/index.js';

const SRC = join(import.meta.dirname, '../../../src/protocols/smtp');

/** Every reply code written in the SMTP sources (`'250 ...'`, `` `421 ...` ``). */
function codesInSource(): Set<string> {
  const files = [...readdirSync(SRC).map((f) => join(SRC, f)), ...readdirSync(join(SRC, 'commands')).map((f) => join(SRC, 'commands', f))];
  const codes = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.ts') && !f.includes('knowledge'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['`]([2-5]\d\d)[ -]/g)) codes.add(m[1] as string);
    for (const m of readFileSync(file, 'utf8').matchAll(/SmtpReplyError\((\d{3})/g)) codes.add(m[1] as string);
    for (const m of readFileSync(file, 'utf8').matchAll(/SmtpSyntaxError\([^)]*?, (\d{3}),/g)) codes.add(m[1] as string);
  }
  return codes;
}

const hasJapanese = (s: string) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

describe('SMTP knowledge', () => {
  it('explains every command the dispatcher knows, with syntax, states, RFC and an example', () => {
    expect([...smtpKnowledge.commands.keys()].sort()).toEqual([...SMTP_COMMANDS.keys()].sort());
    for (const c of smtpKnowledge.commands.values()) {
      expect(c.syntax.startsWith(c.name)).toBe(true);
      expect(c.states.length).toBeGreaterThan(0);
      expect(c.rfc).toMatch(/^RFC \d+ [\d.]+$/);
      expect(c.example.some((l) => l.startsWith(`C: ${c.name}`))).toBe(true);
      for (const lang of LANGS) expect(c.summary[lang].length).toBeGreaterThan(20);
      expect(hasJapanese(c.summary.ja)).toBe(true);
    }
  });

  it('has an entry for every reply code the server sends, and the four classes', () => {
    const sent = codesInSource();
    expect(sent.size).toBeGreaterThan(15);
    for (const code of sent) expect(smtpKnowledge.replies.has(code), `reply ${code}`).toBe(true);
    for (const cls of ['2xx', '3xx', '4xx', '5xx']) expect(smtpKnowledge.replies.has(cls)).toBe(true);
    for (const r of smtpKnowledge.replies.values()) expect(hasJapanese(r.meaning.ja), r.code).toBe(true);
  });

  it('describes every state of the union', () => {
    expect([...smtpKnowledge.states.keys()].sort()).toEqual(['AUTH', 'CLOSED', 'CONNECTED', 'DATA', 'GREETED', 'MAIL', 'RCPT']);
    for (const s of smtpKnowledge.states.values()) expect(hasJapanese(s.meaning.ja)).toBe(true);
  });

  it.each([
    ['354 End data with <CR><LF>.<CR><LF>', 'en', '354: go ahead, end your message with a line holding only a dot'],
    ['354 End data with <CR><LF>.<CR><LF>', 'ja', '354: 送信を始めてください。ドット 1 つだけの行でメッセージを終えます'],
    ['250-PIPELINING', 'en', 'PIPELINING: the client may send several commands without waiting for each reply (RFC 2920)'],
    ['250-l7lab.localhost Hello c', 'en', '250: the server greets you by name; the lines that follow list its extensions'],
    ['250 2.1.5 Ok', 'en', '250: recipient accepted'],
    ['421 4.4.2 host Error: timeout exceeded', 'en', '421: nothing arrived for too long: the server closes the idle connection'],
    ['535 5.7.8 Authentication credentials invalid', 'ja', '535: 認証に失敗しました。ユーザー名かパスワードが間違っています（どちらかはあえて教えません）'],
    ['334 UGFzc3dvcmQ6', 'ja', '334: 認証を続けます。サーバーは base64 で符号化した次の行を待っています（base64 で「Password:」）'],
    ['599 weird', 'en', '599: permanent failure: the same command will not succeed as it is'],
  ] as const)('explains the server line %j (%s)', (line, lang, text) => {
    expect(smtpKnowledge.explainServerLine(line, lang)).toBe(text);
  });

  it('explains client lines by their command, case-insensitively, and nothing else', () => {
    expect(smtpKnowledge.explainClientLine('rcpt TO:<b@example.com>', 'en')).toMatch(/^RCPT: Add one envelope recipient/);
    expect(smtpKnowledge.explainClientLine('AUTH PLAIN AGFsaWNl', 'ja')).toMatch(/^AUTH: SASL の方式でログインします/);
    expect(smtpKnowledge.explainClientLine('FROB', 'en')).toBeNull();
    expect(smtpKnowledge.explainServerLine('hello', 'en')).toBeNull();
  });
});
