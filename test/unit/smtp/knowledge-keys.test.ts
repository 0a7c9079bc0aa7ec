import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/i18n.js';
import { FailureRules, parseFailRule } from '../../../src/protocols/smtp/failure-rules.js';
import { smtpKnowledge } from '../../../src/protocols/smtp/knowledge/index.js';
import type { SmtpSessionOptions } from '../../../src/protocols/smtp/session.js';
import { b64, makeSession } from './fixtures.js';

/**
 * Knowledge keys: the session puts a key on every line it answers, and describe(key, lang)
 * says exactly what the transcript said before keys existed. explanations.json was recorded
 * by driving these same dialogs through the session of main f903078 (before issue 13) and
 * writing down session.explain() for each client and server line, in English and Japanese.
 */
const lines = (...l: string[]) => l.map((x) => `${x}\r\n`).join('');
const DIALOGS: ReadonlyArray<{ name: string; opts: Partial<SmtpSessionOptions>; rules?: string[]; input: string }> = [
  {
    name: 'a whole session: EHLO, HELP, three AUTH mechanisms, a message with content lines, errors, HTTP',
    opts: { tls: { starttls: true }, transcriptDataLines: true },
    input:
      lines('EHLO client.example', 'HELP', 'HELP MAIL', 'VRFY bob', 'NOOP', 'AUTH LOGIN', b64('alice'), b64('wrong'), 'AUTH CRAM-MD5', '*', 'AUTH PLAIN', b64('\0alice\0wonderland')) +
      lines('MAIL FROM:<alice@example.com> SIZE=100', 'RCPT TO:<bob@example.com>', 'RCPT TO:<not an address>', 'DATA', 'Subject: hi', '', '..a dotted line', 'hello') +
      '.\n' +
      lines('', '.', 'MAIL FROM:<x@example.com> BOGUS=1', 'RCPT TO:<a@example.com>', 'FROB', 'RSET', 'GET / HTTP/1.1'),
  },
  {
    name: 'failure rules: a temporary and a permanent refusal and a slow reply',
    rules: ['rcpt:*@bounce.test=550 5.1.1', 'mail:slow@*=delay 5ms', 'data:late@*=delay 5ms'],
    opts: {},
    input: lines(
      ...['HELO c.test', 'MAIL FROM:<app@example.com>', 'RCPT TO:<gone@bounce.test>', 'RCPT TO:<tempfail-451@example.com>', 'RSET', 'MAIL FROM:<slow@example.com>', 'RSET'],
      ...['MAIL FROM:<late@example.com>', 'RCPT TO:<b@example.com>', 'DATA', 'hi', '.', 'QUIT'],
    ),
  },
];

type Recorded = Array<{ name: string; lines: Array<[dir: 'C' | 'S', text: string, en: string | null, ja: string | null]> }>;
const RECORDED = JSON.parse(readFileSync(join(import.meta.dirname, 'explanations.json'), 'utf8')) as Recorded;

/** Each transcript line of a dialog with the key the session attached to it, described in en and ja. */
async function describedLines(d: (typeof DIALOGS)[number]) {
  const failures = d.rules ? new FailureRules(d.rules.map((s, i) => parseFailRule(s, `rule ${i + 1}`)), () => 0) : undefined;
  const h = makeSession({ ...d.opts, ...(failures ? { failures } : {}) });
  await h.wire.start();
  await h.wire.send(d.input);
  const out: Array<[string, string, string | null, string | null]> = [];
  const say = (ref: Parameters<NonNullable<typeof smtpKnowledge.describe>>[0] | null | undefined) => LANGS.map((lang) => (ref ? smtpKnowledge.describe!(ref, lang) : null));
  for (const { frame, step } of h.wire.steps) {
    if (frame?.kind === 'line' && !step.client?.silent) out.push(['C', frame.line.toString('latin1'), ...(say(step.client?.knowledge) as [string | null, string | null])]);
    step.out.forEach((item, i) => out.push(['S', String(item), ...(say(step.knowledge?.[i]) as [string | null, string | null])]));
  }
  return out;
}

