import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { decodeMessage } from '../../src/protocols/dns/codec/decode.js';
import type { Address } from '../../src/protocols/server.js';
import type { DnsMessage } from '../../src/protocols/dns/types.js';

/**
 * A raw DNS client for tests: datagrams and length-prefixed TCP messages as bytes, decoded with
 * the lab codec. It never retries and never sets a timer: a test that expects silence sends a
 * second, good query after the bad one and checks which reply comes first (loopback UDP keeps order).
 */
export class UdpClient {
  private readonly socket: UdpSocket;
  private readonly queue: Buffer[] = [];
  private waiting: ((b: Buffer) => void) | null = null;

  constructor(private readonly server: Address) {
    this.socket = createSocket('udp4');
    this.socket.on('message', (msg) => {
      const w = this.waiting;
      this.waiting = null;
      if (w) w(msg);
      else this.queue.push(msg);
    });
  }

  send(bytes: Uint8Array): void {
    this.socket.send(bytes, this.server.port, this.server.host);
  }

  /** The next datagram received (already queued, or the next to come). */
  next(): Promise<Buffer> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async ask(bytes: Uint8Array): Promise<DnsMessage> {
    this.send(bytes);
    return decodeMessage(await this.next(), { fields: false }).message;
  }

  close(): void {
    this.socket.close();
  }
}

export class TcpClient {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private ended = false;
  readonly socket: Socket;

  constructor(server: Address) {
    this.socket = connect(server.port, server.host);
    this.socket.on('data', (d: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      this.wake();
    });
    this.socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  /** Send a message with its two-octet length (RFC 1035 4.2.2); `length` overrides the prefix (a lying one). */
  send(bytes: Uint8Array, length = bytes.length): void {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(length);
    this.socket.write(Buffer.concat([prefix, bytes]));
  }

  /** The next whole message, or null when the server closed the connection first. */
  async next(): Promise<DnsMessage | null> {
    for (;;) {
      if (this.buffered.length >= 2) {
        const n = this.buffered.readUInt16BE(0);
        if (this.buffered.length >= 2 + n) {
          const msg = this.buffered.subarray(2, 2 + n);
          this.buffered = this.buffered.subarray(2 + n);
          return decodeMessage(msg, { fields: false }).message;
        }
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Resolves when the server has closed the connection. */
  closed(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ended) resolve();
      else this.socket.once('close', () => resolve());
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
