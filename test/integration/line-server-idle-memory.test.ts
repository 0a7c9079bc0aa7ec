import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LineServer } from '../../src/protocols/server.js';
import type { Step } from '../../src/protocols/session.js';
import { FakeSession } from '../support/fake-session.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/**
 * Issue 19: while a client is idle, the server must not keep its last reply alive. A 10,000-line
 * FETCH kept ~1 MB of lines reachable from the suspended run() until the next command came.
 * The session hands out each reply's line array once, watched by a WeakRef; after the reply is
 * read, a full collection must be able to take it.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

class BigReplySession extends FakeSession {
  readonly replies: Array<WeakRef<object>> = [];
  constructor(id: string) {
    super(id, 'imap');
  }
  override async greet(): Promise<Step> {
    return { out: ['* OK ready'] };
  }
  /** Pending like a real command (the store is asynchronous), with 1,000 lines. */
  override async line(line: Buffer): Promise<Step> {
    await new Promise((r) => setImmediate(r));
    const out = Array.from({ length: 1000 }, (_, i) => `* ${i + 1} FETCH (UID ${i + 1})`);
    out.push(`${line.toString().split(' ')[0]} OK done`);
    this.replies.push(new WeakRef(out));
    return { out };
  }
}

const opened = closeAfterEach(100);

/** Resolves once the text read so far contains `marker`. */
function readUntil(socket: Socket, marker: string): Promise<void> {
  let text = '';
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      text += d.toString('latin1');
      if (text.includes(marker)) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
}

describe('LineServer while the client is idle', () => {
  it('lets the last reply be collected once it is written', async () => {
    const sessions: BigReplySession[] = [];
    const server = new LineServer({
      protocol: 'imap',
      createSession: (ctx) => {
        const s = new BigReplySession(ctx.id);
        sessions.push(s);
        return s;
      },
      busyReply: '* BYE busy',
      internalErrorReply: '* BYE internal error',
      idleTimeoutMs: 60_000,
    });
    const port = await listenLoopback(server, opened);
    const socket = connect({ host: '127.0.0.1', port });
    opened.sockets.push(socket);
    await readUntil(socket, '* OK ready');
    const answered = readUntil(socket, 'a1 OK done');
    socket.write('a1 FETCH 1:*\r\n');
    await answered;
    // WeakRef targets stay alive to the end of the current job: let the server reach its wait first.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    gc();
    const session = sessions[0] as BigReplySession;
    expect(session.replies).toHaveLength(1);
    expect(session.replies[0]?.deref()).toBeUndefined();
  });
});
