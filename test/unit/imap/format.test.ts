import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseBuilder, flagList, imapDate, parseImapDate, parseImapDay, quoted } from '../../../src/protocols/imap/format.js';
import { parseCommand } from '../../../src/protocols/imap/parser.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('quoted', () => {
  it.each<[string, string | null]>([
    ['', '""'],
    ['INBOX', '"INBOX"'],
    ['a "b" c', '"a \\"b\\" c"'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there', '"tab\there"'],
    ['a\rb', null],
    ['a\nb', null],
    ['a\0b', null],
    ['caf\u00e9', null],
    ['\u65e5\u672c', null],
  ])('%j -> %j', (s, q) => {
    expect(quoted(s)).toBe(q);
  });

  it('round-trips through the parser: quoted when possible, otherwise a literal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (s, bytes) => {
        const q = quoted(s);
        if (q !== null) expect(parseCommand(b(`t LOGIN ${q} x`)).args[0]).toEqual({ type: 'string', value: Buffer.from(s, 'utf8'), literal: false });
        const raw = Buffer.from(bytes);
        const built = new ResponseBuilder().text('t LOGIN ').nstring(raw).text(' x').toBuffer();
        expect(parseCommand(built).args[0]).toEqual({ type: 'string', value: raw, literal: true });
        const viaString = new ResponseBuilder().text('t LOGIN ').string(s).toBuffer();
        expect(parseCommand(viaString).args[0]).toMatchObject({ type: 'string', value: Buffer.from(s, 'utf8') });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ResponseBuilder', () => {
  it('writes plain text as one line', () => {
    const r = new ResponseBuilder().text('* LIST (\\HasNoChildren) "/" ').astring('INBOX');
    expect(r.toBuffer().toString()).toBe('* LIST (\\HasNoChildren) "/" INBOX');
    expect(r.toSummary()).toBe('* LIST (\\HasNoChildren) "/" INBOX');
    expect(r.toOut()).toBe('* LIST (\\HasNoChildren) "/" INBOX');
    expect(r.hasLiteral).toBe(false);
  });

  it.each<[string, string]>([
    ['INBOX', 'INBOX'],
    ['Sent/2024', 'Sent/2024'],
    ['a]b', 'a]b'],
    ['NIL', '"NIL"'],
    ['nil', '"nil"'],
    ['', '""'],
    ['My Folder', '"My Folder"'],
    ['a*b', '"a*b"'],
    ['a%b', '"a%b"'],
    ['a(b', '"a(b"'],
    ['a{b', '"a{b"'],
    ['a"b', '"a\\"b"'],
    ['Donn\u00e9es', '{8}\r\nDonn\u00e9es'],
    ['a\r\nb', '{4}\r\na\r\nb'],
  ])('astring(%j) -> %j', (s, wire) => {
    expect(new ResponseBuilder().astring(s).toBuffer().toString('utf8')).toBe(wire);
  });

  it('sends CR, LF and NUL in an echoed value as a literal, so the line never splits', () => {
    const evil = 'x\r\n* BYE injected\0';
    const r = new ResponseBuilder().text('* 1 FETCH (X ').nstring(evil).text(')');
    const wire = r.toBuffer();
    expect(wire.toString('latin1')).toBe(`* 1 FETCH (X {${evil.length}}\r\n${evil})`);
    expect(r.toSummary()).toBe(`* 1 FETCH (X {${evil.length}})`);
    const out = r.toOut();
    expect(typeof out).toBe('object');
    if (typeof out !== 'string') {
      expect(out.raw.subarray(-2).toString()).toBe('\r\n');
      expect(out.raw.subarray(0, -2)).toEqual(wire);
      expect(out.summary).toBe(r.toSummary());
    }
  });

  it('nstring: NIL, quoted, literal for octets, literal for long strings', () => {
    expect(new ResponseBuilder().nstring(null).toBuffer().toString()).toBe('NIL');
    expect(new ResponseBuilder().nstring('hi').toBuffer().toString()).toBe('"hi"');
    expect(new ResponseBuilder().nstring(b('hi')).toBuffer().toString()).toBe('{2}\r\nhi');
    expect(new ResponseBuilder().nstring(Buffer.alloc(0)).toBuffer().toString()).toBe('{0}\r\n');
    const long = 'a'.repeat(2000);
    expect(new ResponseBuilder().nstring(long).toSummary()).toBe('{2000}');
  });

  it('refuses CR, LF or NUL in text() unless it is inside a well-formed literal', () => {
    expect(() => new ResponseBuilder().text('a\r\nb')).toThrow(TypeError);
    expect(() => new ResponseBuilder().text('a\nb')).toThrow(TypeError);
    expect(() => new ResponseBuilder().text('a\0b')).toThrow(TypeError);
    expect(() => new ResponseBuilder().text('{5}\r\nab')).toThrow(/shorter/);
    const r = new ResponseBuilder().text('ENVELOPE ("d" {4}\r\n\u65e5\r "x")');
    expect(r.toSummary()).toBe('ENVELOPE ("d" {4} "x")');
    expect(r.toBuffer().toString('utf8')).toBe('ENVELOPE ("d" {4}\r\n\u65e5\r "x")');
  });
});

