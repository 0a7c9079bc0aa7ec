import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { DNS_MAX_TCP_QUERY, DNS_TCP_IDLE_TIMEOUT_MS, DNS_TCP_MAX_CONNECTIONS, DNS_TCP_MAX_IN_FLIGHT } from '../../limits.js';
import type { Address } from '../server.js';
import type { TranscriptSink } from '../transcript.js';
import { emitNote } from './events.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limit.js';
import { serveQuery, slipResponse, type DnsHandler } from './serve-query.js';
import { serveTcp, type TcpConnection } from './tcp.js';

/**
 * A lab DNS server: one handler (an authoritative answer or the recursive resolver) on UDP and
 * TCP at the same port (RFC 1035 4.2: port 53 over both; RFC 7766 5: TCP is not optional). The
 * same `listen(port, host)` and `close()` as LineServer, so the lab starts it like the others.
 */
export interface DnsServerOptions {
  handler: DnsHandler;
  sink?: TranscriptSink;
  /** Shown in session ids and notices: which server of the hierarchy this is (`a.root.test`). */
  name?: string;
  tcpIdleTimeoutMs?: number;
  maxTcpConnections?: number;
  maxInFlight?: number;
  maxTcpQuery?: number;
  /** Per-source UDP rate limit; false turns it off (a benchmark from one address). */
  rateLimit?: RateLimit | false;
  /** Emit the `listening` event (default true); the lab's authoritative servers stay quiet so DNS has one, the resolver's. */
  announce?: boolean;
  /** Milliseconds, for the rate limiter only; tests inject a frozen clock. */
  now?: () => number;
}

export interface DnsServer {
  listen(port: number, host: string): Promise<Address>;
  close(): Promise<void>;
  readonly address: Address;
}

let exchangeCounter = 0;

export function createDnsServer(opts: DnsServerOptions): DnsServer {
  return new LabDnsServer(opts);
}

class LabDnsServer implements DnsServer {
  private udp: UdpSocket | null = null;
  private tcp: Server | null = null;
  private bound: Address | null = null;
  private readonly connections = new Set<TcpConnection>();
  private readonly limiter: RateLimiter | null;

  constructor(private readonly opts: DnsServerOptions) {
    this.limiter = opts.rateLimit === false ? null : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT, opts.now ?? Date.now);
  }

  get address(): Address {
    if (!this.bound) throw new Error('the DNS server is not listening');
    return this.bound;
  }

  /** UDP first (port 0 picks one), then TCP on the same port; with port 0, another pick if TCP has that port taken. */
  async listen(port: number, host: string): Promise<Address> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.bindBoth(port, host);
      } catch (err) {
        if (port !== 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw err;
      }
    }
  }

  private async bindBoth(port: number, host: string): Promise<Address> {
    const udp = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind({ port, address: host, exclusive: true }, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    udp.on('error', () => undefined);
    const chosen = udp.address().port;
    const tcp = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    tcp.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen({ port: chosen, host, exclusive: true }, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      udp.close();
      throw err;
    }
    udp.on('message', (msg, rinfo) => this.datagram(msg, rinfo));
    this.udp = udp;
    this.tcp = tcp;
    this.bound = { host, port: chosen };
    if (this.opts.announce !== false) this.opts.sink?.({ event: 'listening', protocol: 'dns', host, port: chosen });
    return this.bound;
  }

  async close(): Promise<void> {
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = null;
    this.tcp = null;
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    for (const c of this.connections) c.socket.destroy();
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    await Promise.all([...this.connections].map((c) => c.done));
  }

  private session(): string {
    return `dns-${this.opts.name ? `${this.opts.name}-` : ''}${++exchangeCounter}`;
  }

  private datagram(msg: Buffer, rinfo: RemoteInfo): void {
    const udp = this.udp;
    if (!udp) return;
    const where = { session: this.session(), port: rinfo.port, transport: 'udp' as const, remoteAddress: rinfo.address };
    const verdict = this.limiter?.take(rinfo.address);
    if (verdict && verdict.action !== 'pass') {
      if (verdict.first) emitNote(this.opts.sink, where, { key: 'dropped', params: { reason: 'rate-limited' } });
      const slip = verdict.action === 'slip' ? slipResponse(msg) : null;
      if (slip) udp.send(slip, rinfo.port, rinfo.address);
      return;
    }
    const out = serveQuery(msg, where, this.opts.handler, this.opts.sink);
    const send = (bytes: Uint8Array | null) => {
      if (bytes && this.udp) this.udp.send(bytes, rinfo.port, rinfo.address);
    };
    if (out instanceof Promise) void out.then(send);
    else send(out);
  }

  private accept(socket: Socket): void {
    const session = this.session();
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const sink = this.opts.sink;
    // RFC 7766 6.2.2: a server limits its connections; past the limit a new one is closed at once.
    if (this.connections.size >= (this.opts.maxTcpConnections ?? DNS_TCP_MAX_CONNECTIONS)) {
      socket.on('error', () => undefined);
      socket.destroy();
      sink?.({ event: 'disconnect', protocol: 'dns', session, remote, reason: 'busy' });
      return;
    }
    sink?.({ event: 'connect', protocol: 'dns', session, remote });
    const conn = serveTcp(socket, session, this.opts.handler, sink, {
      idleTimeoutMs: this.opts.tcpIdleTimeoutMs ?? DNS_TCP_IDLE_TIMEOUT_MS,
      maxInFlight: this.opts.maxInFlight ?? DNS_TCP_MAX_IN_FLIGHT,
      maxQuery: this.opts.maxTcpQuery ?? DNS_MAX_TCP_QUERY,
    });
    this.connections.add(conn);
    void conn.done.then(() => {
      this.connections.delete(conn);
      sink?.({ event: 'disconnect', protocol: 'dns', session, remote, reason: 'quit' });
    });
  }
}
