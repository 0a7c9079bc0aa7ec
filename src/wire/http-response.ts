/**
 * The client side of HTTP/1.1 framing (RFC 9112): bytes from a server become whole response
 * messages, each as the parts it was made of on the wire (status line, field lines, the empty
 * line, the body; for chunked coding each chunk-size line, chunk, last chunk and trailer), so
 * every line can be explained. Pure (no socket): tested alone with input split anywhere.
 */

/** One piece of a response as it crossed the wire; `bareLf`: the line ended in LF alone (RFC 9112 2.2). */
export type HttpPart =
  | { kind: 'status'; text: string; version: string; code: number; reason: string; bareLf: boolean }
  | { kind: 'field'; text: string; name: string; value: string; bareLf: boolean }
  | { kind: 'end-of-head'; text: ''; bareLf: boolean }
  | { kind: 'chunk-size'; text: string; size: number; bareLf: boolean }
  | { kind: 'chunk'; bytes: Buffer }
  | { kind: 'last-chunk'; text: string; bareLf: boolean }
  | { kind: 'trailer'; text: string; name: string; value: string; bareLf: boolean }
  /** The empty line after the last chunk and its trailers (RFC 9112 7.1). */
  | { kind: 'end-of-trailers'; text: ''; bareLf: boolean }
  | { kind: 'body'; bytes: Buffer };

/** How the body was delimited (RFC 9112 6.3). */
export type HttpFraming = 'none' | 'length' | 'chunked' | 'close';

export interface HttpWireResponse {
  code: number;
  reason: string;
  /** [name as sent, value] per field line, in order. */
  fields: Array<[string, string]>;
  parts: HttpPart[];
  /** The body, de-chunked: the representation's bytes (empty for HEAD, 1xx, 204, 304). */
  body: Buffer;
  framing: HttpFraming;
  /**
   * 1xx: an interim response; the final one to the same request follows (RFC 9110 15.2).
   * Not 101: after Switching Protocols the connection speaks another protocol (RFC 9110 15.2.2).
   */
  interim: boolean;
}

export class HttpFramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpFramingError';
  }
}

const LF = 0x0a;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;
const FIELD_LINE = /^([^:\s]+):[ \t]*(.*?)[ \t]*$/;

type Phase = 'status' | 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close';

/** The value of a field (case-insensitive name, RFC 9110 5.1), values of repeated lines joined with ", " (RFC 9110 5.3). */
export function fieldValue(fields: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  const values = fields.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  return values.length > 0 ? values.join(', ') : undefined;
}

export class HttpResponseReader {
  private buf: Buffer = Buffer.alloc(0);
  private phase: Phase = 'status';
  private response: HttpWireResponse | null = null;
  private left = 0;
  private bodyChunks: Buffer[] = [];
  private ended = false;
  /** The pieces of the chunk being read, while its bytes still arrive. */
  private chunkPieces: Buffer[] = [];

  push(data: Buffer): void {
    if (data.length > 0) this.buf = this.buf.length === 0 ? Buffer.from(data) : Buffer.concat([this.buf, data]);
  }

  /** The server closed the connection: a body read until close is now complete (RFC 9112 6.3 item 8). */
  end(): void {
    this.ended = true;
  }

  /** Bytes received but not yet part of a returned response. */
  get buffered(): number {
    return this.buf.length;
  }

  /** The parts of an unfinished response: what a server said before it closed or stalled. */
  get partial(): HttpPart[] {
    return this.response ? [...this.response.parts] : [];
  }

  /**
   * The next whole response message (an interim 1xx one included), or null when more bytes
   * are needed. `method` is the request's: a response to HEAD has no body (RFC 9110 9.3.2).
   * Throws HttpFramingError when the bytes cannot be HTTP (the connection is then unusable).
   */
  next(method: string): HttpWireResponse | null {
    for (;;) {
      const progressed = this.step(method);
      if (this.response && this.phase === 'status') {
        const done = this.response;
        this.response = null;
        return done;
      }
      if (!progressed) return null;
    }
  }