describe('SMTP knowledge keys', () => {
  it('recorded both dialogs in both languages', () => {
    expect(LANGS).toEqual(['en', 'ja']);
    expect(RECORDED.map((r) => r.name)).toEqual(DIALOGS.map((d) => d.name));
  });

  it.each(DIALOGS.map((d, i) => [d.name, i] as const))('describe(step key) says what the transcript said before keys: %s', async (_name, i) => {
    const got = await describedLines(DIALOGS[i]!);
    expect(got).toEqual(RECORDED[i]!.lines);
  });

  it('a key a handler gives with its reply is the key of the reply text (the queue id line, also when delayed)', async () => {
    for (const d of DIALOGS) {
      const failures = d.rules ? new FailureRules(d.rules.map((s, i) => parseFailRule(s, `rule ${i + 1}`)), () => 0) : undefined;
      const h = makeSession({ ...d.opts, ...(failures ? { failures } : {}) });
      await h.wire.start();
      await h.wire.send(d.input);
      for (const { step } of h.wire.steps) step.out.forEach((item, i) => expect(step.knowledge?.[i], String(item)).toEqual(smtpKnowledge.serverKey!(String(item))));
    }
  });

  it('keys carry no language: reply code and enhanced code, the decoded challenge, the simulation', () => {
    expect(smtpKnowledge.serverKey!('250 2.1.5 Ok')).toEqual({ key: 'reply', params: { code: '250', enhanced: '2.1.5' } });
    expect(smtpKnowledge.serverKey!('334 VXNlcm5hbWU6')).toEqual({ key: 'reply', params: { code: '334', challenge: 'Username:' } });
    expect(smtpKnowledge.serverKey!('250-PIPELINING')).toEqual({ key: 'ehlo-keyword', params: { keyword: 'PIPELINING' } });
    expect(smtpKnowledge.serverKey!('250-h.example Hello c')).toEqual({ key: 'ehlo-greeting' });
    expect(smtpKnowledge.serverKey!('451 4.3.0 <a@b.example>: Local error: simulated failure (l7lab rule 1)')).toEqual({
      key: 'reply',
      params: { code: '451', enhanced: '4.3.0', simulated: 'temporary' },
    });
    expect(smtpKnowledge.serverKey!('hello')).toBeNull();
    expect(smtpKnowledge.serverKey!('699 nothing')).toBeNull();
  });

  it('client keys: a known command, or the line kind inside a multi-line step', () => {
    expect(smtpKnowledge.clientKey!('mail FROM:<a@b.example>')).toEqual({ key: 'command', params: { command: 'MAIL' } });
    expect(smtpKnowledge.clientKey!('FROB')).toBeNull();
    expect(smtpKnowledge.clientKey!('AGFsaWNl', 'sasl')).toEqual({ key: 'sasl' });
    expect(smtpKnowledge.clientKey!('.', 'data-bare-dot')).toEqual({ key: 'data-bare-dot' });
    expect(smtpKnowledge.clientKey!('x', 'nonsense')).toBeNull();
    expect(smtpKnowledge.describe!({ key: 'data-end', params: { size: 10, lines: 1 } }, 'en')).toBe('end of data: the message (10 octets in 1 line) is complete');
    expect(smtpKnowledge.describe!({ key: 'data-end', params: { size: 10, lines: 2 } }, 'ja')).toBe('データの終わり: メッセージ（2 行、10 オクテット）が完成しました');
    expect(smtpKnowledge.describe!({ key: 'no-such-key' }, 'en')).toBeNull();
  });

  it('the text alone gives the same words as the step key (for a server that is not the lab)', async () => {
    const h = makeSession();
    await h.wire.start();
    await h.wire.line('EHLO c.example');
    const step = h.wire.steps.at(-1)!.step;
    expect(smtpKnowledge.explainClientLine('EHLO c.example', 'ja')).toBe(smtpKnowledge.describe(step.client!.knowledge!, 'ja'));
    expect(smtpKnowledge.explainServerLine(String(step.out[1]), 'ja')).toBe(smtpKnowledge.describe(step.knowledge![1]!, 'ja'));
  });
});
