import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LineServer } from '../../src/protocols/server.js';
import { FakeSession } from '../support/fake-session.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/**
 * Issue 20, item 5: a connection refused as busy gives back its file descriptor. The server is
 * opened with allowHalfOpen, so without an explicit close a client that never closes its own
 * side (or never reads) held the socket forever; 2,000 of them exhausted the fd limit.
 */

const opened = closeAfterEach(100);

/** A client that never ends its side (allowHalfOpen) and, with `read: false`, never reads. */
function halfOpenClient(port: number, read: boolean): Promise<{ socket: Socket; text: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => resolve({ socket, text: () => text, closed }));
    opened.sockets.push(socket);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    socket.on('end', () => undefined); // the server's FIN: this client does not answer it
    if (read) socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    else socket.pause();
    socket.once('error', reject);
  });
}

async function busyServer(busyCloseMs?: number): Promise<number> {
  const server = new LineServer({
    protocol: 'smtp',
    createSession: (ctx) => new FakeSession(ctx.id),
    busyReply: 'BUSY',
    internalErrorReply: 'INTERNAL',
    idleTimeoutMs: 60_000,
    maxConnections: 1,
    ...(busyCloseMs !== undefined ? { busyCloseMs } : {}),
  });
  const port = await listenLoopback(server, opened);
  const first = await halfOpenClient(port, true);
  while (!first.text().includes('HELLO')) await new Promise((r) => setTimeout(r, 10));
  return port;
}

/**
 * A half-open client learns that the server let go of its socket only when it writes: a closed
 * socket answers with RST and the client's socket closes; a half-open one swallows the bytes.
 * Pokes until then (a bounded loop, no time asserted).
 */
async function pokeUntilClosed(c: { socket: Socket; closed: Promise<void> }): Promise<boolean> {
  let closed = false;
  void c.closed.then(() => (closed = true));
  for (let i = 0; i < 200 && !closed; i++) {
    if (!c.socket.destroyed) c.socket.write('NOOP\r\n');
    await new Promise((r) => setTimeout(r, 25));
  }
  return closed;
}

describe('a connection refused as busy', () => {
  it('gets the busy reply and is closed by the server, though the client never closes its side', async () => {
    const port = await busyServer();
    const busy = await halfOpenClient(port, true);
    while (!busy.text().includes('\n')) await new Promise((r) => setTimeout(r, 10));
    expect(busy.text()).toBe('BUSY\r\n');
    expect(await pokeUntilClosed(busy)).toBe(true); // the client never calls end()
  });

  it('is closed too when the client never reads its reply', async () => {
    const port = await busyServer(50);
    const busy = await halfOpenClient(port, false);
    expect(await pokeUntilClosed(busy)).toBe(true);
  });
});
