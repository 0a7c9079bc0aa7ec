import type { OutItem, RawChunk } from '../session.js';

/**
 * Multi-line replies (RFC 1939 3): after the +OK line, each line ends in CRLF; a line that
 * begins with "." gets one more "." in front (byte-stuffing), and a line holding only "."
 * ends the reply. The client strips the extra dot, so a message line ".hidden" arrives intact.
 * This is L6 work: how text is framed on the wire, not what it means.
 */
const LF = 0x0a;
const DOT = 0x2e;
const CRLF = Buffer.from('\r\n');
const DOT_BUF = Buffer.from('.');

/** The terminating line of every multi-line reply. */
export const END = '.';

/** Byte-stuff a message and make sure it ends in CRLF, ready to be followed by ".". */
export function dotStuff(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  if (body.length > 0 && body[0] === DOT) parts.push(DOT_BUF);
  for (let lf = body.indexOf(LF); lf >= 0 && lf + 1 < body.length; lf = body.indexOf(LF, lf + 1)) {
    if (body[lf + 1] !== DOT) continue;
    parts.push(body.subarray(from, lf + 1), DOT_BUF);
    from = lf + 1;
  }
  parts.push(body.subarray(from));
  const endsInCrlf = body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === LF;
  if (body.length > 0 && !endsInCrlf) parts.push(CRLF);
  return parts.length === 1 ? body : Buffer.concat(parts);
}

/**
 * TOP (RFC 1939 7): the header, the blank line that ends it, then the first `lines` lines
 * of the body (all of it when it is shorter). A message without a blank line is all header.
 */
export function topOf(message: Buffer, lines: number): Buffer {
  let sep = message.indexOf('\r\n\r\n');
  let sepLength = 4;
  if (sep < 0) {
    sep = message.indexOf('\n\n');
    sepLength = 2;
  }
  if (sep < 0) return message;
  const bodyStart = sep + sepLength;
  let end = bodyStart;
  for (let i = 0; i < lines; i++) {
    const lf = message.indexOf(LF, end);
    if (lf < 0) return message;
    end = lf + 1;
  }
  return message.subarray(0, end);
}

/** A message (or part of one) as a raw chunk the transcript shows as one summary line. */
export function messageChunk(data: Buffer, summary: string): RawChunk {
  return { raw: dotStuff(data), summary };
}

/**
 * How many listing lines (LIST, UIDL) get a transcript event each. A longer listing goes on
 * the wire the same way but as one chunk with a summary, so a 10,000-message LIST neither
 * floods `serve`'s live log nor costs 10,000 events. A display choice, not a protocol limit.
 */
export const TRANSCRIPT_LISTING_LINES = 100;

/** +OK line, listing lines, terminating dot: for LIST, UIDL, CAPA. */
export function multiline(first: string, lines: readonly string[], what = 'listing'): OutItem[] {
  if (lines.length <= TRANSCRIPT_LISTING_LINES) return [first, ...lines, END];
  // Listing lines start with a message-number, never with ".", so they need no stuffing.
  const raw = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
  return [first, { raw, summary: `[${what}: ${lines.length} lines, ${raw.length} octets]` }, END];
}

