import { readFile } from 'node:fs/promises';
import type { EventSource } from '../conversation/hub-link.js';
import { systemReason, type Lang } from '../i18n.js';
import type { LineEvent, KnowledgeRef } from '../protocols/transcript.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import { theme } from '../ui/theme.js';
import type { WireClient } from '../wire/client.js';
import type { HttpWireResponse } from '../wire/http-response.js';
import { HttpRequestCollector, type RequestStep } from './http-request.js';
import { bodyText, closesAfter, responseLines, typedChunkedLines } from './http-view.js';
import { msg } from './messages.js';
import { renderExchange, type ShownLine } from './render.js';

/**
 * `practice http`: the shell's other rule for "when does the server answer". Lines typed at
 * an HTTP server get no reply of their own; the collector (http-request.ts) says when the
 * request is complete, then it goes out and the response is read whole (wire/http-response.ts)
 * and shown part by part, explained. The lab's transcript, when there is one, adds what only
 * the server knows: why it refused a line, and the session state.
 */
export type HttpWire = Pick<WireClient, 'sendHttp' | 'localPort'>;

export interface HttpTurnOptions {
  lang: Lang;
  wire: HttpWire;
  events: EventSource | null;
  out: (text: string) => void;
  raw: () => boolean;
  tls: () => boolean;
}

/** A request as it went out: its head lines, its body, and a typed chunked body line by line. */
interface Sent {
  lines: readonly string[];
  body: Buffer;
  chunked?: readonly string[];
}

/** What the caller does after a line: go on, or the request went out and the response asks to close. */
export type TurnResult = 'more' | 'close';

export class HttpTurn {
  private readonly collector = new HttpRequestCollector();
  private hinted = false;
  /** The last exchange ended at an interim response (100 Continue): the body may follow. */
  private interimSeen = false;
  /** The session state the lab's transcript gave last (null: not the lab, or nothing yet). */
  labState: string | null = null;

  constructor(private readonly o: HttpTurnOptions) {}

  /** Where the typed request is (the prompt and :state): the server session's own state names. */
  get state(): string {
    return this.collector.state;
  }

  /** The next typed line is body data, never a helper or a command to recall. */
  get inBody(): boolean {
    return this.collector.state === 'body';
  }

  /** A typed line; throws what the wire throws (WireError) for the shell to report. */
  async line(text: string): Promise<TurnResult> {
    return this.follow(this.collector.push(text));
  }

  /** `:body FILE`: the file becomes the body, with its Content-Length. */
  async attachBody(file: string): Promise<string> {
    const { lang } = this.o;
    if (this.collector.state !== 'headers') return theme.warn(msg(lang, 'bodyNoHead'));
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      return theme.warn(msg(lang, 'bodyUnreadable', { file, why: systemReason(err, lang) }));
    }
    const field = this.collector.attachBody(bytes) as string;
    return theme.dim(msg(lang, 'bodyAdded', { field, n: bytes.length, file }));
  }

  private async follow(step: RequestStep): Promise<TurnResult> {
    switch (step.kind) {
      case 'more':
        this.hintBody();
        return 'more';
      case 'head-first':
        return this.headFirst(step.head, step.method);
      case 'send':
        return this.exchange(step.lines, step.body, step.method, false, step.chunkedLines);
    }
  }

  private hintBody(): void {
    if (this.collector.state !== 'body' || this.hinted) return;
    this.hinted = true;
    const { chunked, length } = this.collector.expecting;
    this.o.out(theme.dim(chunked ? msg(this.o.lang, 'httpChunkMode') : msg(this.o.lang, 'httpBodyMode', { n: length })));
  }

  /** Expect: 100-continue (RFC 9110 10.1.1): the head alone, then the body only after 100. */
  private async headFirst(head: string[], method: string): Promise<TurnResult> {
    this.o.out(theme.dim(msg(this.o.lang, 'httpContinue')));
    const result = await this.exchange(head, Buffer.alloc(0), method, true);
    if (result === 'close' || !this.interimSeen) {
      this.collector.reset();
      return result;
    }
    return this.follow(this.collector.continueBody());
  }

  private async exchange(lines: string[], body: Buffer, method: string, interimOnly: boolean, chunked?: string[]): Promise<TurnResult> {
    const tls = this.o.tls();
    const responses = await this.o.wire.sendHttp(lines, body, method, interimOnly);
    const events = this.o.events?.take(this.o.wire.localPort) ?? [];
    this.show({ lines, body, ...(chunked ? { chunked } : {}) }, responses, events, tls);
    const final = responses[responses.length - 1] as HttpWireResponse;
    this.interimSeen = final.interim;
    return !final.interim && closesAfter(final) ? 'close' : 'more';
  }

  private bodyLines(request: Sent, tls: boolean): ShownLine[] {
    const { lang } = this.o;
    if (request.chunked) return typedChunkedLines(request.chunked, KNOWLEDGE.http, lang).map((l) => ({ ...l, tls }));
    if (request.body.length === 0) return [];
    const note = KNOWLEDGE.http.describe({ key: 'body', params: { bytes: request.body.length } }, lang);
    return bodyText(request.body, undefined, lang).map((text, i): ShownLine => ({ direction: 'client', text, explanation: i === 0 ? note : null, bytes: null, tls }));
  }

  private show(request: Sent, responses: readonly HttpWireResponse[], events: readonly LineEvent[], tls: boolean): void {
    const { lines } = request;
    const { lang } = this.o;
    const http = KNOWLEDGE.http;
    const client = events.filter((e) => e.direction === 'client');
    const statuses = events.filter((e) => e.direction === 'server' && e.knowledge?.key === 'status').map((e) => e.knowledge as KnowledgeRef);
    const sent: ShownLine[] = lines.map((text, i) => {
      const event = client[i];
      const explanation = event?.knowledge ? http.describe(event.knowledge, lang) : http.explainClientLine(text, lang);
      return { direction: 'client', text, explanation, bytes: Buffer.from(`${text}\r\n`, 'utf8'), tls };
    });
    sent.push(...this.bodyLines(request, tls));
    const received = responses.flatMap((r, i) => responseLines(r, http, lang, statuses[i]).map((l) => ({ ...l, tls })));
    const last = [...events].reverse().find((e) => e.state !== '');
    if (last) this.labState = last.state;
    this.o.out(renderExchange([...sent, ...received], this.o.events ? this.labState : null, { lang, raw: this.o.raw() }));
  }
}
