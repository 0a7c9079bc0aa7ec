import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth, fit, padEnd, truncate } from '../../../src/ui/width.js';

/** Columns counted one code point at a time, the way width.ts counts outside its ASCII shortcut. */
const slowWidth = (text: string) => [...text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')].reduce((n, ch) => n + charWidth(ch), 0);

describe('terminal width (UAX #11)', () => {
  it('counts printable ASCII as one column a character, as the general count does', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(displayWidth(ascii)).toBe(95);
    expect(displayWidth(ascii)).toBe(slowWidth(ascii));
    expect(displayWidth('')).toBe(0);
  });

  it('still gives wide characters two columns, combining marks and colour codes none', () => {
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(charWidth('\u02ff')).toBe(1);
    expect(charWidth('\u0300')).toBe(0);
    expect(displayWidth('\x1b[1mbold\x1b[22m')).toBe(4);
    expect(displayWidth('ab\tc')).toBe(slowWidth('ab\tc'));
  });

  it('cuts ASCII and wide text alike, and leaves what fits as it is', () => {
    expect(truncate('alice@lab.example', 8)).toBe('alice@l…');
    expect(truncate('alice', 5)).toBe('alice');
    expect(truncate('\x1b[1malice\x1b[22m', 5)).toBe('\x1b[1malice\x1b[22m');
    expect(truncate('日本語です', 5)).toBe('日本…');
    // A code point outside the BMP (two UTF-16 units) is one character, two columns wide.
    expect(displayWidth('a\u{1f600}b')).toBe(4);
    expect(truncate('\u{1f600}\u{1f600}\u{1f600}', 4)).toBe('\u{1f600}…');
    expect(truncate('caf\u00e9 au lait', 6)).toBe('caf\u00e9 …');
  });
});

describe('fit', () => {
  const texts = ['', 'bob@lab.example', 'exactly-ten', 'message 42', '日本語の件名です', '\x1b[1mbold id\x1b[22m', 'tab\there', 'ends with space '];
  it.each([0, 1, 2, 5, 10, 11, 30])('is padEnd(truncate()) at width %i, in columns exactly the width', (width) => {
    for (const text of texts) {
      const got = fit(text, width);
      expect(got).toBe(padEnd(truncate(text, width), width));
      if (width > 0 && !text.includes('\t')) expect(displayWidth(got)).toBe(width);
    }
  });
});
