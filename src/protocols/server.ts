import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, type SecureContext, type TLSSocket } from 'node:tls';
import { Framer, type Frame } from './transport.js';
import type { ProtocolSession, Step, Terminator } from './session.js';
import { replyParts, stepEvents } from './step-events.js';
import { heard, type TranscriptSink } from './transcript.js';
import type { Protocol } from '../protocol.js';
import { BUSY_CLOSE_MS, COMMAND_LINE_DEADLINE_MS, MAX_BUFFERED_INPUT, MAX_CONNECTIONS, SHUTDOWN_GRACE_MS } from '../limits.js';
import { describeTls, upgradeSocket, type LineServerTls } from './tls-upgrade.js';
import { InputDeadline } from './input-deadline.js';

/**
 * Binds pure protocol sessions to TCP sockets; the same for SMTP, POP3 and IMAP.
 * Lines are handled strictly one at a time (pipelined input waits its turn), writes
 * respect backpressure (a client that never reads cannot grow our memory), and any
 * exception in a session closes that session only.
 */
export interface SessionContext {
  id: string;
  remoteAddress: string;
  remotePort: number;
  /** The connection is inside TLS from its first byte (an implicit-TLS port, RFC 8314). */
  secure?: boolean;
}

export interface LineServerOptions {
  protocol: Protocol;
  createSession(ctx: SessionContext): ProtocolSession;
  /** Reply sent (then close) when the connection cap is reached, e.g. `421 4.7.0 ...`. */
  busyReply: string;
  /** Reply sent (then close) when a session throws, e.g. `451 4.3.0 ...`. */
  internalErrorReply: string;
  idleTimeoutMs: number;
  maxConnections?: number;
  sink?: TranscriptSink;
  /** A certificate: sessions may offer STARTTLS/STLS, or (implicit) every connection starts with TLS. */
  tls?: LineServerTls;
  /** COMMAND_LINE_DEADLINE_MS for lines the session marks `commandLine`; tests shorten it. */
  commandDeadlineMs?: number;
  /** How long a busy-refused connection may linger after its reply (BUSY_CLOSE_MS); tests shorten it. */
  busyCloseMs?: number;
}

export interface Address {
  host: string;
  port: number;
}

interface Connection {
  /** Replaced by the TLS socket after STARTTLS/STLS. */
  socket: Socket;
  /** Lines now travel encrypted (transcript `tls: true`). */
  secure: boolean;
  session: ProtocolSession | null;
  /** The client's port, for every line event of the connection (the TLS socket keeps it). */
  port: number;
  /** Resolves when the connection has fully ended. */
  done: Promise<void>;
  /** Waiting for input at the prompt (plain fields, not WeakSets: run() checks them per chunk). */
  idle: boolean;
  shutdownRequested: boolean;
}

let sessionCounter = 0;

/** Shared line ends handed to sessions, so a line costs no terminator object. */
const CRLF_END: Terminator = Object.freeze({ crlf: true });
const LF_END: Terminator = Object.freeze({ crlf: false });
/** What `run` holds while it waits for input: nothing of the last reply. */
const NOTHING: Step = Object.freeze({ out: Object.freeze([]) as unknown as Step['out'] });