  private step(method: string): boolean {
    switch (this.phase) {
      case 'status':
        return this.readStatus();
      case 'head':
        return this.readHeadLine(method);
      case 'length':
        return this.readLength();
      case 'chunk-size':
        return this.readChunkSize();
      case 'chunk-data':
        return this.readChunkData();
      case 'chunk-end':
        return this.readChunkEnd();
      case 'trailers':
        return this.readTrailer();
      case 'close':
        return this.readUntilClose();
    }
  }

  private takeLine(): { text: string; bareLf: boolean } | null {
    const lf = this.buf.indexOf(LF);
    if (lf < 0) return null;
    const bareLf = !(lf > 0 && this.buf[lf - 1] === 0x0d);
    const text = this.buf.subarray(0, bareLf ? lf : lf - 1).toString('utf8');
    this.buf = this.buf.subarray(lf + 1);
    return { text, bareLf };
  }

  private current(): HttpWireResponse {
    return this.response as HttpWireResponse;
  }

  private readStatus(): boolean {
    const line = this.takeLine();
    if (line === null) return false;
    // Empty lines between messages (a server's stray CRLF after a body) are skipped.
    if (line.text === '') return true;
    const m = STATUS_LINE.exec(line.text);
    if (!m) throw new HttpFramingError(`not an HTTP status line: ${JSON.stringify(line.text.slice(0, 80))}`);
    const code = Number(m[2]);
    const reason = m[3] ?? '';
    this.response = { code, reason, fields: [], parts: [{ kind: 'status', text: line.text, version: m[1] as string, code, reason, bareLf: line.bareLf }], body: Buffer.alloc(0), framing: 'none', interim: code < 200 && code !== 101 };
    this.phase = 'head';
    return true;
  }

  private readHeadLine(method: string): boolean {
    const line = this.takeLine();
    if (line === null) return false;
    const r = this.current();
    if (line.text === '') {
      r.parts.push({ kind: 'end-of-head', text: '', bareLf: line.bareLf });
      this.startBody(method);
      return true;
    }
    // RFC 9112 5.2: a recipient of obs-fold in a response replaces it with a space.
    const last = r.fields[r.fields.length - 1];
    if (/^[ \t]/.test(line.text) && last) {
      last[1] = `${last[1]} ${line.text.trim()}`;
      r.parts.push({ kind: 'field', text: line.text, name: last[0], value: line.text.trim(), bareLf: line.bareLf });
      return true;
    }
    const m = FIELD_LINE.exec(line.text);
    if (!m) throw new HttpFramingError(`not a header field line: ${JSON.stringify(line.text.slice(0, 80))}`);
    r.fields.push([m[1] as string, m[2] as string]);
    r.parts.push({ kind: 'field', text: line.text, name: m[1] as string, value: m[2] as string, bareLf: line.bareLf });
    return true;
  }

  /** RFC 9112 6.3: the order in which a response's body length is decided. */
  private startBody(method: string): void {
    const r = this.current();
    this.bodyChunks = [];
    // Item 1: HEAD, 1xx, 204 and 304 never have a body, whatever the fields say.
    if (method.toUpperCase() === 'HEAD' || r.code < 200 || r.code === 204 || r.code === 304) return this.finish('none');
    const te = fieldValue(r.fields, 'transfer-encoding');
    if (te !== undefined) {
      const codings = te.split(',').map((c) => c.trim().toLowerCase());
      // Item 4: chunked last means chunked; any other final coding means "until close".
      if (codings[codings.length - 1] === 'chunked') return this.into('chunked', 'chunk-size');
      return this.into('close', 'close');
    }
    const cl = fieldValue(r.fields, 'content-length');
    if (cl !== undefined) {
      const values = new Set(cl.split(',').map((v) => v.trim()));
      const [only] = values;
      // Item 5: differing or invalid values make the response unreadable.
      if (values.size !== 1 || only === undefined || !/^\d+$/.test(only)) throw new HttpFramingError(`invalid Content-Length: ${cl}`);
      this.left = Number(only);
      return this.left === 0 ? this.finish('length') : this.into('length', 'length');
    }
    // Item 8: no length given: the body runs until the server closes the connection.
    return this.into('close', 'close');
  }

