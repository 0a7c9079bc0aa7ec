import { describe, expect, it } from 'vitest';
import { flatParts, mimeStructure } from '../../../src/commands/mime-structure.js';
import { bodyStructure } from '../../../src/protocols/imap/mime/structure.js';
import { parseTree } from '../../../src/protocols/imap/mime/tree.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const pdf = Buffer.from('%PDF-1.4 not really a pdf, 37 bytes');

const NESTED = crlf([
  'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>',
  'Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'caf=C3=A9',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>café</p>',
  '--inner--',
  '--outer',
  'Content-Type: application/pdf; name="=?UTF-8?B?6KuL5rGC5pu4LnBkZg==?="',
  'Content-Disposition: attachment; filename*=UTF-8\'\'%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf',
  'Content-Transfer-Encoding: base64',
  '',
  pdf.toString('base64'),
  '--outer',
  'Content-Type: message/rfc822',
  '',
  'Subject: =?UTF-8?Q?inner_one?=',
  'Content-Type: multipart/mixed; boundary=x',
  '',
  '--x',
  'Content-Type: text/plain',
  '',
  'a',
  '--x',
  'Content-Type: image/png',
  'Content-Transfer-Encoding: base64',
  '',
  'AAEC',
  '--x--',
  '--outer--',
  '',
]);

describe('mimeStructure: the whole MIME tree, numbered as IMAP numbers it (RFC 3501 6.4.5)', () => {
  const tree = mimeStructure(NESTED);
  const parts = flatParts(tree);

  it('numbers nested multiparts and an enclosed message with dots; the top multipart has no number', () => {
    expect(parts.map((p) => [p.part, p.type])).toEqual([
      [null, 'multipart/mixed'],
      ['1', 'multipart/alternative'],
      ['1.1', 'text/plain'],
      ['1.2', 'text/html'],
      ['2', 'application/pdf'],
      ['3', 'message/rfc822'],
      [null, 'multipart/mixed'],
      ['3.1', 'text/plain'],
      ['3.2', 'image/png'],
    ]);
  });

  it('decodes headers (RFC 2047, also ISO-2022-JP) and file names (RFC 2047 in name, RFC 2231 in filename)', () => {
    expect(tree.header).toEqual({ subject: 'テスト', from: '山田 <yamada@example.jp>' });
    const attachment = parts[4];
    expect(attachment?.params).toEqual({ name: '請求書.pdf' });
    expect(attachment?.dispositionParams).toEqual({ filename: '請求書.pdf' });
    expect(attachment).toMatchObject({ disposition: 'attachment', filename: '請求書.pdf', encoding: 'base64', decodedSize: pdf.length });
    expect(attachment?.size).toBe(pdf.toString('base64').length);
    expect(parts[6]?.header?.subject).toBe('inner one');
  });

  it('gives each leaf its decoded and encoded size and its encoding (null: 7bit by default)', () => {
    expect(parts[2]).toMatchObject({ encoding: 'quoted-printable', params: { charset: 'utf-8' }, size: 'caf=C3=A9'.length, decodedSize: 5 });
    expect(parts[3]).toMatchObject({ encoding: null, decodedSize: '<p>café</p>'.length + 1 });
    expect(parts[0]).toMatchObject({ params: { boundary: 'outer' }, decodedSize: null, notes: [] });
  });

  it('agrees with BODYSTRUCTURE, part for part (the same tree underneath)', () => {
    const wire = bodyStructure(parseTree(NESTED), true);
    for (const p of parts.filter((x) => !x.type.startsWith('multipart/'))) {
      const [type, subtype] = p.type.split('/');
      expect(wire.toLowerCase()).toContain(`("${type}" "${subtype}"`);
    }
  });
});

describe('broken MIME: what can be read, and a note (RFC 2046 5.1.1)', () => {
  it('a missing close delimiter: the parts are there, the multipart is flagged', () => {
    const tree = mimeStructure(crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'one', '--b', '', 'two', '']));
    expect(flatParts(tree).map((p) => p.part)).toEqual([null, '1', '2']);
    expect(tree.notes).toEqual(['noCloseDelimiter']);
    expect(tree.parts[1]?.type).toBe('text/plain');
  });

  it('a nested multipart left open is flagged on itself, not on its parent', () => {
    const tree = mimeStructure(
      crlf(['Content-Type: multipart/mixed; boundary=a', '', '--a', 'Content-Type: multipart/alternative; boundary=b', '', '--b', '', 'x', '--a', '', 'y', '--a--', '']),
    );
    expect(tree.notes).toEqual([]);
    expect(tree.parts[0]?.notes).toEqual(['noCloseDelimiter']);
  });

  it('no boundary parameter: one text/plain part, as IMAP reads it, with the declared type kept', () => {
    const tree = mimeStructure(crlf(['Subject: x', 'Content-Type: multipart/mixed', '', '--b', '', 'text', '--b--', '']));
    expect(tree).toMatchObject({ part: '1', type: 'text/plain', declared: 'multipart/mixed', notes: ['noBoundary'], parts: [] });
  });

  it('a boundary that never occurs: same, noted differently', () => {
    const tree = mimeStructure(crlf(['Content-Type: multipart/mixed; boundary=zz', '', 'just text', '']));
    expect(tree).toMatchObject({ part: '1', type: 'text/plain', declared: 'multipart/mixed', notes: ['noDelimiter'] });
  });

  it('no header at all, or no body: still one part', () => {
    expect(mimeStructure(Buffer.from('')).part).toBe('1');
    expect(mimeStructure(Buffer.from('just a line')).type).toBe('text/plain');
  });
});
