import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dotStuff, topOf } from '../../../src/protocols/pop3/multiline.js';
import { Maildrop, uniqueId } from '../../../src/protocols/pop3/maildrop.js';

/** What a client does (RFC 1939 3): strip one leading dot from each line of a multi-line reply. */
function unstuff(wire: string): string {
  return wire
    .split('\r\n')
    .map((l) => (l.startsWith('.') ? l.slice(1) : l))
    .join('\r\n');
}

describe('byte-stuffing (RFC 1939 3)', () => {
  it.each([
    ['a line starting with a dot gets one more', 'a\r\n.b\r\n', 'a\r\n..b\r\n'],
    ['the first line too', '.a\r\n', '..a\r\n'],
    ['a lone dot line cannot end the reply early', 'a\r\n.\r\nb\r\n', 'a\r\n..\r\nb\r\n'],
    ['dots elsewhere stay', 'a.b\r\n x.\r\n', 'a.b\r\n x.\r\n'],
    ['a missing final CRLF is added', 'a\r\n.b', 'a\r\n..b\r\n'],
    ['empty stays empty', '', ''],
  ])('%s', (_name, input, output) => {
    expect(dotStuff(Buffer.from(input)).toString()).toBe(output);
  });

  it('round-trips any CRLF text: the client gets the message back byte for byte', () => {
    const line = fc.stringMatching(/^[.a-z ]{0,8}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (ls) => {
        const body = ls.map((l) => `${l}\r\n`).join('');
        const wire = dotStuff(Buffer.from(body)).toString();
        const lines = wire.split('\r\n');
        // No stuffed line is a lone dot, so the terminator can only be the one the server adds.
        expect(lines.includes('.')).toBe(false);
        expect(unstuff(wire)).toBe(body);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TOP (RFC 1939 7)', () => {
  const msg = Buffer.from('A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n');
  it.each([
    [0, 'A: 1\r\nB: 2\r\n\r\n'],
    [1, 'A: 1\r\nB: 2\r\n\r\nl1\r\n'],
    [3, msg.toString()],
    [10, msg.toString()],
  ])('TOP n=%i', (n, expected) => {
    expect(topOf(msg, n).toString()).toBe(expected);
  });
  it('a message without a blank line is all header', () => {
    expect(topOf(Buffer.from('A: 1\r\nB: 2\r\n'), 0).toString()).toBe('A: 1\r\nB: 2\r\n');
  });
});

describe('Maildrop snapshot', () => {
  const drop = () =>
    new Maildrop([
      { n: 1, uid: 10, size: 100, uidl: uniqueId(7, 10) },
      { n: 2, uid: 11, size: 50, uidl: uniqueId(7, 11) },
    ]);
  it('marks, resets and reports marked UIDs', () => {
    const d = drop();
    const e = d.lookup(2);
    if (!('entry' in e)) throw new Error('expected message 2');
    d.mark(e.entry);
    d.mark(e.entry);
    expect(d.stat()).toEqual({ count: 1, octets: 100 });
    expect(d.lookup(2)).toEqual({ missing: 'deleted' });
    expect(d.markedUids()).toEqual([11]);
    d.reset();
    expect(d.stat()).toEqual({ count: 2, octets: 150 });
    expect(d.markedUids()).toEqual([]);
  });
  it('unique-ids are printable, 1-70 characters', () => {
    expect(uniqueId(4294967295, 4294967295)).toMatch(/^[\x21-\x7e]{1,70}$/);
  });
});
