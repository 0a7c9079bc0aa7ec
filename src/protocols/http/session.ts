import { runCommand, type AnyCommandSpec } from '../command.js';
import { HTTP_CHUNK_LINE, HTTP_HEADER_TIMEOUT_MS, HTTP_MAX_BODY, HTTP_MAX_FIELDS, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../limits.js';
import type { ClientNote, Expect, ProtocolSession, Step, Terminator } from '../session.js';
import type { KnowledgeRef } from '../transcript.js';
import { HTTP_COMMANDS } from './commands/index.js';
import type { HttpContext, HttpOutcome, HttpRaw } from './context.js';
import { HttpError, overflowError } from './errors.js';
import { parseChunkSize, requestFraming, type BodyFraming } from './framing.js';
import { bodyKey, headerKey, httpClientKey, requestKey, withBareLf, type LineMode } from './knowledge/keys.js';
import { checkHost, parseFieldLine, parseRequestLine, pathAndQuery, type RequestLine } from './parser.js';
import { internalError, renderError, statusLine } from './replies.js';
import { applyGeneric, renderResponse, renderWire } from './response.js';
import { FieldList } from './headers.js';
import { persistence } from './persistence.js';
import type { Body, Head, HttpSessionOptions } from './session-types.js';
import { wholeHead } from './whole-head.js';
import type { HttpMethod, HttpRequest, HttpResponse, HttpState } from './types.js';

export type { HttpSessionOptions } from './session-types.js';

/**
 * Bodies are read in pieces of at most this many octets, so a 10 MB body never waits in one
 * growing buffer; the transcript still shows it as one summarised event.
 */
const BODY_PIECE = 64 * 1024;
const CHUNK_END: Expect = { mode: 'bytes', count: 2 };
const SILENT: Step = { out: [], client: { silent: true } };

/** A request without a body: one empty buffer for all (it has no octets to change). */
const NO_BODY = Buffer.alloc(0);
const END_OF_HEAD_NOTE: ClientNote = Object.freeze({ knowledge: httpClientKey(''), layer: 'L7' });
const sameKey = (ref: KnowledgeRef | null): KnowledgeRef | null => ref;

const REQUEST_LINE: Expect = { mode: 'line', maxLine: HTTP_REQUEST_LINE };
const CHUNK_LINE: Expect = { mode: 'line', maxLine: HTTP_CHUNK_LINE };

/**
 * One HTTP/1.1 connection as a pure state machine over the parts of a message (RFC 9112 2.1):
 * `request-line` -> `headers` -> (`body`) -> the response, and back for the next request on the
 * same connection (RFC 9112 9.3). Pipelined requests are answered in order because the line
 * server hands over one line at a time. Every line in and out gets its knowledge key.
 */
export class HttpSession implements ProtocolSession {
  readonly protocol = 'http' as const;
  readonly id: string;
  private current: HttpState = 'request-line';
  private head: Head | null = null;
  private body: Body | null = null;
  private controller: AbortController | null = null;
  private handlerContext: HttpContext | null = null;
  private gone = false;
  private readonly commands: NonNullable<HttpSessionOptions['commands']>;
  private readonly headerTimeoutMs: number;

  constructor(private readonly opts: HttpSessionOptions) {
    this.id = opts.id;
    this.commands = opts.commands ?? HTTP_COMMANDS;
    this.headerTimeoutMs = opts.headerTimeoutMs ?? HTTP_HEADER_TIMEOUT_MS;
  }

  get state(): HttpState {
    return this.current;
  }

  get expect(): Expect {
    const body = this.body;
    if (this.current === 'request-line') return REQUEST_LINE;
    if (body?.phase === 'whole' || body?.phase === 'data') return { mode: 'bytes', count: Math.min(body.left, BODY_PIECE) };
    if (body?.phase === 'crlf') return CHUNK_END;
    if (body?.phase === 'size') return CHUNK_LINE;
    // Field lines and trailer lines share the head's budget (431 past it, RFC 6585 5).
    return { mode: 'line', maxLine: Math.max(2, HTTP_MAX_HEAD - (this.head?.octets ?? 0)) };
  }

  /** HTTP has no greeting: the client speaks first. The slow-header clock starts with its first byte. */
  async greet(): Promise<Step> {
    return { out: [], inputDeadlineMs: this.headerTimeoutMs };
  }

  /**
   * A request head that arrived whole, read at once when nobody listens (whole-head.ts): the same
   * step the empty line would have given after the lines one by one, which are read instead when
   * someone listens, when a request is under way, or when the head is not plain (then null).
   */
  takeBlock(bytes: Buffer): { used: number; step: Step | Promise<Step> } | null {
    if (this.current !== 'request-line' || !this.quiet()) return null;
    const whole = wholeHead(bytes);
    if (!whole) return null;
    const { used, line, path, query, host, fields, octets } = whole;
    this.head = { line, path, query, fields, octets, host, framing: { kind: 'none' } };
    this.current = 'headers';
    return { used, step: this.endOfWholeHead() };
  }

  /** What the empty line does after the lines one by one (lastLine), without a promise where none is needed. */
  private endOfWholeHead(): Step | Promise<Step> {
    try {
      return this.endOfHead(END_OF_HEAD_NOTE);
    } catch (err) {
      return this.refuseLine(err, '', sameKey);
    }
  }

  private quiet(): boolean {
    return this.opts.heard?.() === false;
  }

  async line(line: Buffer, end: Terminator = { crlf: true }): Promise<Step> {
    return this.lineNow(line, end);
  }

  /**
   * The request line and each field line are handled at once (no promise, no microtask turn);
   * only the line that completes a message (the empty line, the last chunk's) waits for the app.
   */
  lineNow(line: Buffer, end: Terminator = { crlf: true }): Step | Promise<Step> {
    const text = line.toString('latin1');
    const key = (ref: KnowledgeRef | null): KnowledgeRef | null => (end.crlf ? ref : withBareLf(ref));
    try {
      if (this.current === 'request-line') return this.requestLine(text, key);
      if (this.current === 'headers' && text !== '') return this.fieldLine(text, line.length + (end.crlf ? 2 : 1), key);
    } catch (err) {
      return this.refuseLine(err, text, key);
    }
    return this.lastLine(text, line.length + (end.crlf ? 2 : 1), key);
  }

  private async lastLine(text: string, octets: number, key: (r: KnowledgeRef | null) => KnowledgeRef | null): Promise<Step> {
    try {
      if (this.current === 'headers') return await this.endOfHead({ knowledge: key(httpClientKey('')), layer: 'L7' });
      return await this.chunkLine(text, octets, key);
    } catch (err) {
      return this.refuseLine(err, text, key);
    }
  }

  private refuseLine(err: unknown, text: string, key: (r: KnowledgeRef | null) => KnowledgeRef | null): Step {
    const mode: LineMode = err instanceof HttpError && text !== '' ? `bad:${err.reason}` : this.body ? 'trailer' : undefined;
    return this.refuse(err, { knowledge: key(httpClientKey(text, mode)) });
  }

  async bytes(data: Buffer): Promise<Step> {
    const body = this.body as Body;
    if (body.phase === 'crlf') {
      // chunk-data is followed by CRLF (RFC 9112 7.1); anything else means the framing is lost.
      if (data[0] !== 0x0d || data[1] !== 0x0a) return this.refuse(new HttpError(400, 'bad-chunk', 'chunk data must end in CRLF (RFC 9112 7.1)'), { knowledge: { key: 'bad-line', params: { reason: 'bad-chunk' } } });
      body.phase = 'size';
      return SILENT;
    }
    body.parts.push(data);
    body.received += data.length;
    body.left -= data.length;
    if (body.left > 0) return SILENT;
    if (body.phase === 'whole') return this.complete({ text: `[body: ${body.received} octets]`, knowledge: bodyKey(body.received) });
    body.phase = 'crlf';
    return { out: [], client: { text: `[chunk: ${body.chunk} octets]`, knowledge: bodyKey(body.chunk), layer: 'L6' } };
  }

  async overflow(): Promise<Step> {
    const err = overflowError(this.current === 'request-line' ? 'request-line' : this.body?.phase === 'size' ? 'chunk-size' : 'head');
    return this.refuse(err, { text: '[line too long, discarded]', knowledge: { key: 'bad-line', params: { reason: err.reason } } });
  }

  /** The slow-header deadline ran out: 408 (RFC 9110 15.5.9). An idle kept-alive connection just closes (RFC 9112 9.8). */
  timeout(cause: 'idle' | 'deadline' = 'idle'): Step {
    if (cause === 'idle') return { out: [], close: true, closeReason: 'timeout' };
    const step = this.refuse(new HttpError(408, 'timeout', `the request head did not arrive within ${this.headerTimeoutMs} ms`), undefined);
    return { ...step, closeReason: 'timeout' };
  }

  /** Closing between requests needs no words (RFC 9112 9.6); mid-request the client is told 503 (RFC 9110 15.6.4). */
  shutdown(): Step {
    if (this.current === 'request-line') return { out: [], close: true, closeReason: 'shutdown' };
    const r = renderResponse({ status: 503, headers: { 'Retry-After': '1' }, body: '' }, { head: false, close: true, keepAlive10: false, chunkedOk: false, date: this.opts.now() });
    return { out: r.out, knowledge: r.knowledge, layers: r.layers, close: true, closeReason: 'shutdown' };
  }

  clientGone(): void {
    this.gone = true;
    this.controller?.abort();
  }

  async closed(): Promise<void> {
    this.clientGone();
  }

  /** `method SP request-target SP HTTP-version` (RFC 9112 3); an empty line before it is ignored (RFC 9112 2.2). */
  private requestLine(text: string, key: (r: KnowledgeRef | null) => KnowledgeRef | null): Step {
    if (text === '') return { out: [], client: { silent: true } };
    const line = parseRequestLine(text);
    const { path, query, host } = pathAndQuery(line.target, line.form);
    this.head = { line, path, query, fields: new FieldList(), octets: 0, host: host ?? '', framing: { kind: 'none' } };
    this.current = 'headers';
    // The version as written (HTTP/1.2 is answered as 1.1, but the line said 1.2).
    return { out: [], client: { knowledge: key(requestKey(line.method, line.form, text.slice(text.lastIndexOf(' ') + 1))), layer: 'L7' } };
  }

  private fieldLine(text: string, octets: number, key: (r: KnowledgeRef | null) => KnowledgeRef | null): Step {
    const head = this.head as Head;
    const { name, value } = parseFieldLine(text);
    head.octets += octets;
    head.fields.add(name, value);
    if (head.fields.size > HTTP_MAX_FIELDS) throw new HttpError(431, 'head-too-large', `at most ${HTTP_MAX_FIELDS} field lines (RFC 6585 5)`);
    return { out: [], client: { knowledge: key(headerKey(name)), layer: 'L7' } };
  }

  /** The head is whole: Host, framing and Expect decide what comes next (RFC 9112 3.2, 6.3; RFC 9110 10.1.1). */
  private endOfHead(client: ClientNote): Step | Promise<Step> {
    const head = this.head as Head;
    const { fields, line } = head;
    head.host = checkHost(fields, line, head.host);
    head.framing = requestFraming(fields, line.version, line.method);
    const expectation = line.version === 'HTTP/1.1' ? fields.get('expect') : undefined;
    if (expectation !== undefined && expectation.toLowerCase() !== '100-continue') throw new HttpError(417, 'expectation', `the only expectation is 100-continue (RFC 9110 10.1.1)`);
    if (head.framing.kind === 'none') return this.complete(client);
    this.current = 'body';
    const length = head.framing.kind === 'length' ? head.framing.length : 0;
    this.body = { parts: [], received: 0, phase: head.framing.kind === 'chunked' ? 'size' : 'whole', chunk: 0, left: length };
    const step: Step = { out: [], client, inputDeadlineMs: null };
    if (expectation === undefined) return step;
    // RFC 9110 10.1.1: the client waits for this interim response before it sends the body.
    const status = statusLine(100);
    return { ...step, out: [status, ''], knowledge: [{ key: 'status', params: { code: 100 } }, { key: 'end-of-head' }], layers: ['L7', 'L7'] };
  }

  /** A chunk-size line, the last chunk, or a trailer field (RFC 9112 7.1, 7.1.2): L6, the body's coding. */
  private async chunkLine(text: string, octets: number, key: (r: KnowledgeRef | null) => KnowledgeRef | null): Promise<Step> {
    const body = this.body as Body;
    const head = this.head as Head;
    if (body.phase === 'trailers') {
      if (text === '') return this.complete({ knowledge: key(httpClientKey('')), layer: 'L6' });
      parseFieldLine(text);
      head.octets += octets; // trailers are read and dropped (RFC 9112 7.1.2 lets a recipient discard them)
      return { out: [], client: { knowledge: key(httpClientKey(text, 'trailer')), layer: 'L6' } };
    }
    const size = parseChunkSize(text);
    if (body.received + size > HTTP_MAX_BODY) throw new HttpError(413, 'body-too-large', `the body may be at most ${HTTP_MAX_BODY} octets (RFC 9110 15.5.14)`);
    if (size === 0) body.phase = 'trailers';
    else {
      body.phase = 'data';
      body.chunk = size;
      body.left = size;
    }
    return { out: [], client: { knowledge: key(httpClientKey(text, 'chunk')), layer: 'L6' } };
  }

  /**
   * The message is whole: run its method (the dispatcher; unknown -> 501), then answer. An app
   * that answered at once is answered at once: no promise, so the response goes out in the turn
   * the request came in.
   */
  private complete(client: ClientNote): Step | Promise<Step> {
    const head = this.head as Head;
    const request = this.request(head, this.body ? Buffer.concat(this.body.parts) : NO_BODY);
    const context = this.context();
    let outcome: HttpOutcome | Promise<HttpOutcome>;
    try {
      const raw: HttpRaw = { request, form: head.line.form };
      outcome = runCommand(this.commands, head.line.method, 'request-line', raw, () => context);
    } catch (err) {
      return this.failed(err, client);
    }
    if (outcome instanceof Promise) return outcome.then((o) => this.answer(head, o, client), (err: unknown) => this.failed(err, client));
    return this.answer(head, outcome, client);
  }

  /**
   * What a method's handler is given, one per connection, made when the first request needs it:
   * the app and one signal that aborts when the client leaves.
   */
  private context(): HttpContext {
    let known = this.handlerContext;
    if (!known) {
      const controller = (this.controller ??= new AbortController());
      known = this.handlerContext = { app: this.opts.app, signal: controller.signal };
    }
    if (this.gone) this.controller?.abort();
    return known;
  }

  /** RFC 9110 13 and 14 (304, 412, 206, 416) on what the app answered, then the response. */
  private answer(head: Head, outcome: HttpOutcome, client: ClientNote): Step {
    let response: HttpResponse;
    try {
      response = applyGeneric(head.line.method, head.fields, outcome.response);
    } catch (err) {
      return this.failed(err, client);
    }
    return this.respond(response, client, {});
  }

  /** A protocol error gets its status; anything else the app threw, 500 for this request only. */
  private failed(err: unknown, client: ClientNote): Step {
    if (renderError(err)) return this.refuse(err, client);
    return this.respond(internalError(), client, {});
  }

  private request(head: Head, body: Buffer): HttpRequest {
    const { line, fields, path, query, host } = head;
    // The method is a name the dispatcher knows, or it throws UnknownCommandError (501) before the app sees it.
    const method = line.method as HttpMethod;
    return { method, target: line.target, path, query, version: line.version, headers: fields, host, body, remoteAddress: this.opts.remoteAddress, secure: this.opts.secure };
  }

  private refuse(err: unknown, client: ClientNote | undefined): Step {
    const refusal = renderError(err);
    if (!refusal) throw err;
    return this.respond(refusal.response, client, { reason: refusal.reason, close: refusal.close });
  }

  /** Write a response and get ready for the next request, or close (RFC 9112 9.3, 9.6). */
  private respond(res: HttpResponse, client: ClientNote | undefined, o: { reason?: string; close?: boolean }): Step {
    const head = this.head;
    const version = head?.line.version ?? 'HTTP/1.1';
    const { close, keepAlive10 } = persistence(head && { version, connection: head.fields.get('connection') }, o.close === true);
    const options = { head: head?.line.method === 'HEAD', close, keepAlive10, chunkedOk: version === 'HTTP/1.1', date: this.opts.now(), ...(o.reason ? { reason: o.reason } : {}) };
    // Nobody listens: one buffer, no per-line keys (the server writes it as it is).
    const step: Step = this.quiet() ? { out: [renderWire(res, options)] } : renderResponse(res, options);
    this.head = null;
    this.body = null;
    this.current = 'request-line';
    if (client) step.client = client;
    if (close) {
      step.close = true;
      step.closeReason = o.reason ? 'error' : 'quit';
    }
    step.inputDeadlineMs = close ? null : this.headerTimeoutMs;
    return step;
  }
}
