import type { Expect } from './session.js';

/**
 * Framing of a TCP byte stream into what a session expects next: lines ending in LF
 * (reporting whether a CR preceded it, so SMTP can tell CRLF from a bare LF), exact byte
 * counts (IMAP literals) and discarded byte counts. Pure: no socket, so it is tested alone
 * with input split at every possible boundary.
 *
 * Memory stays bounded: a line longer than its limit is reported once as `overflow`
 * and its bytes are dropped up to the next LF, never buffered.
 */
export type Frame =
  | { kind: 'line'; line: Buffer; crlf: boolean }
  | { kind: 'overflow' }
  | { kind: 'bytes'; data: Buffer };

const LF = 0x0a;
const CR = 0x0d;

export class Framer {
  /** Received bytes; those before `pos` are already framed. One buffer and an offset, so a
   * line costs one subarray view and no copy (this loop runs for every line of every message). */
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Dropping an over-long line until its LF. */
  private skippingLine = false;
  /** Octets still to discard for an Expect of mode discard. */
  private discardLeft = 0;
  private discarding = false;

  /** Bytes received but not yet framed. */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.buf = this.pos >= this.buf.length ? data : Buffer.concat([this.buf.subarray(this.pos), data]);
    this.pos = 0;
  }

  /** Everything not yet framed, left in place (a view: valid until the next push). */
  peek(): Buffer {
    return this.pos === 0 ? this.buf : this.buf.subarray(this.pos);
  }

  /** Mark `count` octets of what peek() showed as read. */
  skip(count: number): void {
    this.pos = Math.min(this.pos + count, this.buf.length);
  }

  /** Remove and return everything not yet framed (STARTTLS discards it, RFC 3207 section 4.2). */
  drain(): Buffer {
    const rest = this.buf.subarray(this.pos);
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return rest;
  }

  /** The next frame for `expect`, or null when more bytes are needed. */
  next(expect: Expect): Frame | null {
    if (expect.mode === 'bytes') {
      if (this.buffered < expect.count) return null;
      const data = Buffer.from(this.buf.subarray(this.pos, this.pos + expect.count));
      this.pos += expect.count;
      return { kind: 'bytes', data };
    }
    if (expect.mode === 'discard') return this.nextDiscard(expect.count);
    return this.nextLine(expect.maxLine);
  }

  private nextDiscard(count: number): Frame | null {
    if (!this.discarding) {
      this.discarding = true;
      this.discardLeft = count;
    }
    const take = Math.min(this.discardLeft, this.buffered);
    this.pos += take;
    this.discardLeft -= take;
    if (this.discardLeft > 0) return null;
    this.discarding = false;
    return { kind: 'bytes', data: Buffer.alloc(0) };
  }

  private nextLine(maxLine: number): Frame | null {
    for (;;) {
      if (this.buffered === 0) return null;
      const lf = this.buf.indexOf(LF, this.pos);
      if (this.skippingLine) {
        if (lf < 0) {
          this.pos = this.buf.length;
          return null;
        }
        this.pos = lf + 1;
        this.skippingLine = false;
        continue;
      }
      if (lf < 0) {
        if (this.buffered > maxLine) {
          this.pos = this.buf.length;
          this.skippingLine = true;
          return { kind: 'overflow' };
        }
        return null;
      }
      const start = this.pos;
      this.pos = lf + 1;
      // maxLine counts the terminator too (RFC 5321 4.5.3.1.4-6 limits include CRLF).
      if (lf + 1 - start > maxLine) return { kind: 'overflow' };
      const crlf = lf > start && this.buf[lf - 1] === CR;
      return { kind: 'line', line: this.buf.subarray(start, crlf ? lf - 1 : lf), crlf };
    }
  }
}
