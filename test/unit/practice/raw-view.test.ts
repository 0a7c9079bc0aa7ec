import { describe, expect, it } from 'vitest';
import { escapeBytes, RawQueue } from '../../../src/practice/raw-view.js';

describe('raw view', () => {
  it('hands out each line with its own terminator, however the bytes were chunked', () => {
    const q = new RawQueue();
    const bytes = Buffer.from('250-a\r\n250 b\nx\r\n');
    for (const b of bytes) q.push(Buffer.from([b]));
    expect(q.take('250-a')?.toString()).toBe('250-a\r\n');
    expect(q.take('250 b')?.toString()).toBe('250 b\n');
    expect(q.take('x')?.toString()).toBe('x\r\n');
    expect(q.take('x')).toBeNull();
  });

  it('skips lines nobody showed and waits for a line not complete yet', () => {
    const q = new RawQueue();
    q.push(Buffer.from('* OK greeting\r\n* 1 EXISTS\r\na1 OK'));
    expect(q.take('* 1 EXISTS')?.toString()).toBe('* 1 EXISTS\r\n');
    expect(q.take('a1 OK')).toBeNull();
    q.push(Buffer.from(' done\r\n'));
    expect(q.take('a1 OK done')?.length).toBe(12);
  });

  it('makes CR, LF, tab and other control bytes visible, and keeps UTF-8 text', () => {
    expect(escapeBytes(Buffer.from('a\tb\r\n'))).toBe('a\\tb\\r\\n');
    expect(escapeBytes(Buffer.from([0x00, 0x1b, 0x7f]))).toBe('\\x00\\x1b\\x7f');
    expect(escapeBytes(Buffer.from('太郎\n'))).toBe('太郎\\n');
  });
});
