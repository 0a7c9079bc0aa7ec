import { connect as netConnect, type Socket } from 'node:net';
import type { Protocol } from '../protocol.js';
import type { TLSSocket } from 'node:tls';
import { HttpFramingError, HttpResponseReader, type HttpPart, type HttpWireResponse } from './http-response.js';
import { ReplyFramer, dotStuff, pop3Multiline, type ReplyShape, type WireReply } from './reply-framer.js';
import { handshake, peerTls, STARTTLS_COMMAND, type PeerTls, type WireTls } from './tls.js';

/**
 * A thin socket client for SMTP, POP3, IMAP and HTTP: send a line with CRLF, read a whole reply
 * (for HTTP, send a request's lines and body, read whole response messages: http-response.ts).
 * The framing is ReplyFramer's; this file only owns the socket, timeouts and clear errors.
 * Used by lessons (always towards the lab on loopback) and the practice shell.
 */
export type WireErrorKind = 'refused' | 'closed' | 'timeout' | 'network';

export class WireError extends Error {
  constructor(
    readonly kind: WireErrorKind,
    message: string,
    /** Lines of a reply that was cut short. */
    readonly partial: string[] = [],
  ) {
    super(message);
    this.name = 'WireError';
  }
}

export interface WireClientOptions {
  host: string;
  port: number;
  protocol: Protocol;
  /** How long to wait for a connection or a whole reply. */
  timeoutMs?: number;
  /** Implicit TLS from the first byte (smtps, pop3s, imaps); for STARTTLS call startTls() after the greeting. */
  tls?: WireTls;
}

/** Long enough for a slow CI machine, short enough that a stuck lesson says so. */
export const DEFAULT_WIRE_TIMEOUT_MS = 10_000;

export class WireClient {
  private readonly framer = new ReplyFramer();
  /** HTTP: responses are framed by RFC 9112 6.3, not by lines (created for protocol 'http'). */
  private readonly http: HttpResponseReader | null;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** IMAP: the tag whose command got a `+` continuation and still waits for completion. */
  private pendingTag: string | null = null;
  /** POP3: the last reply was a SASL `+` continuation, so the next line is a response, not a command. */
  private inSasl = false;
  /** Sees every chunk of bytes as it arrives, before framing (the practice shell's raw view of CR LF). */
  onData: ((data: Buffer) => void) | null = null;
  /** The handshake, once the connection is inside TLS. */
  tls: PeerTls | null = null;
  /** Set by upgradeOnGoAhead: the TLS to start when a typed upgrade command gets its go-ahead. */
  private armed: { tls: WireTls; host: string } | null = null;

  private constructor(
    private socket: Socket,
    readonly protocol: Protocol,
    private readonly timeoutMs: number,
  ) {
    this.http = protocol === 'http' ? new HttpResponseReader() : null;
    this.attach(socket);
  }

