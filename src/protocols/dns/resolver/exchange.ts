/**
 * The resolver's only way onto the network: one query to one server over UDP or TCP, one reply
 * back, or an error after a timeout. Each UDP query gets a socket of its own, so a fresh random
 * source port as well as a random id (RFC 5452 9.2, 10); a datagram from any other address, or
 * one that is not a reply to our id, is ignored and the wait goes on (RFC 5452 9.1), so a stray
 * packet can neither end nor spoof the exchange. Over TCP the message carries its two-octet length
 * (RFC 1035 4.2.2). Retrying over TCP after TC is the walk's decision (walk.ts), so the transcript
 * shows it.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { DNS_RESOLVER_EXCHANGE_TIMEOUT_MS } from '../../../limits.js';
import type { Address } from '../../server.js';
import { decodeMessage } from '../codec/decode.js';
import { encodeMessage } from '../codec/encode.js';
import type { DnsMessage, DnsTransport } from '../types.js';
import type { Exchange } from './types.js';

export interface ExchangeOptions {
  /** How long to wait for one reply (default DNS_RESOLVER_EXCHANGE_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** A decoded reply to `id`, or undefined for bytes that are not one (ignored, as RFC 5452 9.1 asks). */
function replyTo(bytes: Uint8Array, id: number): DnsMessage | undefined {
  try {
    const { message } = decodeMessage(bytes, { fields: false, trailing: 'ignore' });
    return message.header.qr && message.header.id === id ? message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One pending exchange: settles once, with a reply or an error, on whichever comes first (the
 * reply, a socket error, the timeout), and always releases the socket.
 */
function pending(timeoutMs: number, release: () => void, resolve: (m: DnsMessage) => void, reject: (e: Error) => void) {
  let settled = false;
  const finish = (err: Error | null, reply?: DnsMessage): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    release();
    if (reply) resolve(reply);
    else reject(err ?? new Error('no reply'));
  };
  const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
  return finish;
}

function udpExchange(server: Address, query: DnsMessage, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const socket: UdpSocket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    const finish = pending(timeoutMs, () => socket.close(), resolve, reject);
    socket.on('error', (err) => finish(err));
    socket.on('message', (bytes, from) => {
      if (from.address !== server.host || from.port !== server.port) return;
      const reply = replyTo(bytes, query.header.id);
      if (reply) finish(null, reply);
    });
    socket.send(encodeMessage(query), server.port, server.host, (err) => {
      if (err) finish(err);
    });
  });
}

function tcpExchange(server: Address, query: DnsMessage, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    const finish = pending(timeoutMs, () => socket.destroy(), resolve, reject);
    let buffered = Buffer.alloc(0);
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish(new Error('connection closed before the reply')));
    socket.on('connect', () => {
      const body = encodeMessage(query);
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(body.length);
      socket.write(Buffer.concat([prefix, body]));
    });
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (buffered.length < 2) return;
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) return;
      const reply = replyTo(buffered.subarray(2, 2 + length), query.header.id);
      finish(reply ? null : new Error('malformed reply'), reply);
    });
  });
}

/** The socket exchange for the resolver: UDP or TCP to the server, with a timeout. */
export function socketExchange(opts: ExchangeOptions = {}): Exchange {
  const timeoutMs = opts.timeoutMs ?? DNS_RESOLVER_EXCHANGE_TIMEOUT_MS;
  return (server: Address, query: DnsMessage, transport: DnsTransport) =>
    transport === 'udp' ? udpExchange(server, query, timeoutMs) : tcpExchange(server, query, timeoutMs);
}
