import { createServer, type Server, type Socket } from 'node:net';
import { Framer, type Frame } from './transport.js';
import type { OutItem, ProtocolSession, Step } from './session.js';
import type { Protocol, TranscriptSink } from './transcript.js';
import { MAX_BUFFERED_INPUT, MAX_CONNECTIONS, SHUTDOWN_GRACE_MS } from './limits.js';

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
}

export interface Address {
  host: string;
  port: number;
}

interface Connection {
  socket: Socket;
  session: ProtocolSession | null;
  /** Resolves when the connection has fully ended. */
  done: Promise<void>;
}

let sessionCounter = 0;

export class LineServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private closing = false;
  private bound: Address | null = null;

  constructor(private readonly opts: LineServerOptions) {
    // allowHalfOpen: a client that pipelines its last commands and then shuts down its
    // sending side still gets them handled and answered.
    this.server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
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
        this.opts.sink?.({ event: 'listening', protocol: this.opts.protocol, host: a.address, port: a.port });
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

  private shutdownRequested = new WeakSet<Connection>();

  private requestShutdown(c: Connection): void {
    this.shutdownRequested.add(c);
    // A session that is idle waiting for a command is told now; one busy with a line or
    // a message body is told when it comes back to the command prompt (see run()).
    if (c.session && this.idle.has(c) && !c.session.busy) void this.finishWithShutdown(c);
  }

  private readonly idle = new WeakSet<Connection>();

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
    const conn: Connection = { socket, session: null, done: new Promise((r) => (resolveDone = r)) };
    const max = this.opts.maxConnections ?? MAX_CONNECTIONS;
    if (this.closing || this.connections.size >= max) {
      const reply = `${this.opts.busyReply}\r\n`;
      this.opts.sink?.({ event: 'connect', protocol: this.opts.protocol, session: id, remote });
      socket.end(reply);
      this.opts.sink?.({ event: 'disconnect', protocol: this.opts.protocol, session: id, remote, reason: 'busy' });
      return;
    }
    this.connections.add(conn);
    conn.session = this.opts.createSession({ id, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0 });
    conn.session.attachPush?.((step) => {
      void this.write(conn, step).then((open) => {
        if (open && step.close) socket.end();
      });
    });
    this.opts.sink?.({ event: 'connect', protocol: this.opts.protocol, session: id, remote });
    void this.run(conn, remote).finally(() => {
      this.connections.delete(conn);
      resolveDone();
    });
  }

  private async run(c: Connection, remote: string): Promise<void> {
    const session = c.session as ProtocolSession;
    const socket = c.socket;
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
    socket.on('data', (data: Buffer) => {
      framer.push(data);
      if (framer.buffered > MAX_BUFFERED_INPUT) socket.pause();
      notify();
    });
    socket.on('end', () => {
      inputEnded = true;
      notify();
    });
    socket.on('close', () => {
      ended = true;
      notify();
    });
    socket.setTimeout(this.opts.idleTimeoutMs, () => {
      if (ended) return;
      const step = session.timeout();
      reason = 'timeout';
      void this.write(c, step).then(() => socket.end());
      ended = true;
      notify();
    });

    try {
      let step = await session.greet();
      if (!(await this.write(c, step))) return;
      if (step.close) {
        reason = step.closeReason ?? 'quit';
        socket.end();
        return;
      }
      while (!ended) {
        if (this.shutdownRequested.has(c) && session.expect.mode === 'line' && framer.buffered === 0 && !session.busy) {
          reason = 'shutdown';
          await this.finishWithShutdown(c);
          return;
        }
        const frame = framer.next(session.expect);
        if (frame === null) {
          if (inputEnded) {
            socket.end();
            return;
          }
          if (socket.isPaused()) socket.resume();
          this.idle.add(c);
          await new Promise<void>((resolve) => (wake = resolve));
          this.idle.delete(c);
          continue;
        }
        step = await this.handle(session, frame);
        if (!(await this.write(c, step, frame))) return;
        if (step.close) {
          reason = step.closeReason ?? 'quit';
          socket.end();
          return;
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
      if (!socket.destroyed) socket.end(`${this.opts.internalErrorReply}\r\n`);
    } finally {
      socket.setTimeout(0);
      try {
        await session.closed();
      } catch {
        // releasing a lock must never throw past here
      }
      this.opts.sink?.({ event: 'disconnect', protocol: this.opts.protocol, session: session.id, remote, reason });
    }
  }

  private handle(session: ProtocolSession, frame: Frame): Promise<Step> {
    switch (frame.kind) {
      case 'line':
        return session.line(frame.line, { crlf: frame.crlf });
      case 'overflow':
        return session.overflow();
      case 'bytes':
        return session.bytes(frame.data);
    }
  }

  /** Emit transcript events and write a step; false when the socket is gone. */
  private async write(c: Connection, step: Step, frame?: Frame): Promise<boolean> {
    const session = c.session as ProtocolSession;
    const sink = this.opts.sink;
    const now = () => new Date().toISOString();
    if (sink && frame && !step.client?.silent) {
      const text =
        step.client?.text ??
        (frame.kind === 'line' ? frame.line.toString('latin1') : frame.kind === 'overflow' ? '[line too long, discarded]' : `[${frame.data.length} octets]`);
      sink({
        event: 'line',
        protocol: this.opts.protocol,
        session: session.id,
        direction: 'client',
        text,
        state: session.state,
        explanation: session.explain('client', text),
        ...(step.client?.decoded !== undefined ? { decoded: step.client.decoded } : {}),
        ...(step.client?.secret ? { secret: true } : {}),
        ...(step.client?.layer ? { layer: step.client.layer } : {}),
        time: now(),
      });
    }
    if (step.out.length === 0) return !c.socket.destroyed;
    const parts: Buffer[] = [];
    step.out.forEach((item: OutItem, i) => {
      const isLine = typeof item === 'string';
      const text = isLine ? item : item.summary;
      parts.push(isLine ? Buffer.from(`${item}\r\n`, 'utf8') : item.raw);
      const layer = step.layers?.[i];
      sink?.({
        event: 'line',
        protocol: this.opts.protocol,
        session: session.id,
        direction: 'server',
        text,
        state: session.state,
        explanation: isLine ? session.explain('server', text) : null,
        ...(layer ? { layer } : {}),
        time: now(),
      });
    });
    if (c.socket.destroyed || !c.socket.writable) return false;
    const flushed = c.socket.write(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
    if (!flushed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          c.socket.off('drain', done);
          c.socket.off('close', done);
          resolve();
        };
        c.socket.on('drain', done);
        c.socket.on('close', done);
      });
    }
    return !c.socket.destroyed;
  }
}