export class LineServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private closing = false;
  private bound: Address | null = null;
  /** Built once from the certificate, for every STARTTLS/STLS upgrade. */
  private readonly secureContext: SecureContext | null;

  constructor(private readonly opts: LineServerOptions) {
    // allowHalfOpen: a client that pipelines its last commands and then shuts down its
    // sending side still gets them handled and answered.
    const tls = opts.tls;
    this.secureContext = tls ? createSecureContext({ cert: tls.cert, key: tls.key }) : null;
    if (tls?.implicit) {
      // Implicit TLS (RFC 8314 3): a session only ever sees a connection whose handshake succeeded.
      const alpn = tls.alpn ? { ALPNProtocols: tls.alpn } : {};
      this.server = createTlsServer({ allowHalfOpen: true, cert: tls.cert, key: tls.key, ...alpn }, (socket) => this.accept(socket));
      this.server.on('tlsClientError', (err: Error) =>
        opts.sink?.({ event: 'notice', protocol: opts.protocol, level: 'info', text: `a TLS handshake failed: ${err.message}` }),
      );
    } else {
      this.server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    }
    this.server.on('error', () => undefined);
  }

  get address(): Address {
    if (!this.bound) throw new Error(`${this.opts.protocol} server is not listening`);
    return this.bound;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  listen(port: number, host: string): Promise<Address> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        this.server.off('error', onError);
        const a = this.server.address();
        if (a === null || typeof a === 'string') return reject(new Error('unexpected server address'));
        this.bound = { host: a.address, port: a.port };
        const tls = this.opts.tls?.implicit ? { tls: true } : {};
        this.opts.sink?.({ event: 'listening', protocol: this.opts.protocol, host: a.address, port: a.port, ...tls });
        resolve(this.bound);
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen({ port, host, exclusive: true });
    });
  }

  /** Stop accepting; sessions get their shutdown reply, except one mid-message which may finish first. */
  async close(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.closing = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const all = [...this.connections];
    for (const c of all) this.requestShutdown(c);
    const timer = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all(all.map((c) => c.done)), timer]);
    for (const c of this.connections) c.socket.destroy();
    await stopped;
  }

  private requestShutdown(c: Connection): void {
    c.shutdownRequested = true;
    // A session that is idle waiting for a command is told now; one busy with a line or
    // a message body is told when it comes back to the command prompt (see run()).
    if (c.session && c.idle && !c.session.busy) void this.finishWithShutdown(c);
  }

  private async finishWithShutdown(c: Connection): Promise<void> {
    if (!c.session) return;
    const step = c.session.shutdown();
    await this.write(c, step);
    c.socket.end();
  }

  private accept(socket: Socket): void {
    const id = `${this.opts.protocol}-${++sessionCounter}`;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    let resolveDone!: () => void;
    const secure = this.opts.tls?.implicit === true;
    const conn: Connection = { socket, secure, session: null, port: socket.remotePort ?? 0, done: new Promise((r) => (resolveDone = r)), idle: false, shutdownRequested: false };
    const max = this.opts.maxConnections ?? MAX_CONNECTIONS;
    if (this.closing || this.connections.size >= max) {
      const reply = `${this.opts.busyReply}\r\n`;
      this.opts.sink?.({ event: 'connect', protocol: this.opts.protocol, session: id, remote });
      refuseBusy(socket, reply, this.opts.busyCloseMs ?? BUSY_CLOSE_MS);
      this.opts.sink?.({ event: 'disconnect', protocol: this.opts.protocol, session: id, remote, reason: 'busy' });
      return;
    }
    this.connections.add(conn);
    conn.session = this.opts.createSession({ id, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0, secure });
    conn.session.attachPush?.((step) => {
      void Promise.resolve(this.write(conn, step)).then((open) => {
        if (open && step.close) conn.socket.end();
      });
    });
    this.opts.sink?.({ event: 'connect', protocol: this.opts.protocol, session: id, remote });
    if (secure) this.opts.sink?.(describeTls(socket as TLSSocket, { protocol: this.opts.protocol, session: id, mode: 'implicit', discarded: 0 }));
    void this.run(conn, remote).finally(() => {
      this.connections.delete(conn);
      resolveDone();
    });
  }

  private async run(c: Connection, remote: string): Promise<void> {
    const session = c.session as ProtocolSession;
    const framer = new Framer();
    let ended = false;
    let inputEnded = false;
    let reason = 'dropped';
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    // While a line is being handled (an HTTP long-poll awaiting mail) the client is not idle.
    let working = false;
    const expire = (cause: 'idle' | 'deadline') => {
      if (ended || (cause === 'idle' && working)) return;
      const step = session.timeout(cause);
      reason = 'timeout';
      void Promise.resolve(this.write(c, step)).then(() => c.socket.end());
      ended = true;
      notify();
    };
    const onTimeout = () => expire('idle');
    const deadline = new InputDeadline(() => expire('deadline'));
    // A command line's own deadline (issue 20): from its first octet to its line end, however it trickles.
    const lineDeadline = new InputDeadline(() => expire('deadline'));
    const commandMs = this.opts.commandDeadlineMs ?? COMMAND_LINE_DEADLINE_MS;
    const armLine = () => {
      const e = session.expect;
      lineDeadline.set(e.mode === 'line' && e.commandLine ? commandMs : null, framer.buffered > 0);
    };
    // Listeners go on whichever socket carries the session now: after STARTTLS, the TLS one.
    const attach = (socket: Socket): (() => void) => {
      const onData = (data: Buffer) => {
        deadline.input();
        lineDeadline.input();
        framer.push(data);
        if (framer.buffered > MAX_BUFFERED_INPUT) socket.pause();
        notify();
      };
      const onEnd = () => {
        inputEnded = true;
        session.clientGone?.();
        notify();
      };
      const onClose = () => {
        ended = true;
        session.clientGone?.();
        notify();
      };
      socket.on('data', onData);
      socket.on('end', onEnd);
      socket.on('close', onClose);
      socket.setTimeout(this.opts.idleTimeoutMs, onTimeout);
      return () => {
        socket.off('data', onData);
        socket.off('end', onEnd);
        socket.off('close', onClose);
        socket.setTimeout(0);
        socket.off('timeout', onTimeout);
      };
    };
    let detach = attach(c.socket);

    try {
      let step = await session.greet();
      if (step.inputDeadlineMs !== undefined) deadline.set(step.inputDeadlineMs, framer.buffered > 0);
      if (!(await this.write(c, step))) return;
      armLine();
      if (step.close) {
        reason = step.closeReason ?? 'quit';
        c.socket.end();
        return;
      }
      while (!ended) {
        if (c.shutdownRequested && session.expect.mode === 'line' && framer.buffered === 0 && !session.busy) {
          reason = 'shutdown';
          await this.finishWithShutdown(c);
          return;
        }
        // A session may take a whole block (an HTTP head) when nobody listens: no line events to make.
        const block = session.takeBlock && framer.buffered > 0 && !heard(this.opts.sink) ? session.takeBlock(framer.peek()) : null;
        if (block) framer.skip(block.used);
        const frame = block ? undefined : framer.next(session.expect);
        if (frame === null) {
          // Nothing more to answer now: the replies batched so far go out together.
          flush(c.socket);
          if (inputEnded) {
            c.socket.end();
            return;
          }
          if (c.socket.isPaused()) c.socket.resume();
          // The last reply is written: drop it, or an idle client keeps it alive (a 10,000-line FETCH, ~1 MB).
          step = NOTHING;
          c.idle = true;
          await new Promise<void>((resolve) => (wake = resolve));
          c.idle = false;
          continue;
        }
        // The line is whole: its deadline is met (a slow handler is not the client's fault).
        lineDeadline.set(null, false);
        // Lines that need no async work (an SMTP message body) are handled and, with nothing
        // to write, passed over without a promise or a microtask turn each.
        let handled: Step | Promise<Step> | null = block ? block.step : this.handle(session, frame as Frame);
        if (handled instanceof Promise) {
          // A handler that waits (the store, a long poll) never holds back the replies before it.
          flush(c.socket);
          working = true;
          try {
            step = await handled;
          } finally {
            working = false;
          }
        } else step = handled;
        // The promise holds the step: a stale copy in this suspended function would keep the
        // last reply (a 10,000-line FETCH, ~1 MB) alive while the client is idle.
        handled = null;
        if (step.inputDeadlineMs !== undefined) deadline.set(step.inputDeadlineMs, framer.buffered > 0);
        if (step.delayMs) {
          flush(c.socket);
          if (!(await this.pause(c, step.delayMs))) return;
        }
        // Replies to pipelined commands are batched into one write while the next command is
        // already here (RFC 2920 3.2: the server may hold replies it has not yet flushed while
        // input is pending; it flushes before it would wait for more). With no input pending the
        // reply would be flushed next anyway: it is written at once, without the cork's buffering.
        if (!c.socket.writableCorked && framer.buffered > 0) c.socket.cork();
        const open = this.write(c, step, frame);
        if (!(typeof open === 'boolean' ? open : await open)) return;
        if (step.close) {
          reason = step.closeReason ?? 'quit';
          c.socket.end();
          return;
        }
        armLine();
        if (step.startTls) {
          // The go-ahead goes out in cleartext, before the handshake (RFC 3207 4, RFC 2595 4).
          flush(c.socket);
          detach();
          if (!(await this.startTls(c, framer))) {
            reason = 'tls-failed';
            return;
          }
          detach = attach(c.socket);
        }
      }
    } catch (err) {
      reason = 'error';
      this.opts.sink?.({
        event: 'notice',
        protocol: this.opts.protocol,
        session: session.id,
        level: 'error',
        text: `session failed: ${err instanceof Error ? err.message : String(err)}`,
      });
      if (!c.socket.destroyed) c.socket.end(`${this.opts.internalErrorReply}\r\n`);
    } finally {
      deadline.stop();
      lineDeadline.stop();
      detach();
      try {
        await session.closed();
      } catch {
        // releasing a lock must never throw past here
      }
      this.opts.sink?.({ event: 'disconnect', protocol: this.opts.protocol, session: session.id, remote, reason });
    }
  }

  /**
   * The upgrade: whatever the client pipelined behind STARTTLS/STLS is dropped unread (RFC
   * 3207 4.2, RFC 2595 4; running it would let an attacker on the path inject commands into
   * the encrypted session, CVE-2011-0411), then the handshake. Nothing may await between
   * the drain and the wrap, or the ClientHello could be read as cleartext.
   */
  private async startTls(c: Connection, framer: Framer): Promise<boolean> {
    const session = c.session as ProtocolSession;
    const discarded = framer.drain().length;
    const context = this.secureContext;
    if (!context) throw new Error('the session asked for TLS but the server has no certificate');
    try {
      c.socket = await upgradeSocket(c.socket, context);
    } catch (err) {
      const text = `TLS handshake failed: ${err instanceof Error ? err.message : String(err)}`;
      this.opts.sink?.({ event: 'notice', protocol: this.opts.protocol, session: session.id, level: 'warn', text });
      return false;
    }
    c.secure = true;
    c.socket.on('error', () => undefined);
    this.opts.sink?.(describeTls(c.socket as TLSSocket, { protocol: this.opts.protocol, session: session.id, mode: 'starttls', discarded }));
    return true;
  }

  /** Wait before a reply (Step.delayMs); false when the client went away meanwhile. */
  private pause(c: Connection, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = c.socket;
      const done = () => {
        clearTimeout(timer);
        socket.off('close', done);
        resolve(!socket.destroyed);
      };
      const timer = setTimeout(done, ms);
      socket.on('close', done);
    });
  }

  private handle(session: ProtocolSession, frame: Frame): Step | Promise<Step> {
    switch (frame.kind) {
      case 'line': {
        const end = frame.crlf ? CRLF_END : LF_END;
        return session.lineNow ? session.lineNow(frame.line, end) : session.line(frame.line, end);
      }
      case 'overflow':
        return session.overflow();
      case 'bytes':
        return session.bytes(frame.data);
    }
  }

  /**
   * Emit transcript events and write a step; false when the socket is gone. A promise only
   * when the socket pushes back: a step with nothing to write costs no promise.
   */
  private write(c: Connection, step: Step, frame?: Frame): boolean | Promise<boolean> {
    const sink = this.opts.sink;
    const listening = heard(sink);
    if (step.out.length === 0 && !listening) return !c.socket.destroyed;
    // Nobody listens: only the bytes (no events, nothing to describe them with).
    const parts = listening ? stepEvents(sink, { protocol: this.opts.protocol, session: c.session as ProtocolSession, port: c.port, secure: c.secure }, step, frame) : replyParts(step.out);
    if (parts.length === 0) return !c.socket.destroyed;
    if (c.socket.destroyed || !c.socket.writable) return false;
    if (c.socket.write(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts))) return !c.socket.destroyed;
    // Pushed back: what is batched must go out, or 'drain' would never come.
    flush(c.socket);
    return new Promise<boolean>((resolve) => {
      const done = () => {
        c.socket.off('drain', done);
        c.socket.off('close', done);
        resolve(!c.socket.destroyed);
      };
      c.socket.on('drain', done);
      c.socket.on('close', done);
    });
  }
}

/** Send what is batched (corked) now. */
function flush(socket: Socket): void {
  while (socket.writableCorked > 0) socket.uncork();
}

/**
 * The busy reply, then the connection is gone: destroyed once the reply is flushed (with
 * allowHalfOpen a client that never closes its side would otherwise keep the file descriptor,
 * issue 20), and at the latest after `ms` if the client never reads it. Input is ignored.
 */
function refuseBusy(socket: Socket, reply: string, ms: number): void {
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
  socket.end(reply, () => socket.destroy());
}