  private attach(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => {
      this.onData?.(data);
      if (this.http) this.http.push(data);
      else this.framer.push(data);
      this.notify();
    });
    socket.on('end', () => this.markEnded());
    socket.on('close', () => this.markEnded());
    socket.on('error', (err) => {
      this.failure = err;
      this.markEnded();
    });
  }

  /** Connect and read the greeting (RFC 5321 3.1, RFC 1939 4, RFC 3501 7.1). */
  static async connect(opts: WireClientOptions): Promise<{ client: WireClient; greeting: WireReply }> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WIRE_TIMEOUT_MS;
    const socket = opts.tls?.mode === 'implicit' ? await openTls(opts.host, opts.port, opts.tls, timeoutMs) : await openSocket(opts.host, opts.port, timeoutMs);
    const client = new WireClient(socket, opts.protocol, timeoutMs);
    if (opts.tls?.mode === 'implicit') client.tls = peerTls(socket as TLSSocket);
    // HTTP has no greeting: the client speaks first (RFC 9112 3).
    if (opts.protocol === 'http') return { client, greeting: { protocol: 'http', lines: [], status: '', continuation: false } };
    const shape: ReplyShape = opts.protocol === 'imap' ? { protocol: 'imap', tag: null } : shapeFor(opts.protocol, '');
    try {
      const greeting = await client.read(shape);
      return { client, greeting };
    } catch (err) {
      client.destroy();
      throw err;
    }
  }

  /**
   * STARTTLS/STLS (RFC 3207 4, RFC 2595 4, RFC 3501 6.2.1): ask, and on the go-ahead do the
   * handshake on the same connection. Returns the exchange, so the caller can show it.
   */
  async startTls(tls: WireTls, host: string): Promise<{ sent: string; reply: WireReply }> {
    const upgrade = STARTTLS_COMMAND[this.protocol];
    if (!upgrade) throw new WireError('network', `${this.protocol.toUpperCase()} has no upgrade command: connect to its TLS port instead`);
    const { line, ok } = upgrade;
    const reply = await this.send(line);
    if (reply.status !== ok) return { sent: line, reply };
    await this.handshakeNow(tls, host);
    return { sent: line, reply };
  }

  /**
   * For a line someone types: the next line sent that is this protocol's upgrade command
   * (STARTTLS, STLS, `tag STARTTLS`, in any case) and gets the go-ahead starts the handshake,
   * as startTls() would. Other lines go out as usual, so a wrong command gets its real reply.
   * A failed handshake ends the connection (WireError 'closed' with the go-ahead as partial).
   */
  upgradeOnGoAhead(tls: WireTls, host: string): void {
    this.armed = { tls, host };
  }

  cancelUpgrade(): void {
    this.armed = null;
  }

  private isUpgrade(line: string, reply: WireReply): boolean {
    const upgrade = STARTTLS_COMMAND[this.protocol];
    if (!upgrade) return false;
    const { line: command, ok } = upgrade;
    const word = (l: string) => l.trim().split(/\s+/)[this.protocol === 'imap' ? 1 : 0]?.toUpperCase();
    return reply.status === ok && line.trim().split(/\s+/).length === command.split(' ').length && word(line) === word(command);
  }

  private async handshakeNow(tls: WireTls, host: string): Promise<void> {
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('end');
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    raw.on('error', () => undefined);
    try {
      this.socket = await handshake({ host, port: 0, socket: raw }, tls, this.timeoutMs);
    } catch (err) {
      this.failure = err as Error;
      this.markEnded();
      throw new WireError('network', `TLS handshake failed: ${(err as Error).message}`);
    }
    this.attach(this.socket);
    this.tls = peerTls(this.socket as TLSSocket);
  }

  get localPort(): number {
    return this.socket.localPort ?? 0;
  }

  /** The server closed the connection (or it failed); nothing more can be sent. */
  get closed(): boolean {
    return this.ended && (this.http ?? this.framer).buffered === 0;
  }

  /** Send one line (CRLF appended) and read the whole reply it gets. */
  async send(line: string): Promise<WireReply> {
    const shape = this.shapeForLine(line);
    this.write(`${line}\r\n`);
    const reply = this.remember(await this.read(shape), shape);
    const armed = this.armed;
    if (armed && this.isUpgrade(line, reply)) {
      this.armed = null;
      await this.handshakeNow(armed.tls, armed.host).catch((err: Error) => {
        throw new WireError('closed', err.message, reply.lines);
      });
    }
    return reply;
  }

  /**
   * HTTP: send a request's lines (each with CRLF; the last is the empty line that ends the head)
   * and its body bytes as given, then read response messages up to the final one: interim 1xx
   * ones come first (RFC 9110 15.2). With `interimOnly`, stop at the first message, interim or
   * not: after `Expect: 100-continue` the client sends the body only after 100 (RFC 9110 10.1.1).
   */
  async sendHttp(lines: readonly string[], body: Buffer, method: string, interimOnly = false): Promise<HttpWireResponse[]> {
    this.write(Buffer.concat([Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8'), body]));
    const out: HttpWireResponse[] = [];
    for (;;) {
      const r = await this.readHttp(method);
      out.push(r);
      if (!r.interim || interimOnly) return out;
    }
  }

  /** Read one whole HTTP response message (interim or final). */
  async readHttp(method: string): Promise<HttpWireResponse> {
    const reader = this.http;
    if (!reader) throw new Error(`readHttp on a ${this.protocol} connection`);
    const partial = (): string[] => reader.partial.flatMap((p: HttpPart) => ('text' in p ? [p.text] : []));
    return this.until(() => {
      if (this.ended) reader.end();
      try {
        return reader.next(method);
      } catch (err) {
        if (!(err instanceof HttpFramingError)) throw err;
        this.destroy();
        throw new WireError('network', `not an HTTP response: ${err.message}`, partial());
      }
    }, partial);
  }

  /**
   * Send a message body after SMTP 354: each line dot-stuffed (RFC 5321 4.5.2), then the
   * lone dot that ends it (RFC 5321 4.1.1.4); returns the lines as they went on the wire.
   */
  async sendBody(lines: readonly string[]): Promise<{ wire: string[]; reply: WireReply }> {
    const wire = [...lines.map(dotStuff), '.'];
    this.write(wire.map((l) => `${l}\r\n`).join(''));
    return { wire, reply: await this.read({ protocol: 'smtp' }) };
  }

  /** Send lines exactly as given (a body the learner typed, already ended by "."). */
  async sendRawLines(lines: readonly string[]): Promise<WireReply> {
    this.write(lines.map((l) => `${l}\r\n`).join(''));
    const shape = this.protocol === 'smtp' ? ({ protocol: 'smtp' } as const) : this.shapeForLine(lines[0] ?? '');
    return this.remember(await this.read(shape), shape);
  }

  /**
   * Read lines the server sends on its own (IMAP IDLE's `* 3 EXISTS`) until one matches,
   * or the time is up; returns every line read.
   */
  async waitFor(pattern: RegExp, timeoutMs = this.timeoutMs): Promise<string[]> {
    const seen: string[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let line = this.framer.nextLine(); line !== null; line = this.framer.nextLine()) {
        seen.push(line);
        if (pattern.test(line)) return seen;
      }
      if (this.ended) throw new WireError('closed', 'the server closed the connection', seen);
      const left = deadline - Date.now();
      if (left <= 0) throw new WireError('timeout', `no line matching ${pattern.source} within ${timeoutMs} ms`, seen);
      await this.sleepUntilData(left);
    }
  }

  /**
   * Whole lines received that no reply claimed (IMAP IDLE's `* 3 EXISTS`, SMTP's 421 before a
   * timeout close), without waiting. Only between commands: a reply being read owns the lines.
   */
  takeLines(): string[] {
    const lines: string[] = [];
    for (let line = this.framer.nextLine(); line !== null; line = this.framer.nextLine()) lines.push(line);
    return lines;
  }

  /** Close politely: end our side, let the server finish. */
  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000);
      timer.unref();
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  /** Drop the connection at once, without a goodbye (what a crashed client or lost network does). */
  destroy(): void {
    this.socket.destroy();
    this.markEnded();
  }

  private shapeForLine(line: string): ReplyShape {
    if (this.protocol === 'imap') {
      const tag = this.pendingTag ?? (line.trim().split(/\s+/)[0] || '*');
      return { protocol: 'imap', tag };
    }
    if (this.protocol === 'pop3' && this.inSasl) return { protocol: 'pop3', multiline: false };
    return shapeFor(this.protocol, line);
  }

  /** A continuation keeps the command open: the next line answers it (AUTHENTICATE, IDLE's DONE, a literal). */
  private remember(reply: WireReply, shape: ReplyShape): WireReply {
    if (shape.protocol === 'imap') this.pendingTag = reply.continuation ? shape.tag : null;
    if (this.protocol === 'pop3') this.inSasl = reply.continuation;
    return reply;
  }

  private write(text: string | Buffer): void {
    if (this.ended || this.socket.destroyed) throw new WireError('closed', 'the server closed the connection');
    this.socket.write(text);
  }

  private read(shape: ReplyShape): Promise<WireReply> {
    return this.until(
      () => this.framer.next(shape),
      () => this.framer.partial,
    );
  }

  /** Wait until `take` gives a whole reply, the connection ends or the time is up. */
  private async until<T>(take: () => T | null, partial: () => string[]): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const reply = take();
      if (reply) return reply;
      if (this.ended) {
        const why = this.failure ? `the connection failed: ${this.failure.message}` : 'the server closed the connection';
        throw new WireError(this.failure ? 'network' : 'closed', why, partial());
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new WireError('timeout', `no complete reply within ${this.timeoutMs} ms`, partial());
      await this.sleepUntilData(left);
    }
  }

  private sleepUntilData(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private markEnded(): void {
    this.ended = true;
    this.notify();
  }
}

