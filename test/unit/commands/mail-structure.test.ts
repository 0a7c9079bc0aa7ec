import { describe, expect, it } from 'vitest';
import { fit, renderStructure, showStructure } from '../../../src/commands/mail-structure.js';
import { mimeStructure } from '../../../src/commands/mime-structure.js';
import { displayWidth, stripAnsi } from '../../../src/ui/width.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const MSG = crlf([
  'Subject: =?UTF-8?B?6KuL5rGC5pu4?=',
  'Content-Type: multipart/mixed; boundary="----=_Part_0_1234567890.1700000000000_with_a_rather_long_tail"',
  '',
  '------=_Part_0_1234567890.1700000000000_with_a_rather_long_tail',
  'Content-Type: multipart/alternative; boundary=alt',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'caf=C3=A9',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>hi</p>',
  '--alt--',
  '------=_Part_0_1234567890.1700000000000_with_a_rather_long_tail',
  'Content-Type: application/octet-stream; name="=?UTF-8?B?6KuL5rGC5pu4X-OBhOOBoeOBsOOCk-mVt-OBhOODleOCoeOCpOODq-WQjeOBp-OBmeOBrS5iaW4=?="',
  'Content-Disposition: attachment',
  'Content-Transfer-Encoding: base64',
  '',
  'AAECAw==',
  '',
]);

describe('mail show --structure, as text', () => {
  const en = stripAnsi(renderStructure(mimeStructure(MSG), 'en'));

  it('draws the tree: numbers, types, parameters, encodings, sizes', () => {
    expect(en.split('\n')[0]).toContain('RFC 3501 6.4.5');
    expect(en).toContain('├─ 1  multipart/alternative  boundary=alt');
    expect(en).toContain('│  ├─ 1.1  text/plain  charset=utf-8');
    expect(en).toContain('quoted-printable · 5 B decoded, 9 B as sent');
    expect(en).toContain('│  └─ 1.2  text/html  charset=utf-8');
    expect(en).toContain('7bit (no Content-Transfer-Encoding');
    expect(en).toContain('└─ 2  application/octet-stream');
    expect(en).toContain('name="請求書_いちばん長いファイル名ですね.bin"');
    expect(en).toContain('Subject: 請求書');
  });

  it.each(['en', 'ja'] as const)('%s: stays within 80 columns, wide characters counted as two', (lang) => {
    const all = stripAnsi(renderStructure(mimeStructure(MSG), lang)).trimEnd().split('\n');
    for (const line of all) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('notes a missing close delimiter, in Japanese too', () => {
    expect(en.replace(/\n│ /g, ' ')).toContain('! no close delimiter "------=_Part_0_1234567890.1700000000000_with_a_rather_long_tail--": the last part runs to the end (RFC 2046 5.1.1)');
    expect(stripAnsi(renderStructure(mimeStructure(MSG), 'ja'))).toContain('閉じの区切り行');
  });

  it('a multipart without a boundary: one part, a note, no stack trace', () => {
    const text = stripAnsi(renderStructure(mimeStructure(crlf(['Content-Type: multipart/mixed', '', 'x', ''])), 'en'));
    expect(text).toContain('1  text/plain');
    expect(text).toContain('! Content-Type says multipart/mixed but has no boundary parameter');
  });

  it('--json is the same tree as data, with the id', () => {
    const data = JSON.parse(showStructure('abc123', MSG, true, 'en')) as { id: string; structure: { parts: Array<{ part: string }> } };
    expect(data.id).toBe('abc123');
    expect(data.structure.parts.map((p) => p.part)).toEqual(['1', '2']);
  });

  it('fit wraps words at two spaces and keeps the continuation lead', () => {
    expect(fit('> ', '  ', ['aaaa', 'bbbb', 'cccc'], 12)).toEqual(['> aaaa  bbbb', '  cccc']);
  });
});
