import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Section } from '../../../src/protocols/imap/fetch-atts.js';
import { ResponseBuilder } from '../../../src/protocols/imap/format.js';
import { bodyStructureOf, bodyText, envelopeOf, headerText, headerValues, parseMessage, sectionOf } from '../../../src/protocols/imap/message.js';
import { parseCommand } from '../../../src/protocols/imap/parser.js';
import { IMAP_MAX_NESTING } from '../../../src/limits.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/imap/${name}`, import.meta.url));
const crlf = (s: string): Buffer => Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'utf8');
const sec = (part: number[], text: Section['text'] = '', fields: string[] = []): Section => ({ part, text, fields });
const str = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

/** Is this serialized value valid IMAP data a client can read? */
function readable(value: string): boolean {
  const wire = new ResponseBuilder().text(`x X ${value}`).toBuffer();
  return parseCommand(wire).args.length === 1;
}

describe('ENVELOPE and BODYSTRUCTURE, written from RFC 3501 7.4.2', () => {
  it('a plain text message', () => {
    const view = parseMessage(fixture('plain.eml'));
    expect(envelopeOf(view)).toBe(
      '("Tue, 1 Jul 2003 10:52:37 +0200" "Lunch tomorrow?" (("Alice Example" NIL "alice" "example.com")) ' +
        '(("Alice Example" NIL "alice" "example.com")) (("Alice Example" NIL "alice" "example.com")) ' +
        '((NIL NIL "bob" "example.com")("Carol \\"C\\" Smith" NIL "carol" "example.org")) (("Dave" NIL "dave" "example.net")) NIL ' +
        '"<earlier@example.com>" "<20030701105237.1234@example.com>")',
    );
    expect(bodyStructureOf(view, true)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 63 5 NIL NIL NIL NIL)');
    expect(bodyStructureOf(view, false)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 63 5)');
  });

  it('multipart/alternative: parts back to back, then the subtype and its parameters', () => {
    const view = parseMessage(fixture('alternative.eml'));
    expect(bodyStructureOf(view, false)).toBe(
      '(("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 52 1)("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 50 0) "alternative")',
    );
    expect(bodyStructureOf(view, true)).toMatch(/ "alternative" \("boundary" "alt-boundary"\) NIL NIL NIL\)$/);
  });

  it('missing headers are NIL; a message without Content-Type is text/plain us-ascii (RFC 2045 5.2)', () => {
    const view = parseMessage(fixture('missing-headers.eml'));
    expect(envelopeOf(view)).toBe('(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)');
    expect(bodyStructureOf(view, false)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 30 2)');
  });

  it('groups: a start item with the name, the members, an end item; Sender and Reply-To', () => {
    const env = envelopeOf(parseMessage(fixture('groups.eml')));
    expect(env).toContain('((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))');
    expect(env).toContain('((NIL NIL "Team" NIL)(NIL NIL "carol" "example.org")("Dave D" NIL "dave" "example.net")(NIL NIL NIL NIL)(NIL NIL "erin" "example.com"))');
    // Sender given; Reply-To present but empty falls back to From.
    expect(env).toContain('((NIL NIL "secretary" "example.com")) (("Alice Example" NIL "alice" "example.com"))');
  });

  // RFC 3501 7.4.2 group markers; a comment is no member (RFC 5322 3.4), as in Dovecot 2.3 (issue 20, item 13).
  it('a group holding only a comment is an empty group; a bare word is still a mailbox', () => {
    const env = envelopeOf(parseMessage(crlf('From: a@example.com\nCc: group:;, group2: (foo) ;\nTo: bob, (just a comment)\n\nx\n')));
    expect(env).toContain('((NIL NIL "group" NIL)(NIL NIL NIL NIL)(NIL NIL "group2" NIL)(NIL NIL NIL NIL))');
    expect(env).toContain('((NIL NIL "bob" "MISSING_DOMAIN"))');
    expect(env).not.toContain('foo');
    expect(env).not.toContain('just a comment');
  });

  // RFC 3501 9: CHAR8 = %x01-ff, so no NUL in any string or literal; bytes that are not UTF-8
  // become U+FFFD, not Latin-1 characters (issue 20, item 20).
  it('a NUL in a header never reaches the wire; invalid UTF-8 bytes become U+FFFD', () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.com\r\nSubject: nul\0here\r\nTo: "B\xe9b" <b@example.com>\r\n', 'latin1'),
      Buffer.from('Content-Type: text/plain; name="x\0y"\r\n\r\nbody\r\n', 'latin1'),
    ]);
    const view = parseMessage(raw);
    const env = envelopeOf(view);
    const structure = bodyStructureOf(view, true);
    for (const out of [env, structure]) {
      expect(Buffer.from(new ResponseBuilder().text(out).toBuffer()).includes(0)).toBe(false);
      expect(readable(out)).toBe(true);
    }
    expect(env).toContain('nul\uFFFDhere');
    expect(env).toContain('B\uFFFDb');
    expect(env).not.toContain('B\u00e9b');
    expect(structure).toContain('x\uFFFDy');
  });

  it('encoded words stay encoded (the client decodes them); 8-bit values go as literals', () => {
    expect(envelopeOf(parseMessage(fixture('encoded-headers.eml')))).toContain('(("=?UTF-8?B?5bGx55Sw5aSq6YOO?=" NIL "yamada" "example.jp"))');
    const env = envelopeOf(parseMessage(fixture('edge-8bit.eml')));
    expect(env).toContain('{20}\r\nGrüße aus München');
    expect(readable(env)).toBe(true);
  });

  it('message/rfc822: envelope and structure of the enclosed message, and its line count', () => {
    const bs = bodyStructureOf(parseMessage(fixture('rfc822-attachment.eml')), false);
    expect(bs).toContain('("message" "rfc822" NIL NIL NIL "7bit" 372 ("Tue, 1 Jul 2003 10:52:37 +0200" "Lunch" ');
    expect(bs).toMatch(/"alternative"\) 17\) "mixed"\)$/);
  });

  it('counts octets and lines exactly for LF-only and CRLF bodies', () => {
    const lf = parseMessage(Buffer.from('Subject: x\n\na\nb\n', 'latin1'));
    expect(bodyStructureOf(lf, false)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 4 2)');
    const noFinalBreak = parseMessage(Buffer.from('Subject: x\r\n\r\na\r\nb', 'latin1'));
    expect(bodyStructureOf(noFinalBreak, false)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 4 1)');
  });
});

