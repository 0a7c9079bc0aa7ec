import { describe, expect, it } from 'vitest';
import { LineServer } from '../../src/protocols/server.js';
import type { Expect, Step } from '../../src/protocols/session.js';
import { FakeSession } from '../support/fake-session.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { HttpReader } from '../support/http-reader.js';
import { connectLoopback } from '../support/socket-reader.js';

/**
 * The LineServer's side of Step.inputDeadlineMs and clientGone (protocols/session.ts), with a
 * protocol that is nothing else: the deadline starts with the first byte, a trickle does not
 * reset it, null drops it; the idle timer keeps its own meaning.
 */
class DeadlineSession extends FakeSession {
  override readonly expect: Expect = { mode: 'line', maxLine: 1024 };
  gone = 0;
  constructor(id: string) {
    super(id, 'http');
  }
  override async greet(): Promise<Step> {
    return { out: [], inputDeadlineMs: 150 };
  }
  override async line(line: Buffer): Promise<Step> {
    return line.toString() === 'DONE' ? { out: ['NO DEADLINE NOW'], inputDeadlineMs: null } : { out: ['OK'] };
  }
  override timeout(cause: 'idle' | 'deadline' = 'idle'): Step {
    return { out: [`TIMEOUT ${cause}`], close: true };
  }
  clientGone(): void {
    this.gone++;
  }
}

const opened = closeAfterEach(100);

async function start(idleTimeoutMs: number): Promise<{ port: number; sessions: DeadlineSession[] }> {
  const sessions: DeadlineSession[] = [];
  const server = new LineServer({
    protocol: 'http',
    createSession: (ctx) => {
      const s = new DeadlineSession(ctx.id);
      sessions.push(s);
      return s;
    },
    busyReply: 'BUSY',
    internalErrorReply: 'INTERNAL',
    idleTimeoutMs,
  });
  return { port: await listenLoopback(server, opened), sessions };
}

async function client(port: number): Promise<HttpReader> {
  return new HttpReader(await connectLoopback(port, (s) => opened.sockets.push(s)));
}

describe('LineServer: an input deadline a trickle cannot reset', () => {
  it('fires though a byte arrives every 20 ms, which keeps the idle timer from firing', async () => {
    const c = await client((await start(60_000)).port);
    for (let i = 0; i < 500 && !c.closed; i++) {
      c.send('x');
      await c.until(() => false, 20);
    }
    expect(c.text).toBe('TIMEOUT deadline\r\n');
  });

  it('does not start before the first byte: a silent connection is left to the idle timer', async () => {
    const c = await client((await start(400)).port);
    await c.until(() => c.closed);
    expect(c.text).toBe('TIMEOUT idle\r\n');
  });

  it('null drops it: after DONE only the idle timer is left', async () => {
    const c = await client((await start(400)).port);
    c.send('DONE\r\n');
    await c.until(() => c.closed);
    expect(c.text).toBe('NO DEADLINE NOW\r\nTIMEOUT idle\r\n');
  });

  it('tells the session at once when the client goes away', async () => {
    const { port, sessions } = await start(60_000);
    const c = await client(port);
    c.send('hello\r\n');
    await c.until((t) => t.includes('OK'));
    c.socket.end();
    await c.until(() => c.closed);
    expect(sessions[0]?.gone).toBeGreaterThan(0);
  });
});
