import type { Socket } from 'node:net';
import type { TranscriptSink } from '../transcript.js';
import { emitNote } from './events.js';
import { serveQuery, type DnsHandler } from './serve-query.js';

/**
 * DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message is preceded by its length in two octets.
 * A connection carries many queries (RFC 7766 6.2.1), answered as each is ready, so pipelined
 * answers may leave out of order (6.2.1.1; the id pairs them); at most `maxInFlight` are handled at
 * once and the socket is paused beyond that. A connection with nothing in flight is closed after
 * `idleTimeoutMs` (6.2.3); a length over `maxQuery` closes it (a query is small; 65535 octets of
 * junk would be a way to hold memory).
 */
export interface TcpLimits {
  idleTimeoutMs: number;
  maxInFlight: number;
  maxQuery: number;
}

export interface TcpConnection {
  socket: Socket;
  session: string;
  /** Resolves when the socket has closed (an answer still in flight then goes nowhere). */
  done: Promise<void>;
}

export function serveTcp(socket: Socket, session: string, handler: DnsHandler, sink: TranscriptSink | undefined, limits: TcpLimits): TcpConnection {
  const remoteAddress = socket.remoteAddress ?? '';
  const where = { session, port: socket.remotePort ?? 0, transport: 'tcp' as const, remoteAddress };
  let buffered: Buffer = Buffer.alloc(0);
  let inFlight = 0;
  let closed = false;
  let inputEnded = false;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const finishIfDone = () => {
    // A client that sent its queries and shut its side still gets every answer (half-close).
    if (inputEnded && inFlight === 0 && !closed) socket.end();
    if (closed) settle();
  };
  const idle = () => {
    // Only an idle connection times out: one with a query in flight is waiting for us (RFC 7766 6.2.3).
    if (inFlight === 0) socket.end();
  };
  const answer = (query: Uint8Array) => {
    inFlight += 1;
    if (inFlight >= limits.maxInFlight) socket.pause();
    void Promise.resolve(serveQuery(query, where, handler, sink)).then((out) => {
      inFlight -= 1;
      if (out && !socket.destroyed && socket.writable) {
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(out.length);
        socket.write(Buffer.concat([prefix, out]));
      }
      if (socket.isPaused() && !closed) {
        socket.resume();
        pump();
      }
      finishIfDone();
    });
  };
  const pump = () => {
    while (buffered.length >= 2 && inFlight < limits.maxInFlight) {
      const length = buffered.readUInt16BE(0);
      if (length > limits.maxQuery) {
        emitNote(sink, where, { key: 'dropped', params: { reason: 'too-large' } });
        buffered = Buffer.alloc(0);
        socket.destroy();
        return;
      }
      if (buffered.length < 2 + length) return;
      const query = buffered.subarray(2, 2 + length);
      buffered = buffered.subarray(2 + length);
      answer(query);
    }
  };
  socket.setNoDelay(true);
  socket.setTimeout(limits.idleTimeoutMs, idle);
  socket.on('error', () => undefined);
  socket.on('data', (data: Buffer) => {
    buffered = buffered.length === 0 ? data : Buffer.concat([buffered, data]);
    pump();
  });
  socket.on('end', () => {
    inputEnded = true;
    finishIfDone();
  });
  socket.on('close', () => {
    closed = true;
    finishIfDone();
  });
  return { socket, session, done };
}
