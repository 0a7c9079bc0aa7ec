import { describe, expect, it } from 'vitest';
import type { OutItem } from '../../../src/protocols/session.js';
import { replyParts } from '../../../src/protocols/step-events.js';

/** What the wire must carry: each line with CRLF, each raw chunk as it is, in order. */
function expected(out: readonly OutItem[]): Buffer {
  return Buffer.concat(out.map((item) => (typeof item === 'string' ? Buffer.from(`${item}\r\n`, 'utf8') : item.raw)));
}

describe('replyParts', () => {
  it('joins a few lines into one buffer between raw chunks', () => {
    const out: OutItem[] = ['* 1 FETCH (BODY[] {5}', { raw: Buffer.from('hello'), summary: '[literal: 5 octets]' }, ')', 'a1 OK done'];
    const parts = replyParts(out);
    expect(parts).toHaveLength(3);
    expect(Buffer.concat(parts)).toEqual(expected(out));
  });

  it('writes many lines (a FETCH 1:*) byte for byte as the short path would, UTF-8 included', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `* ${i + 1} FETCH (UID ${i + 1} FLAGS (\\Seen ${i % 7 === 0 ? '会議' : 'é'}))`);
    // A lone surrogate is encoded as U+FFFD by both paths.
    lines[500] = 'broken \ud800 half';
    const out: OutItem[] = [...lines, { raw: Buffer.from('raw\r\n'), summary: 'raw' }, ...lines.slice(0, 100), 'a1 OK'];
    const parts = replyParts(out);
    expect(parts).toHaveLength(3);
    expect(Buffer.concat(parts)).toEqual(expected(out));
    expect(parts[0]?.length).toBe(expected(lines).length);
  });

  it('gives nothing for nothing', () => {
    expect(replyParts([])).toEqual([]);
  });
});
