import { describe, expect, it } from 'vitest';
import { HELPER_NAMES, parseHelper, type HelperCall } from '../../../src/practice/helpers.js';
import { complete } from '../../../src/practice/completion.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { HELPER_HELP } from '../../../src/practice/messages.js';
import { encoding } from '../../../src/practice/shell-helpers.js';
import { qpDecode, qpEncode, wordDecode, wordEncode, WORD_MAX } from '../../../src/practice/mime-helpers.js';

describe(':qp, quoted-printable (RFC 2045 6.7)', () => {
  it('escapes non-ASCII octets and "=" itself, and says why', () => {
    const r = qpEncode('Café = 1€');
    expect(r.lines).toEqual(['Caf=C3=A9 =3D 1=E2=82=AC']);
    expect(r.changes).toEqual([
      { char: 'é', escaped: '=C3=A9', reason: 'nonAscii' },
      { char: '=', escaped: '=3D', reason: 'equals' },
      { char: '€', escaped: '=E2=82=AC', reason: 'nonAscii' },
    ]);
    expect(r.softBreaks).toBe(0);
  });

  it('breaks a long line with a soft "=" so no encoded line exceeds 76 characters', () => {
    const r = qpEncode('x'.repeat(100));
    expect(r.lines).toEqual([`${'x'.repeat(75)}=`, 'x'.repeat(25)]);
    expect(r.softBreaks).toBe(1);
    expect(qpEncode('日本語のテキスト'.repeat(6)).lines.every((l) => l.length <= 76)).toBe(true);
  });

  it('round trip: what :qp makes, :qp -d gives back', () => {
    const text = `Grüße, ${'テスト'.repeat(10)} = done`;
    const encoded = qpEncode(text);
    const back = qpDecode(encoded.lines.join('\r\n'));
    expect(back.text).toBe(text);
    expect(back.softBreaks).toBe(encoded.softBreaks);
    expect(encoded.softBreaks).toBeGreaterThan(0);
  });

  it('-d names each escape, and a trailing "=" as a soft line break', () => {
    const r = qpDecode('Caf=C3=A9 =3D ok=');
    expect(r.text).toBe('Café = ok');
    expect(r.changes.map((c) => [c.escaped, c.char])).toEqual([
      ['=C3=A9', 'é'],
      ['=3D', '='],
    ]);
    expect(r.softBreaks).toBe(1);
    expect(r.notUtf8).toBe(false);
  });

  it('-d says when the octets are not UTF-8 (Latin-1 é is E9)', () => {
    expect(qpDecode('Caf=E9').notUtf8).toBe(true);
  });
});

describe(':word, RFC 2047 encoded words', () => {
  it('B by default: one UTF-8 word for a short subject, and back', () => {
    expect(wordEncode('こんにちは', 'B')).toEqual(['=?UTF-8?B?44GT44KT44Gr44Gh44Gv?=']);
    expect(wordDecode('=?UTF-8?B?44GT44KT44Gr44Gh44Gv?=')).toEqual({
      words: [{ word: '=?UTF-8?B?44GT44KT44Gr44Gh44Gv?=', charset: 'UTF-8', encoding: 'B', text: 'こんにちは' }],
      text: 'こんにちは',
    });
  });

  it.each(['B', 'Q'] as const)('%s: a subject too long for one word is split into words of at most 75 characters', (encoding) => {
    const subject = '会議のお知らせ: 来週の月曜日に第三会議室で四半期の売上報告と来期の計画について話し合います';
    const words = wordEncode(subject, encoding);
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(WORD_MAX);
    expect(wordDecode(words.join(' ')).text).toBe(subject);
  });

  it('Q: an underscore stands for a space, and a real underscore is =5F (RFC 2047 4.2)', () => {
    expect(wordDecode('=?UTF-8?Q?a_b?=').text).toBe('a b');
    expect(wordEncode('a_b c', 'Q')).toEqual(['=?UTF-8?Q?a=5Fb_c?=']);
  });

  it('decodes an ISO-2022-JP word (RFC 1468) and names its charset and encoding', () => {
    const r = wordDecode('Re: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= and more');
    expect(r.words).toEqual([{ word: '=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=', charset: 'ISO-2022-JP', encoding: 'B', text: 'テスト' }]);
    expect(r.text).toBe('Re: テスト and more');
  });

  it('text without encoded words has none', () => {
    expect(wordDecode('plain subject')).toEqual({ words: [], text: 'plain subject' });
  });
});

describe(':qp and :word in the shell (what the learner reads)', () => {
  const host = (lang: 'en' | 'ja') => ({ lang, greeting: '', challenge: null });
  const run = async (line: string, lang: 'en' | 'ja' = 'en') => (await encoding(parseHelper(line) as HelperCall, host(lang)))?.text ?? '';

  it(':qp shows the encoded line and why each octet was escaped', async () => {
    const text = await run(':qp Café = ok');
    expect(text).toContain('Caf=C3=A9 =3D ok');
    expect(text).toMatch(/é -> =C3=A9 +not ASCII/);
    expect(text).toMatch(/= -> =3D +"=" starts an escape/);
  });

  it(':qp -d decodes, keeping the spaces typed', async () => {
    expect(await run(':qp -d Caf=C3=A9  au lait')).toContain('Café  au lait');
    expect(await run(':qp -d Caf=C3=A9', 'ja')).toContain('デコード結果（quoted-printable');
  });

  it(':word is B by default, -q gives Q, -d names charset and encoding', async () => {
    expect(await run(':word 件名')).toContain('=?UTF-8?B?5Lu25ZCN?=');
    expect(await run(':word -q a b')).toContain('=?UTF-8?Q?a_b?=');
    const decoded = await run(':word -d =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=', 'ja');
    expect(decoded).toContain('デコード結果: テスト');
    expect(decoded).toContain('文字コード ISO-2022-JP');
  });

  it('a long subject is split and the split is explained', async () => {
    expect(await run(`:word ${'あ'.repeat(40)}`)).toMatch(/\d words: one may be at most 75 characters/);
  });

  it('without text, the usage line; text without encoded words says so', async () => {
    expect(await run(':qp')).toContain('usage: :qp [-d] <text>');
    expect(await run(':word -d')).toContain('usage: :word [-q|-d] <text>');
    expect(await run(':word -d hello')).toContain('no encoded word');
  });

  it('both are in the help list and complete with Tab', () => {
    expect(HELPER_HELP.map((h) => h.usage.split(' ')[0])).toEqual(expect.arrayContaining([':qp', ':word']));
    const ctx = { knowledge: KNOWLEDGE.smtp, state: null, mode: 'command' as const, helpers: HELPER_NAMES };
    expect(complete(':wo', ctx)).toEqual([[':word '], ':wo']);
    expect(complete(':q', ctx)[0]).toEqual(expect.arrayContaining([':qp ', ':quit ']));
  });
});
