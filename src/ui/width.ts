/**
 * How many terminal columns a string takes. East Asian Wide and Fullwidth characters
 * (Unicode UAX #11: CJK ideographs, kana, Hangul, fullwidth forms such as （ and ：) take
 * two columns; combining marks, zero-width characters and ANSI colour codes take none.
 * Ambiguous-width characters (…, •, ↑, box drawing) are counted as one, as terminals do
 * outside an East Asian legacy mode.
 */
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Code point ranges of East Asian Wide (W) and Fullwidth (F), UAX #11, condensed. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO = /[\u0300-\u036f\u200b-\u200f\u2060\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;

export function isWide(ch: string): boolean {
  return isWideCodePoint(ch.codePointAt(0) ?? 0);
}

/** An index loop: `mail list` asks for every … it cuts with, and some() with a destructured pair allocated on each. */
function isWideCodePoint(cp: number): boolean {
  if (cp < 0x1100) return false;
  for (let i = 0; i < WIDE.length; i++) {
    const range = WIDE[i] as readonly [number, number];
    if (cp >= range[0] && cp <= range[1]) return true;
  }
  return false;
}

export function charWidth(ch: string): number {
  // Below U+0300 nothing is zero-width or wide: one column, without the regular expression.
  if (ch.charCodeAt(0) < 0x300) return 1;
  if (ZERO.test(ch)) return 0;
  return isWide(ch) ? 2 : 1;
}

/** UTF-16 units of a code point: a for-of over a string yields the same steps. */
const unitsOf = (cp: number) => (cp > 0xffff ? 2 : 1);

/** The width of code point `cp`, at `i` of `text` (no array or iterator made: `mail list` asks thousands of times). */
function widthAt(text: string, i: number, cp: number): number {
  return cp < 0x300 ? 1 : charWidth(text.slice(i, i + unitsOf(cp)));
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Printable ASCII alone: one column a character, no colour codes (ESC is not in it). */
const PLAIN = /^[\x20-\x7e]*$/;

/** Terminal columns of `text`, colour codes ignored. */
export function displayWidth(text: string): number {
  // The common case (`mail list` asks thousands of times): as many columns as characters.
  if (PLAIN.test(text)) return text.length;
  const plain = stripAnsi(text);
  let n = 0;
  for (let i = 0; i < plain.length; ) {
    const cp = plain.codePointAt(i) as number;
    n += widthAt(plain, i, cp);
    i += unitsOf(cp);
  }
  return n;
}

/** Pad with spaces on the right to `width` columns (never cuts). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Cut to at most `width` columns, ending with … when something was cut; never halves a wide character. */
export function truncate(text: string, width: number): string {
  if (text.length <= width && PLAIN.test(text)) return text;
  const plain = stripAnsi(text);
  if (displayWidth(plain) <= width) return text;
  if (width <= 0) return '';
  let end = 0;
  let used = 0;
  while (end < plain.length) {
    const cp = plain.codePointAt(end) as number;
    const w = widthAt(plain, end, cp);
    if (used + w > width - 1) break;
    end += unitsOf(cp);
    used += w;
  }
  return `${plain.slice(0, end)}…`;
}

/**
 * `padEnd(truncate(text, width), width)`: exactly `width` columns. Printable ASCII (nearly
 * every cell of `mail list`, thousands of them) is cut and padded by its length alone.
 */
export function fit(text: string, width: number): string {
  if (!PLAIN.test(text)) return padEnd(truncate(text, width), width);
  if (text.length <= width) return text + ' '.repeat(width - text.length);
  return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}
