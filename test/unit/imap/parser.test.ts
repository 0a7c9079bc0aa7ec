import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMAP_MAX_NESTING } from '../../../src/limits.js';
import {
  ImapParseError,
  astringOf,
  isAtom,
  literalAtEnd,
  parseCommand,
  tagOf,
  type ImapToken,
} from '../../../src/protocols/imap/parser.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const atom = (value: string): ImapToken => ({ type: 'atom', value });
const str = (value: string, literal = false): ImapToken => ({ type: 'string', value: b(value), literal });
const list = (...items: ImapToken[]): ImapToken => ({ type: 'list', items });

function parseError(input: Buffer | string): ImapParseError {
  try {
    parseCommand(typeof input === 'string' ? b(input) : input);
  } catch (err) {
    if (err instanceof ImapParseError) return err;
    throw err;
  }
  throw new Error(`expected ${String(input)} to fail`);
}

describe('parseCommand: tokens', () => {
  it.each<[string, string, string, ImapToken[]]>([
    ['a001 NOOP', 'a001', 'NOOP', []],
    ['a001 noop', 'a001', 'NOOP', []],
    ['A.1] capability', 'A.1]', 'CAPABILITY', []],
    ['t LOGIN alice secret', 't', 'LOGIN', [atom('alice'), atom('secret')]],
    ['t LOGIN "al ice" "p\\"w\\\\d"', 't', 'LOGIN', [str('al ice'), str('p"w\\d')]],
    ['t LOGIN "" ""', 't', 'LOGIN', [str(''), str('')]],
    ['t SELECT NIL', 't', 'SELECT', [{ type: 'nil' }]],
    ['t SELECT nil', 't', 'SELECT', [{ type: 'nil' }]],
    ['t SELECT NILS', 't', 'SELECT', [atom('NILS')]],
    ['t SELECT foo]bar', 't', 'SELECT', [atom('foo]bar')]],
    ['t LIST "" *', 't', 'LIST', [str(''), atom('*')]],
    ['t LIST "" INBOX/%', 't', 'LIST', [str(''), atom('INBOX/%')]],
    ['t FETCH 1:*,3 FLAGS', 't', 'FETCH', [atom('1:*,3'), atom('FLAGS')]],
    ['t FETCH * (UID FLAGS)', 't', 'FETCH', [atom('*'), list(atom('UID'), atom('FLAGS'))]],
    ['t STORE 1 +FLAGS.SILENT (\\Seen \\Deleted $Junk)', 't', 'STORE', [atom('1'), atom('+FLAGS.SILENT'), list(atom('\\Seen'), atom('\\Deleted'), atom('$Junk'))]],
    ['t STORE 1 FLAGS ()', 't', 'STORE', [atom('1'), atom('FLAGS'), list()]],
    ['t X (a (b (c)) ())', 't', 'X', [list(atom('a'), list(atom('b'), list(atom('c'))), list())]],
    ['t SEARCH \\*', 't', 'SEARCH', [atom('\\*')]],
    ['t UID FETCH 1:* (FLAGS)', 't', 'UID', [atom('FETCH'), atom('1:*'), list(atom('FLAGS'))]],
    ['t SELECT foo[bar', 't', 'SELECT', [atom('foo[bar')]],
    // Lists back to back, as responses write address lists and body parts.
    ['1 FETCH ((a)(b) (c))', '1', 'FETCH', [list(list(atom('a')), list(atom('b')), list(atom('c')))]],
  ])('%s', (line, tag, command, args) => {
    expect(parseCommand(b(line))).toEqual({ tag, command, args });
  });

  it('keeps 8-bit octets of a quoted string exactly', () => {
    const input = Buffer.concat([b('t SELECT "'), Buffer.from('Données', 'utf8'), b('"')]);
    const token = parseCommand(input).args[0];
    expect(token).toEqual({ type: 'string', value: Buffer.from('Données', 'utf8'), literal: false });
    expect(astringOf(token as ImapToken)).toBe('Données');
  });
});

describe('parseCommand: fetch attributes with sections', () => {
  it.each<[string, ImapToken]>([
    ['BODY[]', { type: 'section', name: 'BODY', section: [] }],
    ['body.peek[]', { type: 'section', name: 'BODY.PEEK', section: [] }],
    ['BODY[TEXT]<0.100>', { type: 'section', name: 'BODY', section: [atom('TEXT')], partial: { start: 0, count: 100 } }],
    ['BODY[1.2.MIME]', { type: 'section', name: 'BODY', section: [atom('1.2.MIME')] }],
    ['BODY[]<5>', { type: 'section', name: 'BODY', section: [], partial: { start: 5 } }],
    [
      'BODY.PEEK[HEADER.FIELDS (From "To" Subject)]<0.2048>',
      {
        type: 'section',
        name: 'BODY.PEEK',
        section: [atom('HEADER.FIELDS'), list(atom('From'), str('To'), atom('Subject'))],
        partial: { start: 0, count: 2048 },
      },
    ],
  ])('%s', (att, token) => {
    expect(parseCommand(b(`t FETCH 1 ${att}`)).args[1]).toEqual(token);
    expect(parseCommand(b(`t FETCH 1 (FLAGS ${att})`)).args[1]).toEqual(list(atom('FLAGS'), token));
  });

  it('reads a literal header name inside a section', () => {
    const input = b('t FETCH 1 BODY[HEADER.FIELDS ({4}\r\nFrom)]');
    expect(parseCommand(input).args[1]).toEqual({
      type: 'section',
      name: 'BODY',
      section: [atom('HEADER.FIELDS'), list(str('From', true))],
    });
  });
});

