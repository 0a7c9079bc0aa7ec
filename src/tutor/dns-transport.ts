import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/**
 * One query's bytes to one lab DNS server and the response's bytes back: a UDP datagram (RFC
 * 1035 4.2.1), or over TCP with the two-octet length prefix (RFC 1035 4.2.2, RFC 7766 8). No
 * retries: a lesson shows exactly what was sent. Only loopback: the servers are the lab's own.
 */
export interface DnsTarget {
  host: string;
  port: number;
}

/** Why no answer came: nothing in time, or the socket failed (`detail` is the system's words). */
export class DnsTransportError extends Error {
  override readonly name = 'DnsTransportError';
  constructor(
    readonly kind: 'timeout' | 'network',
    readonly detail: string,
  ) {
    super(detail);
  }
}

const DEFAULT_TIMEOUT_MS = 3000;

export function udpExchange(bytes: Uint8Array, to: DnsTarget, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(to.host.includes(':') ? 'udp6' : 'udp4');
    const done = (err: Error | null, data?: Uint8Array) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(data as Uint8Array);
    };
    const timer = setTimeout(() => done(new DnsTransportError('timeout', String(timeoutMs))), timeoutMs);
    socket.on('error', (err) => done(new DnsTransportError('network', err.message)));
    // RFC 5452 9.1: accept the answer only from the address and port the query went to.
    socket.on('message', (msg, rinfo) => {
      if (rinfo.port === to.port) done(null, new Uint8Array(msg));
    });
    socket.send(bytes, to.port, to.host);
  });
}

export function tcpExchange(bytes: Uint8Array, to: DnsTarget, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: to.host, port: to.port });
    let got = Buffer.alloc(0);
    const done = (err: Error | null, data?: Uint8Array) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(data as Uint8Array);
    };
    const timer = setTimeout(() => done(new DnsTransportError('timeout', String(timeoutMs))), timeoutMs);
    socket.on('error', (err) => done(new DnsTransportError('network', err.message)));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(bytes.length);
      socket.write(Buffer.concat([length, bytes]));
    });
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) done(null, new Uint8Array(got.subarray(2, 2 + got.readUInt16BE(0))));
    });
    socket.on('end', () => done(new DnsTransportError('network', 'closed')));
  });
}
