import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataCollector, LiteralCollector, literalAnnouncement } from '../../../src/practice/multiline.js';

function collect(lines: readonly string[]): DataCollector {
  const d = new DataCollector();
  for (const l of lines) if (d.push(l)) return d;
  throw new Error('no final dot');
}

describe('DATA mode (RFC 5321 4.1.1.4, 4.5.2)', () => {
  it('dot-stuffs lines that start with a dot and ends with the lone dot', () => {
    const d = collect(['Subject: x', '', '.hidden', '..', 'a.b', ' .', '.']);
    expect(d.wire()).toEqual(['Subject: x', '', '..hidden', '...', 'a.b', ' .', '.']);
    expect(d.lines).toEqual(['Subject: x', '', '.hidden', '..', 'a.b', ' .']);
    expect(d.stuffed).toBe(2);
  });

  it('only a line holding exactly one dot ends the message', () => {
    const d = new DataCollector();
    expect(d.push('. ')).toBe(false);
    expect(d.push('..')).toBe(false);
    expect(d.push('.')).toBe(true);
  });

  it('for any message, the wire form ends once and unstuffs back to what was typed', () => {
    const line = fc.string({ unit: fc.constantFrom('.', 'a', ' ', '\t', 'x'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(line.filter((l) => l !== '.'), { maxLength: 12 }), (typed) => {
        const wire = collect([...typed, '.']).wire();
        expect(wire[wire.length - 1]).toBe('.');
        expect(wire.slice(0, -1).includes('.')).toBe(false);
        expect(wire.slice(0, -1).map((l) => (l.startsWith('.') ? l.slice(1) : l))).toEqual(typed);
      }),
    );
  });
});

describe('IMAP literals (RFC 3501 4.3)', () => {
  it('reads the announcement at the end of a line, synchronising or not (RFC 7888)', () => {
    expect(literalAnnouncement('a1 APPEND INBOX {22}')).toEqual({ size: 22, nonSync: false });
    expect(literalAnnouncement('a1 APPEND INBOX {22+}')).toEqual({ size: 22, nonSync: true });
    expect(literalAnnouncement('a1 APPEND INBOX {22} x')).toBeNull();
    expect(literalAnnouncement('a1 NOOP')).toBeNull();
  });

  it('counts each typed line with its CRLF; exactly enough ends the command with CRLF', () => {
    const c = new LiteralCollector(22);
    expect(c.push('Subject: hi')).toBeNull();
    expect(c.missing).toBe(9);
    expect(c.push('')).toBeNull();
    const lines = c.push('Hello');
    expect(lines).toEqual(['Subject: hi', '', 'Hello', '']);
    // on the wire: the 22 octets, then an empty rest of the command line and its CRLF
    expect(`${(lines as string[]).join('\r\n')}\r\n`).toBe('Subject: hi\r\n\r\nHello\r\n\r\n');
  });

  it('a line longer than the literal goes on as the rest of the command', () => {
    const lines = new LiteralCollector(3).push('bob {7}');
    expect(lines).toEqual(['bob {7}']);
  });

  it('a zero-length literal: the next line is all command', () => {
    expect(new LiteralCollector(0).push(')')).toEqual([')']);
  });

  it('counts octets, not characters', () => {
    const c = new LiteralCollector(Buffer.byteLength('日本\r\n'));
    expect(c.push('日本')).toEqual(['日本', '']);
  });

  it('for any typed lines and size, the bytes sent are the literal then the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }).filter((s) => !/[\r\n]/.test(s)), { minLength: 1, maxLength: 6 }), fc.nat(60), (typed, n) => {
        const typedBytes = Buffer.from(typed.map((l) => `${l}\r\n`).join(''));
        const size = Math.min(n, typedBytes.length);
        const c = new LiteralCollector(size);
        let out: string[] | null = null;
        let used = 0;
        for (const l of typed) {
          used += 1;
          out = c.push(l);
          if (out) break;
        }
        expect(out).not.toBeNull();
        const consumed = Buffer.from(typed.slice(0, used).map((l) => `${l}\r\n`).join(''));
        const sent = Buffer.from(`${(out as string[]).join('\r\n')}\r\n`);
        // the first `size` octets are the literal; after them, what was typed, ending with one CRLF
        expect(sent.subarray(0, size).equals(consumed.subarray(0, size))).toBe(true);
        expect(sent.equals(consumed) || sent.equals(Buffer.concat([consumed, Buffer.from('\r\n')]))).toBe(true);
      }),
    );
  });
});