describe('parseCommand: literals', () => {
  it('keeps CR, LF, NUL and 8-bit octets of a literal exactly', () => {
    const payload = Buffer.from([0x61, 0x0d, 0x0a, 0x00, 0xff, 0x0d, 0x22, 0x5c, 0x7b, 0x33, 0x7d]);
    const input = Buffer.concat([b(`t APPEND INBOX (\\Seen) {${payload.length}}\r\n`), payload]);
    expect(parseCommand(input).args).toEqual([atom('INBOX'), list(atom('\\Seen')), { type: 'string', value: payload, literal: true }]);
  });

  it('reads several literals, LITERAL+ and an empty literal, then the rest of the line', () => {
    const input = b('t LOGIN {5+}\r\nalice {0}\r\n\r\n');
    // The second literal is empty: after its CRLF comes nothing.
    expect(parseCommand(b('t LOGIN {5+}\r\nalice {6}\r\nsecret')).args).toEqual([str('alice', true), str('secret', true)]);
    expect(parseCommand(input.subarray(0, input.length - 2)).args).toEqual([str('alice', true), str('', true)]);
    expect(parseCommand(b('t X ({1}\r\n) {2}\r\n()) NIL')).args).toEqual([list(str(')', true), str('()', true)), { type: 'nil' }]);
  });

  it.each([
    ['t LOGIN {5}\r\nali', /only 3 follow/],
    ['t LOGIN {5} x', /must end the line/],
    ['t LOGIN {5}', /must end the line/],
    ['t LOGIN {}\r\n', /expected a number/],
    ['t LOGIN {5x}\r\nalice', /expected '}'/],
    ['t LOGIN {99999999999}\r\n', /larger than 4294967295/],
    ['t LOGIN {4294967296}\r\n', /larger than 4294967295/],
    ['t LOGIN {1}\r\nab', /not allowed|expected a space/],
  ])('%j is a parse error', (input, message) => {
    const err = parseError(input);
    expect(err.message).toMatch(message);
    expect(err.tag).toBe('t');
  });
});

describe('parseCommand: malformed input', () => {
  it.each<[string | Buffer, string | null, RegExp]>([
    ['', null, /empty/],
    [' NOOP', null, /missing tag/],
    ['* NOOP', null, /invalid tag/],
    ['+ NOOP', null, /invalid tag/],
    ['a+b NOOP', null, /invalid tag/],
    ['a"b NOOP', null, /invalid tag/],
    ['a{1} NOOP', null, /invalid tag/],
    [Buffer.from([0x61, 0x00, 0x20, 0x4e]), null, /invalid tag/],
    ['a1', 'a1', /missing command/],
    ['a1 ', 'a1', /missing command/],
    ['a1  NOOP', 'a1', /two spaces/],
    ['a1 NO"OP', 'a1', /not allowed in a command name/],
    ['a1 NOOP ', 'a1', /trailing space/],
    ['a1 LOGIN a  b', 'a1', /two spaces/],
    ['a1 LOGIN "abc', 'a1', /unterminated quoted/],
    ['a1 LOGIN "a\\bc"', 'a1', /backslash/],
    ['a1 LOGIN "a\rb"', 'a1', /CR inside a quoted string/],
    ['a1 LOGIN "a\nb"', 'a1', /LF inside a quoted string/],
    [Buffer.from('a1 LOGIN "a\0b"', 'latin1'), 'a1', /NUL inside a quoted string/],
    [Buffer.from('a1 LOGIN a\0b', 'latin1'), 'a1', /NUL is not allowed in an atom/],
    [Buffer.from('a1 LOGIN d\xe9j\xe0', 'latin1'), 'a1', /8-bit octet/],
    ['a1 FETCH 1 (FLAGS', 'a1', /unterminated list/],
    ['a1 FETCH 1 (FLAGS )', 'a1', /unexpected '\)'/],
    ['a1 FETCH 1 ( FLAGS)', 'a1', /unexpected a space/],
    ['a1 FETCH 1 FLAGS)', 'a1', /without a matching/],
    ['a1 FETCH 1 (FLAGS)x', 'a1', /expected a space/],
    ['a1 FETCH 1 (FLAGS(UID))', 'a1', /not allowed in an atom/],
    ['a1 FETCH 1 ("a"(UID))', 'a1', /expected a space/],
    ['a1 FETCH 1 BODY[TEXT', 'a1', /unterminated section/],
    ['a1 FETCH 1 BODY[TEXT]<0.10', 'a1', /expected '>'/],
    ['a1 FETCH 1 BODY[TEXT]<x>', 'a1', /expected a number/],
    ['a1 FETCH 1 BODY[TEXT]x', 'a1', /after BODY/],
    ['a1 STORE 1 FLAGS (\\)', 'a1', /backslash must start a flag/],
    ['a1 LOGIN a\\b c', 'a1', /not allowed in an atom/],
    ['a1 X a(b', 'a1', /not allowed in an atom/],
    ['a1 X ]', 'a1', /x/],
  ])('%j', (input, tag, message) => {
    if (input === 'a1 X ]') {
      // `]` is an ASTRING-CHAR (RFC 3501 9), so a lone `]` is a valid atom.
      expect(parseCommand(b(input)).args).toEqual([atom(']')]);
      return;
    }
    const err = parseError(input);
    expect(err).toBeInstanceOf(ImapParseError);
    expect(err.tag).toBe(tag);
    expect(err.message).toMatch(message);
  });

  it(`accepts lists nested ${IMAP_MAX_NESTING} deep and refuses one more without overflowing the stack`, () => {
    const deep = (n: number): string => `t X ${'('.repeat(n)}a${')'.repeat(n)}`;
    expect(() => parseCommand(b(deep(IMAP_MAX_NESTING)))).not.toThrow();
    expect(parseError(deep(IMAP_MAX_NESTING + 1)).message).toMatch(/nested deeper/);
    expect(parseError(deep(100_000)).message).toMatch(/nested deeper/);
    expect(parseError(`t FETCH 1 ${'('.repeat(IMAP_MAX_NESTING)}BODY[HEADER.FIELDS (A)]${')'.repeat(IMAP_MAX_NESTING)}`).message).toMatch(
      /nested deeper/,
    );
  });
});