describe('BODY[section] (RFC 3501 6.4.5)', () => {
  const nested = parseMessage(fixture('mixed-attachment.eml'));
  const forwarded = parseMessage(fixture('rfc822-attachment.eml'));
  const plain = parseMessage(fixture('plain.eml'));

  it.each<[string, Section, string | RegExp | null]>([
    ['BODY[] is the whole message', sec([]), /^From: Alice Example[\s\S]*--outer--\r\n$/],
    ['BODY[1] of a single-part message is its body', sec([1]), null],
    ['BODY[1.1] of a multipart/alternative part', sec([1, 1]), 'Please find the report attached.'],
    ['BODY[1.2]', sec([1, 2]), '<p>Please find the report attached.</p>'],
    ['BODY[1] of a nested multipart is its whole body', sec([1]), /^--inner\r\n[\s\S]*--inner--\r\n$/],
    ['BODY[1.MIME]', sec([1], 'MIME'), 'Content-Type: multipart/alternative; boundary="inner"\r\n\r\n'],
    ['BODY[1.2.MIME]', sec([1, 2], 'MIME'), 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'],
    ['BODY[3] does not exist', sec([3]), null],
    ['BODY[1.3] does not exist', sec([1, 3]), null],
    ['BODY[1.1.1] below a leaf does not exist', sec([1, 1, 1]), null],
    ['HEADER of a part that is no message', sec([2], 'HEADER'), null],
    ['BODY[HEADER.FIELDS (subject)]', sec([], 'HEADER.FIELDS', ['subject']), 'Subject: Report attached\r\n\r\n'],
    ['BODY[HEADER.FIELDS (X-None)] is just the blank line', sec([], 'HEADER.FIELDS', ['X-None']), '\r\n'],
  ])('%s', (_, section, expected) => {
    const got = str(sectionOf(nested, section));
    if (_.includes('single-part')) {
      expect(str(sectionOf(plain, section))).toBe('Hi Bob,\r\n\r\nShall we meet at noon for lunch tomorrow?\r\n\r\nAlice\r\n');
    } else if (expected instanceof RegExp) expect(got).toMatch(expected);
    else expect(got).toBe(expected);
  });

  it('HEADER.FIELDS keeps message order, folding and matches names case-insensitively', () => {
    expect(str(sectionOf(plain, sec([], 'HEADER.FIELDS', ['SUBJECT', 'from'])))).toBe(
      'From: Alice Example <alice@example.com>\r\nSubject: Lunch\r\n tomorrow?\r\n\r\n',
    );
  });

  it('HEADER.FIELDS.NOT leaves the named fields out', () => {
    const rest = str(sectionOf(plain, sec([], 'HEADER.FIELDS.NOT', ['received', 'Return-Path', 'Subject'])));
    expect(rest).toMatch(/^Date: Tue, 1 Jul 2003 10:52:37 \+0200\r\n/);
    expect(rest).not.toMatch(/Received|Return-Path|Subject|tomorrow/);
    expect(rest).toMatch(/Content-Transfer-Encoding: 7bit\r\n\r\n$/);
  });

  it('HEADER, TEXT and parts of an enclosed message/rfc822 part', () => {
    expect(str(sectionOf(forwarded, sec([2], 'HEADER')))).toMatch(/^Date: Tue, 1 Jul 2003[\s\S]*boundary="in"\r\n\r\n$/);
    expect(str(sectionOf(forwarded, sec([2], 'TEXT')))).toMatch(/^--in\r\n[\s\S]*--in--\r\n$/);
    expect(str(sectionOf(forwarded, sec([2, 1])))).toBe('Lunch at noon?');
    expect(str(sectionOf(forwarded, sec([2, 2])))).toBe('<p>Lunch at noon?</p>');
    expect(str(sectionOf(forwarded, sec([2], 'HEADER.FIELDS', ['Subject'])))).toBe('Subject: Lunch\r\n\r\n');
    expect(str(sectionOf(forwarded, sec([2], 'MIME')))).toBe('Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n');
  });

  it('the header plus TEXT is the whole message, byte for byte', () => {
    for (const name of ['plain.eml', 'mixed-attachment.eml', 'edge-mime.eml', 'missing-headers.eml']) {
      const raw = fixture(name);
      const view = parseMessage(raw);
      expect(Buffer.concat([sectionOf(view, sec([], 'HEADER')) as Buffer, sectionOf(view, sec([], 'TEXT')) as Buffer])).toEqual(raw);
    }
  });

  it('keeps NUL, lone CR and 8-bit octets of a part exactly', () => {
    const body = Buffer.from([0x61, 0x00, 0x0d, 0x62, 0xff, 0xfe]);
    const raw = Buffer.concat([crlf('Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/octet-stream\n\n'), body, crlf('\n--b--\n')]);
    expect(sectionOf(parseMessage(raw), sec([1]))).toEqual(body);
  });
});

describe('SEARCH helpers', () => {
  it('headerValues decodes RFC 2047 words and finds every occurrence', () => {
    const view = parseMessage(fixture('encoded-headers.eml'));
    expect(headerValues(view, 'Subject')).toEqual(['日本語 café']);
    expect(headerValues(view, 'FROM')).toEqual(['山田太郎 <yamada@example.jp>']);
    expect(headerValues(view, 'to')).toEqual(['François Dupont <francois@example.fr>']);
    expect(headerValues(view, 'Cc')).toEqual([]);
    expect(headerValues(parseMessage(fixture('plain.eml')), 'received')).toHaveLength(1);
  });

  it('bodyText undoes transfer encodings and charsets, and skips attachments', () => {
    expect(bodyText(parseMessage(fixture('encoded-headers.eml')))).toContain('こんにちは、日本語のメールです。');
    expect(bodyText(parseMessage(fixture('alternative.eml')))).toContain('Café offers this week');
    const mixed = bodyText(parseMessage(fixture('mixed-attachment.eml')));
    expect(mixed).toContain('Please find the report attached.');
    expect(mixed).not.toContain('JVBERi0');
    expect(bodyText(parseMessage(fixture('edge-8bit.eml')))).toContain('Schöne Grüße');
  });

  it('bodyText and headerText include an enclosed message', () => {
    const view = parseMessage(fixture('rfc822-attachment.eml'));
    expect(bodyText(view)).toContain('Lunch at noon?');
    expect(bodyText(view)).toContain('Subject: Lunch');
    expect(headerText(view)).toContain('Subject: Fwd: Lunch');
  });

  it('decodes base64 text', () => {
    const raw = crlf(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${Buffer.from('héllo wörld').toString('base64')}\n`);
    expect(bodyText(parseMessage(raw))).toBe('héllo wörld');
  });
});

describe('robustness', () => {
  it('an empty message, a header without body, an unterminated multipart', () => {
    for (const raw of ['', 'Subject: only a header', 'Subject: x\r\n', 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nopen']) {
      const view = parseMessage(Buffer.from(raw, 'latin1'));
      expect(readable(envelopeOf(view))).toBe(true);
      expect(readable(bodyStructureOf(view, true))).toBe(true);
    }
    const open = parseMessage(Buffer.from('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nopen', 'latin1'));
    expect(str(sectionOf(open, sec([1])))).toBe('open');
  });

  it('a multipart without a boundary is described as text/plain, never as a multipart with no parts', () => {
    const view = parseMessage(crlf('Content-Type: multipart/mixed\n\nno boundary\n'));
    expect(bodyStructureOf(view, false)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 13 1)');
  });

  it(`message/rfc822 nested deeper than ${IMAP_MAX_NESTING} stops being followed`, () => {
    let raw = crlf('Subject: innermost\n\nhello\n');
    for (let i = 0; i < IMAP_MAX_NESTING + 5; i++) raw = Buffer.concat([crlf(`Subject: level ${i}\nContent-Type: message/rfc822\n\n`), raw]);
    const bs = bodyStructureOf(parseMessage(raw), true);
    expect(readable(bs)).toBe(true);
    expect(bs.split('"rfc822"').length - 1).toBeLessThanOrEqual(IMAP_MAX_NESTING);
  });

  it('multiparts nested 60 deep give a BODYSTRUCTURE a client can still parse', () => {
    let raw = crlf('Content-Type: text/plain\n\ndeep\n');
    for (let i = 0; i < 60; i++) raw = Buffer.concat([crlf(`Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`), raw, crlf(`\n--b${i}--\n`)]);
    const view = parseMessage(raw);
    expect(readable(bodyStructureOf(view, true))).toBe(true);
    expect(sectionOf(view, sec([]))).toEqual(raw);
  });

  it('random and hostile messages always give readable ENVELOPE and BODYSTRUCTURE', () => {
    const pieces = fc.constantFrom(
      'Content-Type: multipart/mixed; boundary=b\r\n',
      'Content-Type: message/rfc822\r\n',
      'Content-Type: text/plain; charset=x-unknown\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      'From: "a\\"b" <a@b>, group:;\r\n',
      'Subject: =?utf-8?B?4pyT?= \xff\x00\r\n',
      '\r\n',
      '--b\r\n',
      '--b--\r\n',
      'body line\r\n',
      ' folded\r\n',
      '\n',
      '\r',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const raw = Buffer.from(parts.join(''), 'latin1');
        const view = parseMessage(raw);
        expect(readable(envelopeOf(view))).toBe(true);
        expect(readable(bodyStructureOf(view, true))).toBe(true);
        expect(readable(bodyStructureOf(view, false))).toBe(true);
        sectionOf(view, sec([1]));
        sectionOf(view, sec([1, 1], 'MIME'));
        bodyText(view);
      }),
      { numRuns: 300 },
    );
  });
});
