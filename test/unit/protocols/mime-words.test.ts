import libmime from 'libmime';
import * as libqp from 'libqp';
import { describe, expect, it } from 'vitest';
import { ENCODED_WORD_MAX, MIME_LINE, base64Lines, encodedWord, quotedPrintable } from '../../../src/protocols/mime-words.js';

/** The encodings the mime lesson builds: each decodes back to its input and keeps the RFC's lengths. */
describe('mime-words', () => {
  it('builds B and Q encoded words of UTF-8 text that decode back (RFC 2047 4.1, 4.2)', () => {
    expect(encodedWord('会議の資料', 'B')).toBe('=?UTF-8?B?5Lya6K2w44Gu6LOH5paZ?=');
    const q = encodedWord('会議の資料', 'Q');
    expect(q).toBe('=?UTF-8?Q?=E4=BC=9A=E8=AD=B0=E3=81=AE=E8=B3=87=E6=96=99?=');
    expect(libmime.decodeWords(q as string)).toBe('会議の資料');
  });

  it('refuses a text that does not fit in one word of 75 characters (RFC 2047 2)', () => {
    const long = '会議の資料'.repeat(4);
    expect(libmime.encodeWord(long, 'B').length).toBeGreaterThan(ENCODED_WORD_MAX);
    expect(encodedWord(long, 'B')).toBeNull();
  });

  it('writes quoted-printable with =XX escapes and a soft line break within 76 characters (RFC 2045 6.7)', () => {
    const text = 'Hi Bob, the agenda is attached. Coffee at the café at 10:00? — Alice';
    const qp = quotedPrintable(text);
    const lines = qp.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/=$/);
    expect(qp).toContain('caf=C3=A9');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(MIME_LINE);
    expect(libqp.decode(qp.replace(/\n/g, '\r\n')).toString('utf8')).toBe(text);
  });

  it('writes base64 in lines of at most 76 characters (RFC 2045 6.8)', () => {
    const text = 'x'.repeat(100);
    const lines = base64Lines(text).split('\n');
    expect(lines.map((l) => l.length)).toEqual([76, 60]);
    expect(Buffer.from(lines.join(''), 'base64').toString('utf8')).toBe(text);
  });
});