  private into(framing: HttpFraming, phase: Phase): void {
    this.current().framing = framing;
    this.phase = phase;
  }

  private finish(framing: HttpFraming): void {
    const r = this.current();
    r.framing = framing;
    r.body = Buffer.concat(this.bodyChunks);
    this.bodyChunks = [];
    this.phase = 'status';
  }

  /** Up to `left` body bytes from what has arrived (null: nothing has), kept for the whole body too. */
  private takeBytes(): Buffer | null {
    if (this.buf.length === 0) return null;
    const take = Math.min(this.left, this.buf.length);
    const bytes = this.buf.subarray(0, take);
    this.buf = this.buf.subarray(take);
    this.left -= take;
    this.bodyChunks.push(bytes);
    return bytes;
  }

  private readLength(): boolean {
    if (this.takeBytes() === null || this.left > 0) return false;
    this.current().parts.push({ kind: 'body', bytes: Buffer.concat(this.bodyChunks) });
    this.finish('length');
    return true;
  }

  private readUntilClose(): boolean {
    if (this.buf.length > 0) {
      this.bodyChunks.push(this.buf);
      this.buf = Buffer.alloc(0);
    }
    if (!this.ended) return false;
    const body = Buffer.concat(this.bodyChunks);
    if (body.length > 0) this.current().parts.push({ kind: 'body', bytes: body });
    this.finish('close');
    return true;
  }

  /** RFC 9112 7.1: chunk-size in hex, optional `;ext`, then CRLF. */
  private readChunkSize(): boolean {
    const line = this.takeLine();
    if (line === null) return false;
    const m = /^([0-9A-Fa-f]+)[ \t]*(;.*)?$/.exec(line.text);
    if (!m) throw new HttpFramingError(`not a chunk-size line: ${JSON.stringify(line.text.slice(0, 80))}`);
    const size = Number.parseInt(m[1] as string, 16);
    if (size === 0) {
      this.current().parts.push({ kind: 'last-chunk', text: line.text, bareLf: line.bareLf });
      this.phase = 'trailers';
      return true;
    }
    this.current().parts.push({ kind: 'chunk-size', text: line.text, size, bareLf: line.bareLf });
    this.left = size;
    this.phase = 'chunk-data';
    return true;
  }

  private readChunkData(): boolean {
    const bytes = this.takeBytes();
    if (bytes === null) return false;
    // A chunk that arrives in pieces is still one part, joined once whole (no copy per piece).
    this.chunkPieces.push(bytes);
    if (this.left > 0) return false;
    this.current().parts.push({ kind: 'chunk', bytes: this.chunkPieces.length === 1 ? bytes : Buffer.concat(this.chunkPieces) });
    this.chunkPieces = [];
    this.phase = 'chunk-end';
    return true;
  }

  /** The CRLF after a chunk's data (RFC 9112 7.1). */
  private readChunkEnd(): boolean {
    const line = this.takeLine();
    if (line === null) return false;
    if (line.text !== '') throw new HttpFramingError('chunk data not followed by CRLF');
    this.phase = 'chunk-size';
    return true;
  }

  /** Trailer fields after the last chunk, then the empty line that ends the message (RFC 9112 7.1.2). */
  private readTrailer(): boolean {
    const line = this.takeLine();
    if (line === null) return false;
    const r = this.current();
    if (line.text === '') {
      r.parts.push({ kind: 'end-of-trailers', text: '', bareLf: line.bareLf });
      this.finish('chunked');
      return true;
    }
    const m = FIELD_LINE.exec(line.text);
    if (!m) throw new HttpFramingError(`not a trailer field line: ${JSON.stringify(line.text.slice(0, 80))}`);
    r.parts.push({ kind: 'trailer', text: line.text, name: m[1] as string, value: m[2] as string, bareLf: line.bareLf });
    return true;
  }
}
