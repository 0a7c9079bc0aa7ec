import { describe, expect, it } from 'vitest';
import { runExplain } from '../../../src/commands/explain.js';
import { runPractice } from '../../../src/commands/practice.js';
import { nearest, typoDistance } from '../../../src/edit-distance.js';
import { UsageError } from '../../../src/errors.js';
import { MessageNumberError } from '../../../src/protocols/pop3/replies.js';
import { explainSmtpContentLine } from '../../../src/protocols/smtp/knowledge/index.js';

/** Issue 21 item 3: one "did you mean" for a mistyped protocol, and plurals that agree. */
async function usageError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('did you mean', () => {
  it('a swap of two letters is one typo; a different word is not', () => {
    expect(typoDistance('smpt', 'smtp')).toBe(1);
    expect(typoDistance('http', 'smtp')).toBe(2);
    expect(nearest('smpt', ['smtp', 'pop3', 'imap'], 1)).toBe('smtp');
    expect(nearest('http', ['smtp', 'pop3', 'imap'], 1)).toBeNull();
    expect(nearest('smtp', ['smtp'])).toBeNull();
    expect(nearest('prots', ['ports', 'serve'])).toBe('ports');
  });

  it('practice smpt and explain smpt suggest smtp, in the same style as learn (en and ja)', async () => {
    expect(await usageError(() => runPractice('smpt', { lang: 'en' }))).toBe('unknown protocol "smpt" (did you mean smtp?): use smtp, pop3, imap, http or dns');
    expect(await usageError(() => runExplain('POP', '250', { lang: 'en' }, { write: () => undefined }))).toContain('(did you mean pop3?)');
    expect(await usageError(() => runPractice('smpt', { lang: 'ja' }))).toBe('未知のプロトコル「smpt」です（smtp のことですか？）。smtp、pop3、imap、http、dns のどれかを指定してください');
    expect(await usageError(() => runPractice('htp', { lang: 'en' }))).toBe('unknown protocol "htp" (did you mean http?): use smtp, pop3, imap, http or dns');
    expect(await usageError(() => runPractice('dnss', { lang: 'en' }))).toBe('unknown protocol "dnss" (did you mean dns?): use smtp, pop3, imap, http or dns');
  });
});

describe('plurals', () => {
  it('POP3 keeps RFC 1939 5 wording in the right number', () => {
    expect(new MessageNumberError(2, 'no-such-message', 1).message).toBe('no such message, only 1 message in maildrop');
    expect(new MessageNumberError(4, 'no-such-message', 3).message).toBe('no such message, only 3 messages in maildrop');
    expect(new MessageNumberError(1, 'no-such-message', 0).message).toBe('no such message, maildrop empty');
  });

  it('the end of DATA counts one line as a line', () => {
    expect(explainSmtpContentLine('data-end', { size: 7, lines: 1 }, 'en')).toBe('end of data: the message (7 octets in 1 line) is complete');
    expect(explainSmtpContentLine('data-end', { size: 17, lines: 2 }, 'en')).toBe('end of data: the message (17 octets in 2 lines) is complete');
    expect(explainSmtpContentLine('data-end', { size: 7, lines: 1 }, 'ja')).toBe('データの終わり: メッセージ（1 行、7 オクテット）が完成しました');
  });
});
