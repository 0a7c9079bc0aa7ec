import { charWidth, displayWidth, isWide } from './width.js';

/**
 * The one paragraph wrapper: every paragraph l7lab prints for a reader (lesson texts,
 * explanations, hints, the shell's and `explain`'s notes) goes through here, so text fits
 * the terminal and reads the same everywhere.
 *
 * - Width: the terminal's columns, 80 when output is not a terminal.
 * - Breaks at spaces; Japanese, which has no spaces, may break between two wide characters,
 *   except before closing punctuation (。、）」…) and after opening brackets (（「…),
 *   the basic rules of kinsoku shori (JIS X 4051).
 * - Never inside a command the learner must type: a `backtick` span (shown without the
 *   backticks, in the code colour) or any string in `keep` (the suggested commands).
 * - Wide characters count as two columns and are never split, nor is a word that mixes
 *   them with narrow ones (太郎@example.jp).
 * - Hanging indents: continuation lines start under the text, after the prefix, and after a
 *   paragraph's own leading spaces or list bullet.
 */
export interface WrapOptions {
  /** Columns available; defaults to terminalWidth(). */
  width?: number;
  /** Put before the first line (may be coloured); its width is the hanging indent. */
  prefix?: string;
  /** Put before every following line; defaults to spaces as wide as the prefix. */
  indent?: string;
  /** Substrings never broken across lines (the commands the learner is asked to type). */
  keep?: readonly string[];
  /** Colour for the text itself (not the prefix). */
  style?: (s: string) => string;
  /** Colour for backtick spans; the backticks themselves are not shown. */
  code?: (s: string) => string;
}

