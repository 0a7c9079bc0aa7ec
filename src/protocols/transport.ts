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
  private chunks: Buffer[] = [];
  private length = 0;
  /** Dropping an over-long line until its LF. */
  private skippingLine = false;
  /** Octets still to discard for an Expect of mode discard. */
  private discardLeft = 0;
  private discarding = false;

  /** Bytes received but not yet framed. */
  get buffered(): number {
    return this.length;
  }

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.length += data.length;
  }

  /** Remove and return everything not yet framed (STARTTLS discards it, RFC 3207 section 4.2). */
  drain(): Buffer {
    const all = this.concat();
    this.chunks = [];
    this.length = 0;
    return all;
  }

  private concat(): Buffer {
    if (this.chunks.length === 1) return this.chunks[0] as Buffer;
    const all = Buffer.concat(this.chunks, this.length);
    this.chunks = this.length > 0 ? [all] : [];
    return all;
  }

  private consume(n: number): Buffer {
    const all = this.concat();
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return head;
  }

  /** The next frame for `expect`, or null when more bytes are needed. */
  next(expect: Expect): Frame | null {
    if (expect.mode === 'bytes') {
      if (this.length < expect.count) return null;
      return { kind: 'bytes', data: Buffer.from(this.consume(expect.count)) };
    }
    if (expect.mode === 'discard') return this.nextDiscard(expect.count);
    return this.nextLine(expect.maxLine);
  }

  private nextDiscard(count: number): Frame | null {
    if (!this.discarding) {
      this.discarding = true;
      this.discardLeft = count;
    }
    const take = Math.min(this.discardLeft, this.length);
    if (take > 0) this.consume(take);
    this.discardLeft -= take;
    if (this.discardLeft > 0) return null;
    this.discarding = false;
    return { kind: 'bytes', data: Buffer.alloc(0) };
  }

  private nextLine(maxLine: number): Frame | null {
    if (this.length === 0) return null;
    const all = this.concat();
    const lf = all.indexOf(LF);
    if (this.skippingLine) {
      if (lf < 0) {
        this.consume(this.length);
        return null;
      }
      this.consume(lf + 1);
      this.skippingLine = false;
      return this.nextLine(maxLine);
    }
    if (lf < 0) {
      if (this.length > maxLine) {
        this.consume(this.length);
        this.skippingLine = true;
        return { kind: 'overflow' };
      }
      return null;
    }
    // maxLine counts the terminator too (RFC 5321 4.5.3.1.4-6 limits include CRLF).
    if (lf + 1 > maxLine) {
      this.consume(lf + 1);
      return { kind: 'overflow' };
    }
    const crlf = lf > 0 && all[lf - 1] === CR;
    const line = Buffer.from(all.subarray(0, crlf ? lf - 1 : lf));
    this.consume(lf + 1);
    return { kind: 'line', line, crlf };
  }
}
