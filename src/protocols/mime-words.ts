import * as libbase64 from 'libbase64';
import libmime from 'libmime';
import * as libqp from 'libqp';

/**
 * The three MIME encodings a lesson builds by hand, done by the libraries the servers decode
 * with (libmime, libqp, libbase64), so what the lesson shows is what a mail program would send.
 * Pure functions: text in, wire text out. Lines are joined with "\n"; the wire adds CR.
 */

/** RFC 2045 6.7 (5) and 6.8: encoded lines are at most 76 characters, not counting CRLF. */
export const MIME_LINE = 76;

/** RFC 2047 2: an encoded word is at most 75 characters long, delimiters included. */
export const ENCODED_WORD_MAX = 75;

export type WordEncoding = 'B' | 'Q';

/**
 * One RFC 2047 encoded word, `=?UTF-8?B?...?=` (2: charset, encoding, encoded text). B is
 * base64 of the UTF-8 bytes (4.1); Q is quoted-printable with "_" for space (4.2). Null when
 * the text does not fit in one word of 75 characters: a longer header needs several words.
 */
export function encodedWord(text: string, encoding: WordEncoding): string | null {
  const word = libmime.encodeWord(text, encoding);
  return word.length <= ENCODED_WORD_MAX ? word : null;
}

/**
 * Quoted-printable (RFC 2045 6.7): printable ASCII stays, "=" and every other octet become
 * "=XX" (rules 1-2), and a line longer than 76 characters is cut with a soft line break, a
 * "=" at the end of the line that the decoder removes (rule 5).
 */
export function quotedPrintable(text: string): string {
  return libqp.wrap(libqp.encode(Buffer.from(text, 'utf8')), MIME_LINE).replace(/\r\n/g, '\n');
}

/** Base64 for a MIME body (RFC 2045 6.8): lines of at most 76 characters. */
export function base64Lines(text: string): string {
  return libbase64.wrap(libbase64.encode(Buffer.from(text, 'utf8')), MIME_LINE).replace(/\r\n/g, '\n');
}
