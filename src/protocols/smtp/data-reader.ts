import type { Terminator } from '../session.js';

/**
 * Reads the message content after `354` (RFC 5321 4.1.1.4), one framed line at a time.
 * Pure: no socket, no store. It decides three things the security of a mail server hangs on:
 *
 * - Where the message ends. Only CRLF "." CRLF ends it: a line holding just "." that itself
 *   ended in CRLF, right after a line that ended in a clean CRLF. A bare LF or a bare CR
 *   never ends a line here (RFC 5321 2.3.8), so `\n.\n`, `\n.\r\n`, `\r\n.\n` and friends
 *   stay inside the message and nobody can smuggle a second message past a filter that
 *   reads the stream differently (the "SMTP smuggling" attacks of 2023). A line whose CRLF
 *   is preceded by a lone CR (`\r\r\n`) is not clean either: a receiver that took that CR
 *   for a line end would see a different message, so the dot after it is content.
 * - Dot-stuffing (RFC 5321 4.5.2): a leading "." at the start of a real line is removed.
 * - Limits: the size counts octets as received; past the maximum, or after a text line
 *   longer than SMTP_TEXT_LINE, nothing more is buffered but the content is still read
 *   to its end, so the reply comes in step with the client.
 */
export type DataProblem = 'too-big' | 'line-too-long';

export interface DataEnd {
  done: true;
  /** The content as pieces to join (lines and their line ends), or null when refused. */
  parts: Buffer[] | null;
  /** Octets in `parts`. */
  length: number;
  /** Octets received (wire form, stuffing dots included). */
  size: number;
  lines: number;
  problem: DataProblem | null;
  /** The header section (up to the first empty line) has a Message-ID field. */
  hasMessageId: boolean;
}

export type DataProgress = { done: false; unstuffed: boolean } | DataEnd;

/** Join the pieces of a finished content, after an optional prefix, in one copy. */
export function joinContent(end: DataEnd, prefix?: Buffer): Buffer {
  const parts = end.parts ?? [];
  return prefix ? Buffer.concat([prefix, ...parts], prefix.length + end.length) : Buffer.concat(parts, end.length);
}

// Shared, never mutated: most lines allocate no progress object.
const MORE: DataProgress = Object.freeze({ done: false, unstuffed: false });
const MORE_UNSTUFFED: DataProgress = Object.freeze({ done: false, unstuffed: true });
const DOT = 0x2e;
const CR = 0x0d;
const MESSAGE_ID_RE = /^message-id[ \t]*:/i;
const CRLF = Buffer.from('\r\n');
const LF = Buffer.from('\n');

export class DataReader {
  private parts: Buffer[] = [];
  private stored = 0;
  private received = 0;
  private lines = 0;
  private problem: DataProblem | null = null;
  private inHeader = true;
  private messageId = false;
  /** The previous line ended in a clean CRLF, so this one starts a real line. */
  private atLineStart: boolean;

  /**
   * @param maxSize largest content accepted, in octets received
   * @param maxLine the text line limit the transport enforces, counted for a dropped line
   * @param commandEndedInCrlf the DATA command line ended in CRLF: its CRLF is the first of CRLF.CRLF
   */
  constructor(
    private readonly maxSize: number,
    private readonly maxLine: number,
    commandEndedInCrlf: boolean,
  ) {
    this.atLineStart = commandEndedInCrlf;
  }

  line(line: Buffer, end: Terminator): DataProgress {
    const clean = end.crlf && (line.length === 0 || line[line.length - 1] !== CR);
    if (this.atLineStart && clean && line.length === 1 && line[0] === DOT) return this.finish();
    this.received += line.length + (end.crlf ? 2 : 1);
    this.lines++;
    const unstuffed = this.atLineStart && line.length > 0 && line[0] === DOT;
    this.atLineStart = clean;
    if (this.received > this.maxSize) this.fail('too-big');
    if (this.problem === null) {
      const content = unstuffed ? line.subarray(1) : line;
      const eol = end.crlf ? CRLF : LF;
      this.parts.push(content, eol);
      this.stored += content.length + eol.length;
      if (this.inHeader) this.scanHeader(content);
    }
    return unstuffed ? MORE_UNSTUFFED : MORE;
  }

  /**
   * The transport dropped a line longer than the text line limit (RFC 5321 4.5.3.1.6).
   * Its terminator is unknown; it is taken as a line end so a client that sent a long line
   * and then a proper CRLF.CRLF still gets its (negative) reply instead of hanging.
   */
  overflow(): DataProgress {
    this.received += this.maxLine;
    this.lines++;
    this.atLineStart = true;
    this.fail(this.received > this.maxSize ? 'too-big' : 'line-too-long');
    return MORE;
  }

  /** Watch the header section go by, so the server knows whether to add a Message-ID. */
  private scanHeader(content: Buffer): void {
    if (content.length === 0) this.inHeader = false;
    else if ((content[0] === 0x4d || content[0] === 0x6d) && MESSAGE_ID_RE.test(content.toString('latin1', 0, 64))) this.messageId = true;
  }

  private fail(problem: DataProblem): void {
    // Size wins: 552 tells the client more than a line error would.
    if (this.problem !== 'too-big') this.problem = problem;
    this.parts = [];
    this.stored = 0;
  }

  private finish(): DataEnd {
    const parts = this.problem === null ? this.parts : null;
    this.parts = [];
    return { done: true, parts, length: parts ? this.stored : 0, size: this.received, lines: this.lines, problem: this.problem, hasMessageId: this.messageId };
  }
}
