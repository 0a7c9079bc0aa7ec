import type { HttpState } from '../protocols/http/types.js';

/**
 * An HTTP request typed line by line (RFC 9112 2.1): the request line, field lines, the empty
 * line that ends the head, then a body when Content-Length or chunked coding announced one.
 * The other protocols' shells send each line and read its reply; HTTP's server answers only a
 * whole request, so this collector decides when the request is complete. Pure.
 */
export type RequestStep =
  /** Keep reading lines. */
  | { kind: 'more' }
  /** The head is complete and the client waits for 100 Continue before sending its body (RFC 9110 10.1.1). */
  | { kind: 'head-first'; head: string[]; method: string }
  /** The whole request: its lines (each to go out with CRLF) and the body bytes after them. */
  | { kind: 'send'; lines: string[]; body: Buffer; method: string; chunkedLines?: string[] };

interface BodyPlan {
  /** Content-Length announced (RFC 9112 6.2), or null. */
  length: number | null;
  chunked: boolean;
  expectContinue: boolean;
}

const FIELD = /^([^:\s]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;

export class HttpRequestCollector {
  /** Lines of the request that have not gone out yet. */
  private lines: string[] = [];
  private method = '';
  private phase: HttpState = 'request-line';
  /** Body lines typed so far (Content-Length: joined by CRLF; chunked: each line as sent). */
  private typed: string[] = [];
  /** A body read from a file by `:body`, sent as is after the empty line. */
  private file: Buffer | null = null;
  /** The head already went out (Expect: 100-continue): only the body is left to send. */
  private headSent = false;

  /** Where the typed request is, in the server session's own words (HttpState). */
  get state(): HttpState {
    return this.phase;
  }

  /** What the body being typed is framed by: chunked coding, or Content-Length's count. */
  get expecting(): { chunked: boolean; length: number } {
    const plan = this.plan();
    return { chunked: plan.chunked, length: plan.length ?? 0 };
  }

  /** A typed line; the request is complete at the empty line (or, with a body, when the body is). */
  push(line: string): RequestStep {
    switch (this.phase) {
      case 'request-line':
        // RFC 9112 2.2: empty lines before a request line are ignored; none is sent.
        if (line.trim() === '') return { kind: 'more' };
        this.method = (line.trim().split(/\s+/)[0] ?? '').toUpperCase();
        this.lines = [line];
        this.phase = 'headers';
        return { kind: 'more' };
      case 'headers':
        this.lines.push(line);
        return line === '' ? this.endOfHead() : { kind: 'more' };
      case 'body':
        this.typed.push(line);
        return this.bodyLine();
    }
  }

  /**
   * `:body FILE`: the bytes become the body and a Content-Length field says how many (RFC 9112
   * 6.2); returns the field line added, or null when no head is being typed.
   */
  attachBody(bytes: Buffer): string | null {
    if (this.phase !== 'headers') return null;
    this.lines = this.lines.filter((l, i) => i === 0 || !/^content-length[ \t]*:/i.test(l));
    const field = `Content-Length: ${bytes.length}`;
    this.lines.push(field);
    this.file = bytes;
    return field;
  }

  /** After 100 Continue (or the final answer instead of it): what is left to send of the body. */
  continueBody(): RequestStep {
    this.headSent = true;
    if (this.file) return this.finish(this.file);
    this.phase = 'body';
    return { kind: 'more' };
  }

  /** Forget the request (the server answered without waiting for the body). */
  reset(): void {
    this.lines = [];
    this.typed = [];
    this.file = null;
    this.headSent = false;
    this.phase = 'request-line';
  }

  private plan(): BodyPlan {
    let length: number | null = null;
    let chunked = false;
    let expectContinue = false;
    for (const line of this.lines.slice(1)) {
      const m = FIELD.exec(line);
      if (!m) continue;
      const name = (m[1] as string).toLowerCase();
      const value = (m[2] as string).toLowerCase();
      if (name === 'content-length' && /^\d+$/.test(value)) length = Number(value);
      if (name === 'transfer-encoding') chunked = value.split(',').pop()?.trim() === 'chunked';
      if (name === 'expect') expectContinue = value === '100-continue';
    }
    return { length, chunked, expectContinue };
  }

  private endOfHead(): RequestStep {
    const plan = this.plan();
    const hasBody = this.file !== null || plan.chunked || (plan.length ?? 0) > 0;
    if (!hasBody) return this.finish(Buffer.alloc(0));
    if (plan.expectContinue) return { kind: 'head-first', head: [...this.lines], method: this.method };
    if (this.file) return this.finish(this.file);
    this.phase = 'body';
    return { kind: 'more' };
  }

  /** Content-Length: complete once the typed bytes reach it; chunked: at the empty line after the `0` chunk (RFC 9112 7.1). */
  private bodyLine(): RequestStep {
    const plan = this.plan();
    if (plan.chunked) {
      const last = this.typed.length;
      const done = last >= 2 && this.typed[last - 1] === '' && this.lastChunkAt(last - 2);
      return done ? this.finish(Buffer.from(this.typed.map((l) => `${l}\r\n`).join(''), 'utf8'), [...this.typed]) : { kind: 'more' };
    }
    const body = Buffer.from(this.typed.join('\r\n'), 'utf8');
    // Each Enter is a CRLF inside the body, except after the line that completes it.
    return body.length >= (plan.length ?? 0) ? this.finish(body) : { kind: 'more' };
  }

  /** Is line `i` of the typed chunked body the last chunk (`0`, perhaps with extensions), with only trailers after it? */
  private lastChunkAt(end: number): boolean {
    for (let i = end; i >= 0; i--) {
      const line = this.typed[i] as string;
      if (/^0+[ \t]*(;.*)?$/.test(line)) return this.isChunkSizeLine(i);
      if (!FIELD.test(line)) return false;
    }
    return false;
  }

  /** Walk the chunks from the start: is line `at` where a chunk-size line is expected? */
  private isChunkSizeLine(at: number): boolean {
    let i = 0;
    while (i < at) {
      const size = Number.parseInt(this.typed[i] ?? '', 16);
      if (Number.isNaN(size)) return false;
      // The chunk's data may span typed lines: count its octets with their CRLFs.
      let left = size + 2;
      i++;
      while (left > 0 && i < this.typed.length) left -= Buffer.byteLength(this.typed[i++] as string, 'utf8') + 2;
    }
    return i === at;
  }

  /** The request as it goes out; `chunkedLines`: the typed chunked body, line by line, to show each part. */
  private finish(body: Buffer, chunkedLines?: string[]): RequestStep {
    const step: RequestStep = { kind: 'send', lines: this.headSent ? [] : [...this.lines], body, method: this.method, ...(chunkedLines ? { chunkedLines } : {}) };
    this.reset();
    return step;
  }
}
