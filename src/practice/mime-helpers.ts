import libmime from 'libmime';
import * as libqp from 'libqp';
import { ENCODED_WORD_MAX, quotedPrintable } from '../protocols/mime-words.js';
import { printable } from '../ui/printable.js';

/**
 * The arithmetic behind `:qp` and `:word`: quoted-printable (RFC 2045 6.7) and RFC 2047
 * encoded words, done by libqp and libmime (the libraries mailparser and nodemailer use),
 * plus what changed and why, so the learner sees the rule behind each `=XX`.
 */

/** Why an octet became =XX (RFC 2045 6.7). */
export type QpReason = 'nonAscii' | 'equals' | 'trailingSpace' | 'control';

export interface QpChange {
  /** The character as typed (or as decoded). */
  char: string;
  /** Its octets as =XX escapes. */
  escaped: string;
  reason: QpReason;
}

export interface QpEncoded {
  /** The encoded lines, each at most 76 characters (RFC 2045 6.7 rule 5). */
  lines: string[];
  changes: QpChange[];
  /** Lines ended by a soft line break (a trailing "="). */
  softBreaks: number;
}


const ESCAPES = /(?:=[0-9A-Fa-f]{2})+/g;

function reasonOf(char: string): QpReason {
  const code = char.codePointAt(0) as number;
  if (code > 0x7e) return 'nonAscii';
  if (char === '=') return 'equals';
  if (char === ' ' || char === '\t') return 'trailingSpace';
  return 'control';
}

/** One change per character (a UTF-8 character is several octets), each listed once. */
function changesIn(encoded: string): QpChange[] {
  const seen = new Map<string, QpChange>();
  for (const run of encoded.match(ESCAPES) ?? []) {
    const bytes = Buffer.from(run.replace(/=/g, ''), 'hex');
    for (const char of bytes.toString('utf8')) {
      const escaped = [...Buffer.from(char, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
      if (!seen.has(char)) seen.set(char, { char: char === '\uFFFD' ? run : char, escaped, reason: reasonOf(char) });
    }
  }
  return [...seen.values()];
}

/** RFC 2045 6.7: the UTF-8 octets of `text`, quoted-printable, with soft line breaks at 76. */
export function qpEncode(text: string): QpEncoded {
  const lines = quotedPrintable(text).split('\n');
  return { lines, changes: changesIn(libqp.encode(Buffer.from(text, 'utf8'))), softBreaks: lines.filter((l) => l.endsWith('=')).length };
}

export interface QpDecoded {
  /** The decoded octets as text (UTF-8; control characters shown as \xNN). */
  text: string;
  /** Each =XX run and what it stood for. */
  changes: QpChange[];
  softBreaks: number;
  /** The octets are not valid UTF-8 (another charset, or a broken escape). */
  notUtf8: boolean;
}

/**
 * RFC 2045 6.7: undo =XX and soft line breaks. A typed line cannot hold a line break, so a
 * " = " between words or an "=" at the end stands for one (rule 5).
 */
export function qpDecode(text: string): QpDecoded {
  const softBreaks = (text.match(/=(?:\r?\n|$)/g) ?? []).length;
  const bytes = libqp.decode(text);
  const decoded = bytes.toString('utf8');
  const changes = (text.match(ESCAPES) ?? []).map((run) => {
    const char = Buffer.from(run.replace(/=/g, ''), 'hex');
    return { char: printable(char), escaped: run.toUpperCase(), reason: reasonOf(char.toString('utf8') || ' ') };
  });
  const unique = changes.filter((c, i) => changes.findIndex((d) => d.escaped === c.escaped) === i);
  return { text: printable(Buffer.from(decoded, 'utf8')), changes: unique, softBreaks, notUtf8: !Buffer.from(decoded, 'utf8').equals(bytes) };
}

/** RFC 2047 2: an encoded word is at most 75 characters. */
export const WORD_MAX = ENCODED_WORD_MAX;
/** `=?UTF-8?B?` and `?=` around the encoded text. */
const WORD_FRAME = '=?UTF-8?B??='.length;

/**
 * RFC 2047 encoded words for `text` in UTF-8, B (base64, 4.1) or Q (4.2). Longer text is
 * split into several words of at most 75 characters each, never inside a character (RFC 2047
 * 2, 5); a reader joins adjacent words without the space between them (6.2).
 */
export function wordEncode(text: string, encoding: 'B' | 'Q'): string[] {
  return libmime
    .encodeWord(text, encoding, WORD_MAX - WORD_FRAME)
    .split(/\s+/)
    .filter((w) => w !== '');
}

export interface DecodedWord {
  word: string;
  /** As named in the word (RFC 2047 2), with any RFC 2231 language suffix dropped. */
  charset: string;
  encoding: 'B' | 'Q';
  text: string;
}

const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeOne(charset: string, encoding: string, encoded: string): string {
  try {
    return libmime.decodeWord(charset, encoding, encoded);
  } catch {
    return encoded;
  }
}

/**
 * Every encoded word in `text`, decoded with the charset it names (UTF-8, ISO-2022-JP as in
 * RFC 1468, ISO-8859-1, ...), and the whole text as a reader shows it: the space between two
 * adjacent encoded words is dropped (RFC 2047 6.2).
 */
export function wordDecode(text: string): { words: DecodedWord[]; text: string } {
  const words = [...text.matchAll(WORD)].map((m) => {
    const charset = (m[1] as string).split('*')[0] as string;
    const encoding = (m[2] as string).toUpperCase() as 'B' | 'Q';
    return { word: m[0], charset, encoding, text: decodeOne(charset, encoding, m[3] as string) };
  });
  let whole: string;
  try {
    whole = libmime.decodeWords(text);
  } catch {
    whole = text;
  }
  return { words, text: whole };
}
