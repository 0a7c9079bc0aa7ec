import { describe, expect, it } from 'vitest';
import { Framer, type Frame } from '../../../src/protocols/transport.js';
import type { Expect } from '../../../src/protocols/session.js';

const LINE: Expect = { mode: 'line', maxLine: 16 };

/** Push `input` in chunks of `size` and collect every frame, with a fixed expectation. */
function frames(input: string | Buffer, size: number, expect: Expect = LINE): Frame[] {
  const f = new Framer();
  const data = Buffer.from(input);
  const out: Frame[] = [];
  for (let i = 0; i < data.length; i += size) {
    f.push(data.subarray(i, i + size));
    for (let frame = f.next(expect); frame; frame = f.next(expect)) out.push(frame);
  }
  return out;
}

const show = (fs: Frame[]) =>
  fs.map((fr) => (fr.kind === 'line' ? `${fr.line.toString('latin1')}|${fr.crlf ? 'CRLF' : 'LF'}` : fr.kind === 'bytes' ? `bytes:${fr.data.length}` : 'overflow'));

describe('Framer', () => {
  it.each([1, 2, 3, 7, 17, 1000])('frames CRLF and bare LF lines the same way in %i-byte chunks', (size) => {
    expect(show(frames('EHLO a\r\nNOOP\nx\ry\r\n\r\n', size))).toEqual(['EHLO a|CRLF', 'NOOP|LF', 'x\ry|CRLF', '|CRLF']);
  });

  it('keeps a lone CR inside a line instead of ending it (smuggling defence starts here)', () => {
    expect(show(frames('a\r.\rb\r\n', 3))).toEqual(['a\r.\rb|CRLF']);
  });

  it('reports an over-long line once and drops its bytes up to the next LF', () => {
    const long = 'x'.repeat(40);
    expect(show(frames(`${long}\r\nOK\r\n`, 5))).toEqual(['overflow', 'OK|CRLF']);
    expect(show(frames(`${long}\r\nOK\r\n`, 100))).toEqual(['overflow', 'OK|CRLF']);
  });

  it('counts the CRLF in the limit: 14 characters + CRLF fit in 16, 15 + CRLF do not', () => {
    expect(show(frames(`${'a'.repeat(14)}\r\n`, 1))).toEqual([`${'a'.repeat(14)}|CRLF`]);
    expect(show(frames(`${'a'.repeat(15)}\r\n`, 1))).toEqual(['overflow']);
  });

  it('does not buffer a line without LF beyond the limit (memory stays flat)', () => {
    const f = new Framer();
    for (let i = 0; i < 1000; i++) {
      f.push(Buffer.alloc(1024, 0x41));
      f.next(LINE);
      expect(f.buffered).toBeLessThanOrEqual(1024);
    }
  });

  it('delivers an exact byte count, then goes back to lines', () => {
    const f = new Framer();
    f.push(Buffer.from('hel'));
    expect(f.next({ mode: 'bytes', count: 5 })).toBeNull();
    f.push(Buffer.from('lo\r\nNEXT\r\n'));
    const b = f.next({ mode: 'bytes', count: 5 });
    expect(b).toEqual({ kind: 'bytes', data: Buffer.from('hello') });
    expect(show([f.next(LINE) as Frame, f.next(LINE) as Frame])).toEqual(['|CRLF', 'NEXT|CRLF']);
  });

  it('discards a counted run of bytes without keeping them, then reports an empty chunk', () => {
    const f = new Framer();
    const expect10: Expect = { mode: 'discard', count: 10 };
    f.push(Buffer.from('AAAA'));
    expect(f.next(expect10)).toBeNull();
    expect(f.buffered).toBe(0);
    f.push(Buffer.from('BBBBBBa1 NOOP\r\n'));
    expect(f.next(expect10)).toEqual({ kind: 'bytes', data: Buffer.alloc(0) });
    expect(show([f.next(LINE) as Frame])).toEqual(['a1 NOOP|CRLF']);
  });

  it('drain() hands back unframed bytes (STARTTLS must discard them)', () => {
    const f = new Framer();
    f.push(Buffer.from('STARTTLS\r\nMAIL FROM:<x>\r\n'));
    expect(show([f.next(LINE) as Frame])).toEqual(['STARTTLS|CRLF']);
    expect(f.drain().toString()).toBe('MAIL FROM:<x>\r\n');
    expect(f.next(LINE)).toBeNull();
  });
});

describe('Framer.peek and skip: a session takes a whole block before the lines are cut', () => {
  it('peek shows what is not framed yet without taking it; skip takes that many octets', () => {
    const f = new Framer();
    f.push(Buffer.from('AB\r\n'));
    expect(show([f.next(LINE) as Frame])).toEqual(['AB|CRLF']);
    f.push(Buffer.from('GET / X\r\n\r\nNEXT\r\n'));
    expect(f.peek().toString()).toBe('GET / X\r\n\r\nNEXT\r\n');
    expect(f.buffered).toBe(17);
    f.skip(11);
    expect(f.buffered).toBe(6);
    expect(show([f.next(LINE) as Frame])).toEqual(['NEXT|CRLF']);
    f.skip(100);
    expect(f.buffered).toBe(0);
  });
});
