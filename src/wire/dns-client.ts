import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP, connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DnsTransport } from '../protocols/dns/types.js';

/**
 * One DNS exchange on the wire: a query out, its response back, and how long it took. UDP is one
 * datagram each way (RFC 1035 4.2.1), accepted only from the server asked and with the query's ID
 * (RFC 5452 9.1); TCP puts a two-octet length before each message (RFC 1035 4.2.2). No retry and no
 * fallback: the practice shell shows what happened (a TC bit, a timeout) and the learner decides.
 */
export interface DnsExchangeOptions {
  host: string;
  port: number;
  transport: DnsTransport;
  timeoutMs: number;
}

export interface DnsExchange {
  bytes: Uint8Array;
  /** Milliseconds from sending to the whole response. */
  ms: number;
  /** The port the query left from: the lab's transcript names the client by it. */
  localPort: number;
}

export type DnsWireErrorKind = 'timeout' | 'refused' | 'closed' | 'unreachable';

export class DnsWireError extends Error {
  constructor(
    readonly kind: DnsWireErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DnsWireError';
  }
}

const idOf = (bytes: Uint8Array): number => ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);

function wireError(err: NodeJS.ErrnoException, where: string): DnsWireError {
  if (err.code === 'ECONNREFUSED') return new DnsWireError('refused', `${where} refused the connection (nothing listens there)`);
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return new DnsWireError('closed', `${where} closed the connection`);
  return new DnsWireError('unreachable', `could not reach ${where}: ${err.code ?? err.message}`);
}

export function exchangeDns(query: Uint8Array, o: DnsExchangeOptions): Promise<DnsExchange> {
  return o.transport === 'tcp' ? overTcp(query, o) : overUdp(query, o);
}

function where(o: DnsExchangeOptions): string {
  return o.host.includes(':') ? `[${o.host}]:${o.port}` : `${o.host}:${o.port}`;
}

function overUdp(query: Uint8Array, o: DnsExchangeOptions): Promise<DnsExchange> {
  return new Promise((resolve, reject) => {
    const socket: UdpSocket = createSocket(isIP(o.host) === 6 ? 'udp6' : 'udp4');
    const started = performance.now();
    let settled = false;
    const done = (err: Error | null, bytes?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve({ bytes: bytes as Uint8Array, ms: performance.now() - started, localPort });
    };
    let localPort = 0;
    const timer = setTimeout(() => done(new DnsWireError('timeout', `no answer from ${where(o)} in ${o.timeoutMs / 1000} s`)), o.timeoutMs);
    socket.on('error', (err: NodeJS.ErrnoException) => done(wireError(err, where(o))));
    // A connected socket hears only its server, and an ICMP port unreachable comes back as ECONNREFUSED.
    socket.connect(o.port, o.host, () => {
      localPort = socket.address().port;
      socket.on('message', (msg: Buffer) => {
        // A datagram with another ID is not this answer (RFC 5452 9.1): keep waiting.
        if (msg.length >= 2 && idOf(msg) === idOf(query)) done(null, new Uint8Array(msg));
      });
      socket.send(query, (err) => err && done(wireError(err, where(o))));
    });
  });
}

function overTcp(query: Uint8Array, o: DnsExchangeOptions): Promise<DnsExchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let buffered = Buffer.alloc(0);
    const socket: Socket = connect({ host: o.host, port: o.port });
    let settled = false;
    const done = (err: Error | null, bytes?: Uint8Array): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const localPort = socket.localPort ?? 0;
      socket.destroy();
      if (err) reject(err);
      else resolve({ bytes: bytes as Uint8Array, ms: performance.now() - started, localPort });
    };
    const timer = setTimeout(() => done(new DnsWireError('timeout', `no answer from ${where(o)} in ${o.timeoutMs / 1000} s`)), o.timeoutMs);
    socket.on('error', (err: NodeJS.ErrnoException) => done(wireError(err, where(o))));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const size = buffered.readUInt16BE(0);
      if (buffered.length >= 2 + size) done(null, new Uint8Array(buffered.subarray(2, 2 + size)));
    });
    socket.on('end', () => done(new DnsWireError('closed', `${where(o)} closed the connection before a whole answer`)));
  });
}

/**
 * The whole answer, as a stub resolver gets it: UDP first, and the same query again over TCP when
 * the answer came back truncated (RFC 1035 4.1.1: TC is bit 1 of the third octet; RFC 7766 5).
 * For the tutor and the mail-authentication checks, which want the answer, not the lesson in TC.
 */
export async function exchangeDnsWhole(query: Uint8Array, o: Omit<DnsExchangeOptions, 'transport'>): Promise<Uint8Array> {
  const answer = (await exchangeDns(query, { ...o, transport: 'udp' })).bytes;
  return ((answer[2] ?? 0) & 0x02) !== 0 ? (await exchangeDns(query, { ...o, transport: 'tcp' })).bytes : answer;
}
