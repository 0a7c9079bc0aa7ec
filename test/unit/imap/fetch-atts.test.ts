import { describe, expect, it } from 'vitest';
import { fetchAttLabel, fetchSetsSeen, parseFetchAtts, type FetchAtt } from '../../../src/protocols/imap/fetch-atts.js';
import { ImapParseError, parseCommand, type ImapToken } from '../../../src/protocols/imap/parser.js';

/** The FETCH argument token as a real command line carries it. */
function arg(text: string): ImapToken {
  const parsed = parseCommand(Buffer.from(`t FETCH 1 ${text}`, 'latin1'));
  expect(parsed.args).toHaveLength(2);
  return parsed.args[1] as ImapToken;
}

const body = (peek: boolean, part: number[], text: string, fields: string[] = [], partial?: { start: number; count: number }): FetchAtt =>
  partial ? { kind: 'BODY[]', peek, section: { part, text: text as never, fields }, partial } : { kind: 'BODY[]', peek, section: { part, text: text as never, fields } };

describe('parseFetchAtts: simple items, each alone and in a list', () => {
  it.each(['FLAGS', 'UID', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT'])('%s', (item) => {
    expect(parseFetchAtts(arg(item))).toEqual([{ kind: item }]);
    expect(parseFetchAtts(arg(item.toLowerCase()))).toEqual([{ kind: item }]);
    expect(parseFetchAtts(arg(`(UID ${item})`))).toEqual([{ kind: 'UID' }, { kind: item }]);
  });
});

describe('parseFetchAtts: macros (RFC 3501 6.4.5)', () => {
  it.each<[string, string[]]>([
    ['ALL', ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE']],
    ['fast', ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE']],
    ['FULL', ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY']],
  ])('%s', (macro, kinds) => {
    expect(parseFetchAtts(arg(macro))).toEqual(kinds.map((kind) => ({ kind })));
    expect(() => parseFetchAtts(arg(`(${macro} UID)`))).toThrow(/macro/);
  });
});

describe('parseFetchAtts: body sections', () => {
  it.each<[string, FetchAtt, string]>([
    ['BODY[]', body(false, [], ''), 'BODY[]'],
    ['BODY.PEEK[]', body(true, [], ''), 'BODY[]'],
    ['BODY[HEADER]', body(false, [], 'HEADER'), 'BODY[HEADER]'],
    ['BODY.PEEK[header]', body(true, [], 'HEADER'), 'BODY[HEADER]'],
    ['BODY[TEXT]', body(false, [], 'TEXT'), 'BODY[TEXT]'],
    ['BODY[1]', body(false, [1], ''), 'BODY[1]'],
    ['BODY[1.2.3]', body(false, [1, 2, 3], ''), 'BODY[1.2.3]'],
    ['BODY[2.MIME]', body(false, [2], 'MIME'), 'BODY[2.MIME]'],
    ['BODY[3.HEADER]', body(false, [3], 'HEADER'), 'BODY[3.HEADER]'],
    ['BODY[3.1.TEXT]', body(false, [3, 1], 'TEXT'), 'BODY[3.1.TEXT]'],
    ['BODY[HEADER.FIELDS (From To)]', body(false, [], 'HEADER.FIELDS', ['From', 'To']), 'BODY[HEADER.FIELDS (FROM TO)]'],
    ['BODY.PEEK[HEADER.FIELDS.NOT (Received)]', body(true, [], 'HEADER.FIELDS.NOT', ['Received']), 'BODY[HEADER.FIELDS.NOT (RECEIVED)]'],
    ['BODY[1.HEADER.FIELDS ("Subject")]', body(false, [1], 'HEADER.FIELDS', ['Subject']), 'BODY[1.HEADER.FIELDS (SUBJECT)]'],
    ['BODY[]<0.100>', body(false, [], '', [], { start: 0, count: 100 }), 'BODY[]<0>'],
    ['BODY.PEEK[TEXT]<512.1024>', body(true, [], 'TEXT', [], { start: 512, count: 1024 }), 'BODY[TEXT]<512>'],
  ])('%s', (text, att, label) => {
    const [parsed] = parseFetchAtts(arg(text));
    expect(parsed).toEqual(att);
    expect(fetchAttLabel(parsed as FetchAtt)).toBe(label);
  });

  it('reads a list mixing items and sections', () => {
    expect(parseFetchAtts(arg('(UID FLAGS BODY.PEEK[HEADER.FIELDS (DATE FROM)] BODY[1]<0.10>)'))).toEqual([
      { kind: 'UID' },
      { kind: 'FLAGS' },
      body(true, [], 'HEADER.FIELDS', ['DATE', 'FROM']),
      body(false, [1], '', [], { start: 0, count: 10 }),
    ]);
  });

  it('labels simple items by their name', () => {
    expect(fetchAttLabel({ kind: 'RFC822.SIZE' })).toBe('RFC822.SIZE');
  });
});

describe('parseFetchAtts: errors', () => {
  it.each<[string, RegExp]>([
    ['FOO', /unknown FETCH item FOO/],
    ['()', /empty FETCH item list/],
    ['(FLAGS (UID))', /found a list/],
    ['"FLAGS"', /found a string/],
    ['BODY[0]', /start at 1/],
    ['BODY[1.0]', /start at 1/],
    ['BODY[MIME]', /MIME needs a part number/],
    ['BODY[FOO]', /expected HEADER/],
    ['BODY[1.FOO]', /expected HEADER/],
    ['BODY[HEADER.FIELDS]', /takes one list/],
    ['BODY[HEADER.FIELDS ()]', /needs a parenthesised list/],
    ['BODY[HEADER.FIELDS From]', /needs a parenthesised list/],
    ['BODY[HEADER.FIELDS ((a))]', /atom or a string/],
    ['BODY[TEXT TEXT]', /extra items/],
    ['BODY[(TEXT)]', /a section is/],
    ['BODY[]<5>', /<start.count>/],
    ['BODY[]<5.0>', /<start.count>/],
    ['BINARY[1]', /BINARY/],
  ])('%s', (text, message) => {
    const run = (): FetchAtt[] => parseFetchAtts(arg(text));
    expect(run).toThrow(ImapParseError);
    expect(run).toThrow(message);
  });
});

describe('fetchSetsSeen (RFC 3501 6.4.5)', () => {
  it.each<[string, boolean]>([
    ['BODY[]', true],
    ['BODY[1]', true],
    ['BODY[HEADER]', true],
    ['(FLAGS BODY[TEXT]<0.10>)', true],
    ['RFC822', true],
    ['RFC822.TEXT', true],
    ['BODY.PEEK[]', false],
    ['BODY.PEEK[TEXT]', false],
    ['RFC822.HEADER', false],
    ['RFC822.SIZE', false],
    ['BODY', false],
    ['BODYSTRUCTURE', false],
    ['ALL', false],
    ['FULL', false],
    ['(UID FLAGS ENVELOPE)', false],
  ])('%s -> %s', (text, seen) => {
    expect(fetchSetsSeen(parseFetchAtts(arg(text)))).toBe(seen);
  });
});