describe('literalAtEnd', () => {
  it.each<[string, { size: number; nonSync: boolean } | null]>([
    ['a APPEND INBOX {310}', { size: 310, nonSync: false }],
    ['a APPEND INBOX {310+}', { size: 310, nonSync: true }],
    ['a LOGIN {0}', { size: 0, nonSync: false }],
    ['{5}', { size: 5, nonSync: false }],
    [' (\\Seen) {12}', { size: 12, nonSync: false }],
    ['a APPEND INBOX {99999999999999999999}', { size: Number.MAX_SAFE_INTEGER, nonSync: false }],
    ['a NOOP', null],
    ['a LOGIN {}', null],
    ['a LOGIN {+}', null],
    ['a LOGIN {5', null],
    ['a LOGIN 5}', null],
    ['a LOGIN {5}x', null],
    ['a LOGIN "{5}', null],
    ['a LOGIN "x" "{5}', null],
    ['a LOGIN "a\\"{5}', null],
    ['a LOGIN "a\\\\" {5}', { size: 5, nonSync: false }],
    ['}', null],
  ])('%j', (line, expected) => {
    expect(literalAtEnd(b(line))).toEqual(expected);
  });
});

describe('tagOf', () => {
  it.each<[string, string | null]>([
    ['a001 NOOP', 'a001'],
    ['a001', 'a001'],
    ['x] (((', 'x]'],
    ['* OK', null],
    ['+ x', null],
    [' NOOP', null],
    ['', null],
    ['a"b NOOP', null],
  ])('%j -> %j', (line, tag) => {
    expect(tagOf(b(line))).toBe(tag);
  });
});

describe('helpers', () => {
  it('isAtom compares case-insensitively and only atoms', () => {
    expect(isAtom(atom('fetch'), 'FETCH')).toBe(true);
    expect(isAtom(str('FETCH'), 'FETCH')).toBe(false);
    expect(isAtom(undefined, 'FETCH')).toBe(false);
  });
  it('astringOf reads atoms, strings and NIL, not lists', () => {
    expect(astringOf(atom('INBOX'))).toBe('INBOX');
    expect(astringOf({ type: 'nil' })).toBe('NIL');
    expect(astringOf(list())).toBeNull();
  });
});

describe('properties', () => {
  it('random bytes never throw anything but ImapParseError', () => {
    const alphabet = fc.constantFrom(...b('a1 ()[]<>{}"\\*%+:.,0123456789\r\n\0\xffBODY.PEEKNIL'));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.array(alphabet, { maxLength: 80 }).map((a) => Uint8Array.from(a))), (bytes) => {
        const input = Buffer.from(bytes);
        try {
          parseCommand(input);
        } catch (err) {
          if (!(err instanceof ImapParseError)) throw err;
        }
        literalAtEnd(input);
        tagOf(input);
      }),
      { numRuns: 3000 },
    );
  });

});