function shapeFor(protocol: Protocol, line: string): ReplyShape {
  switch (protocol) {
    case 'smtp':
      return { protocol: 'smtp' };
    case 'pop3':
      return { protocol: 'pop3', multiline: line !== '' && pop3Multiline(line) };
    case 'imap':
      return { protocol: 'imap', tag: line.trim().split(/\s+/)[0] ?? null };
    case 'http':
      // HTTP is not line-per-reply: sendHttp/readHttp frame its responses.
      throw new Error('HTTP responses are read with sendHttp/readHttp');
    case 'dns':
      throw new Error('DNS is datagrams, not lines: it has no line reply shape');
  }
}

async function openTls(host: string, port: number, tls: WireTls, timeoutMs: number): Promise<Socket> {
  try {
    return await handshake({ host, port }, tls, timeoutMs);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const refused = e.code === 'ECONNREFUSED';
    const why = refused ? 'connection refused (nothing listens there)' : e.message;
    throw new WireError(refused ? 'refused' : 'network', `could not connect to ${host}:${port}: ${why}`);
  }
}

function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new WireError('timeout', `could not connect to ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const refused = err.code === 'ECONNREFUSED';
      const why = refused ? 'connection refused (nothing listens there)' : err.message;
      reject(new WireError(refused ? 'refused' : 'network', `could not connect to ${host}:${port}: ${why}`));
    });
  });
}
