import { describe, expect, it } from 'vitest';
import { isAttachment, leafParts } from '../../../src/web/mime-parts.js';
import { MULTIPART_REPORT } from '../../support/messages.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('leafParts: a message’s parts, numbered as IMAP numbers them (RFC 3501 6.4.5)', () => {
  it('a single-part message is part 1', () => {
    const [only, ...rest] = leafParts(crlf(['Subject: x', 'Content-Type: text/plain; charset=iso-8859-1', '', 'caf\xe9']));
    expect(rest).toEqual([]);
    expect(only?.info).toMatchObject({ part: '1', contentType: 'text/plain', charset: 'iso-8859-1', disposition: null, filename: null });
  });

  it('decodes base64 and names a part from Content-Type’s name', () => {
    const parts = leafParts(Buffer.from(MULTIPART_REPORT));
    expect(parts.map((p) => p.info.part)).toEqual(['1', '2']);
    expect(parts[1]?.info).toMatchObject({ contentType: 'application/octet-stream', filename: 'data.bin', size: 4 });
    expect([...(parts[1]?.content ?? [])]).toEqual([0, 1, 2, 3]);
  });

  it('numbers nested parts with dots, undoes quoted-printable, decodes RFC 2047 file names', () => {
    const raw = crlf([
      'Content-Type: multipart/mixed; boundary=a',
      '',
      '--a',
      'Content-Type: multipart/alternative; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'caf=C3=A9 =',
      'ok',
      '--b',
      'Content-Type: text/html',
      '',
      '<p>x</p>',
      '--b--',
      '--a',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="=?UTF-8?B?5pel5pys?=.eml"',
      '',
      'Subject: inner',
      '',
      'inner body',
      '--a--',
    ]);
    const parts = leafParts(raw);
    expect(parts.map((p) => [p.info.part, p.info.contentType])).toEqual([
      ['1.1', 'text/plain'],
      ['1.2', 'text/html'],
      ['2', 'message/rfc822'],
    ]);
    expect(parts[0]?.content.toString('utf8')).toBe('café ok');
    expect(parts[2]?.info.filename).toBe('日本.eml');
    expect(parts[2]?.content.toString()).toContain('Subject: inner');
  });
});

describe('isAttachment', () => {
  const info = (over: Partial<Parameters<typeof isAttachment>[0]>) => ({ part: '1', contentType: 'text/plain', charset: null, disposition: null, filename: null, contentId: null, size: 1, ...over });
  it.each([
    [{}, false],
    [{ contentType: 'text/html' }, false],
    [{ disposition: 'attachment' }, true],
    [{ filename: 'a.txt' }, true],
    [{ contentType: 'image/png' }, true],
    [{ contentType: 'image/png', disposition: 'inline' }, false],
  ])('%j -> %s', (over, expected) => {
    expect(isAttachment(info(over))).toBe(expected);
  });
});