describe('dates', () => {
  it.each<[string, string]>([
    ['1996-07-17T02:44:25Z', '17-Jul-1996 02:44:25 +0000'],
    ['2024-02-01T00:00:00Z', ' 1-Feb-2024 00:00:00 +0000'],
    ['1999-12-31T23:59:59Z', '31-Dec-1999 23:59:59 +0000'],
  ])('imapDate(%s) = %j', (iso, text) => {
    expect(imapDate(new Date(iso))).toBe(text);
    expect(parseImapDate(text)?.toISOString()).toBe(new Date(iso).toISOString());
  });

  it.each<[string, string | null]>([
    ['17-Jul-1996 02:44:25 -0700', '1996-07-17T09:44:25.000Z'],
    ['"17-Jul-1996 02:44:25 +0200"', '1996-07-17T00:44:25.000Z'],
    ['1-jul-1996 02:44:25 +0000', '1996-07-01T02:44:25.000Z'],
    [' 1-Jul-1996 02:44:25 +0000', '1996-07-01T02:44:25.000Z'],
    ['29-Feb-2024 00:00:00 +0000', '2024-02-29T00:00:00.000Z'],
    ['29-Feb-2023 00:00:00 +0000', null],
    ['32-Jan-2024 00:00:00 +0000', null],
    ['1-Foo-2024 00:00:00 +0000', null],
    ['1-Jan-2024 24:00:00 +0000', null],
    ['1-Jan-2024 00:60:00 +0000', null],
    ['1-Jan-2024 00:00:00 +0060', null],
    ['1-Jan-2024 00:00:00', null],
    ['1-Jan-2024', null],
    ['', null],
  ])('parseImapDate(%j)', (text, iso) => {
    expect(parseImapDate(text)?.toISOString() ?? null).toBe(iso);
  });

  it.each<[string, number | null]>([
    ['1-Feb-1994', Date.UTC(1994, 1, 1) / 86_400_000],
    ['01-feb-1994', Date.UTC(1994, 1, 1) / 86_400_000],
    ['1-Jan-1970', 0],
    ['31-Apr-1994', null],
    ['1-Feb-94', null],
    ['Feb-1-1994', null],
    ['1-Feb-1994 00:00:00 +0000', null],
  ])('parseImapDay(%j) = %j', (text, day) => {
    expect(parseImapDay(text)).toBe(day);
  });
});

describe('flagList', () => {
  it.each<[string[], string]>([
    [[], '()'],
    [['\\Seen'], '(\\Seen)'],
    [['\\Seen', '\\Flagged', '$Label1'], '(\\Seen \\Flagged $Label1)'],
  ])('%j', (flags, text) => {
    expect(flagList(flags)).toBe(text);
  });
});