/** Narrower than this, wrapping would make text unreadable: let the terminal fold it instead. */
const MIN_TEXT_WIDTH = 20;
const NO_BREAK_BEFORE = new Set([...'。、，．,.:;!?）)]｝」』】〕〉》〙〗・ー：；！？ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々～…']);
const NO_BREAK_AFTER = new Set([...'（([｛「『【〔〈《〘〖']);
const CODE_SPAN = /`([^`\n]+)`/g;
const BULLET = /^(\s*(?:[-*•・]\s+|\d{1,2}[.)]\s+)?)/;

export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80;
}

interface Token {
  text: string;
  width: number;
  /** A backtick span. */
  code: boolean;
  /** Whitespace came before it in the source. */
  space: boolean;
  /** A backtick span or a `keep` string: never broken. */
  keep: boolean;
}

interface Unit {
  tokens: Token[];
  width: number;
  space: boolean;
}

/** Protected spans of a paragraph, earliest first (longest at the same place). */
function protectedSpans(text: string, keep: readonly string[]): Array<{ start: number; end: number; code: boolean }> {
  const spans: Array<{ start: number; end: number; code: boolean }> = [];
  for (const m of text.matchAll(CODE_SPAN)) spans.push({ start: m.index, end: m.index + m[0].length, code: true });
  for (const k of keep) {
    if (!k.trim()) continue;
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + k.length)) spans.push({ start: at, end: at + k.length, code: false });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: typeof spans = [];
  for (const s of spans) if (!chosen.length || s.start >= (chosen[chosen.length - 1] as { end: number }).end) chosen.push(s);
  return chosen;
}

function freeTokens(text: string, tokens: Token[], space: boolean): boolean {
  let pending = space;
  let ascii: Token | null = null;
  for (const ch of text) {
    if (/\s/.test(ch)) {
      pending = true;
      ascii = null;
    } else if (isWide(ch)) {
      tokens.push({ text: ch, width: 2, code: false, space: pending, keep: false });
      pending = false;
      ascii = null;
    } else if (ascii) {
      ascii.text += ch;
      ascii.width += charWidth(ch);
    } else {
      ascii = { text: ch, width: charWidth(ch), code: false, space: pending, keep: false };
      tokens.push(ascii);
      pending = false;
    }
  }
  return pending;
}

function tokenize(text: string, keep: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let space = false;
  for (const span of protectedSpans(text, keep)) {
    space = freeTokens(text.slice(pos, span.start), tokens, space);
    const inner = span.code ? text.slice(span.start + 1, span.end - 1) : text.slice(span.start, span.end);
    tokens.push({ text: inner, width: displayWidth(inner), code: span.code, space, keep: true });
    space = false;
    pos = span.end;
  }
  freeTokens(text.slice(pos), tokens, space);
  return tokens;
}

const isPunct = (ch: string) => NO_BREAK_BEFORE.has(ch) || NO_BREAK_AFTER.has(ch) || /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/.test(ch);

/**
 * Words that mix wide and narrow characters (太郎@example.jp, USBメモリ): runs of tokens with no
 * space between them, bounded by spaces and Japanese punctuation, that hold a narrow letter or
 * digit. Inside one, no break at all; elsewhere Japanese breaks between wide characters.
 */
function mixedWords(tokens: readonly Token[]): boolean[] {
  const mixed = tokens.map(() => false);
  let start = 0;
  const close = (end: number) => {
    const run = tokens.slice(start, end);
    const hasNarrow = run.some((t) => !t.keep && /[A-Za-z0-9]/.test(t.text));
    const hasWide = run.some((t) => !t.keep && [...t.text].some(isWide));
    if (hasNarrow && hasWide) for (let i = start; i < end; i++) mixed[i] = true;
    start = end;
  };
  tokens.forEach((t, i) => {
    const first = [...t.text][0] ?? '';
    if (i > start && (t.space || t.keep || isPunct(first))) close(i);
    if (t.keep || isPunct([...t.text].pop() ?? '')) close(i + 1);
  });
  close(tokens.length);
  return mixed;
}

function breakable(prev: Token, next: Token, sameWord: boolean): boolean {
  if (next.space) return true;
  const last = [...prev.text].pop() ?? '';
  const first = [...next.text][0] ?? '';
  if (sameWord || NO_BREAK_BEFORE.has(first) || NO_BREAK_AFTER.has(last)) return false;
  if (isWide(last) && isWide(first)) return true;
  // Between wide and narrow only at Japanese punctuation (、 then IMAP; 465 then （): 太郎@example.jp stays one word.
  return (isWide(last) && isPunct(last)) || (isWide(first) && isPunct(first));
}

function units(tokens: Token[]): Unit[] {
  const out: Unit[] = [];
  const mixed = mixedWords(tokens);
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const cur = out[out.length - 1];
    if (!prev || !cur || breakable(prev, t, Boolean(mixed[i - 1] && mixed[i]))) out.push({ tokens: [t], width: t.width, space: t.space });
    else {
      cur.tokens.push(t);
      cur.width += t.width;
    }
  });
  return out;
}

/** An unprotected word wider than a whole line (a long URL) is cut by columns; a command never is. */
function splitLong(unit: Unit, avail: number): Unit[] {
  if (unit.width <= avail || unit.tokens.some((t) => t.keep)) return [unit];
  const pieces: Unit[] = [];
  let cur: Token = { text: '', width: 0, code: false, space: unit.space, keep: false };
  for (const ch of unit.tokens.map((t) => t.text).join('')) {
    const w = charWidth(ch);
    if (cur.width + w > avail) {
      pieces.push({ tokens: [cur], width: cur.width, space: cur.space });
      cur = { text: '', width: 0, code: false, space: false, keep: false };
    }
    cur.text += ch;
    cur.width += w;
  }
  pieces.push({ tokens: [cur], width: cur.width, space: cur.space });
  return pieces;
}

function layout(all: Unit[], avail: number): Unit[][] {
  const lines: Unit[][] = [[]];
  let used = 0;
  for (const unit of all.flatMap((u) => splitLong(u, avail))) {
    const line = lines[lines.length - 1] as Unit[];
    const add = (line.length && unit.space ? 1 : 0) + unit.width;
    if (line.length && used + add > avail) {
      lines.push([unit]);
      used = unit.width;
    } else {
      line.push(unit);
      used += add;
    }
  }
  return lines;
}

function renderLine(line: Unit[], opts: WrapOptions): string {
  const style = opts.style ?? ((s: string) => s);
  const code = opts.code ?? ((s: string) => s);
  const runs: Array<{ code: boolean; text: string }> = [];
  const append = (isCode: boolean, text: string) => {
    const last = runs[runs.length - 1];
    if (last && last.code === isCode) last.text += text;
    else runs.push({ code: isCode, text });
  };
  line.flatMap((u) => u.tokens).forEach((t, i) => {
    if (i > 0 && t.space) append(false, ' ');
    append(t.code, t.text);
  });
  return runs.map((r) => (r.code ? code(r.text) : style(r.text))).join('');
}

function wrapParagraph(text: string, width: number, opts: WrapOptions, first: string, rest: string): string[] {
  const lead = BULLET.exec(text)?.[1] ?? '';
  const hang = ' '.repeat(displayWidth(lead));
  // One measure for every line: the narrower of the first line and the ones after it.
  const avail = width - hang.length - Math.max(displayWidth(first), displayWidth(rest));
  const lines = layout(units(tokenize(text.slice(lead.length), opts.keep ?? [])), Math.max(MIN_TEXT_WIDTH, avail));
  return lines.map((line, i) => (i === 0 ? `${first}${lead}` : `${rest}${hang}`) + renderLine(line, opts));
}

/** Wrap `text` (one or more lines; each line is a paragraph) to the width. */
export function wrap(text: string, opts: WrapOptions = {}): string {
  const width = opts.width ?? terminalWidth();
  const prefix = opts.prefix ?? '';
  const indent = opts.indent ?? ' '.repeat(displayWidth(prefix));
  return text
    .split('\n')
    .flatMap((para, i) => (para.trim() === '' ? [i === 0 ? prefix.trimEnd() : ''] : wrapParagraph(para, width, opts, i === 0 ? prefix : indent, indent)))
    .join('\n');
}
