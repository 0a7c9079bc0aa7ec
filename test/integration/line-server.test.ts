import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LineServer } from '../../src/protocols/server.js';
import type { Expect, ProtocolSession, Step } from '../../src/protocols/session.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/** A tiny echo protocol: enough to exercise the server without any real protocol. */
class EchoSession implements ProtocolSession {
  readonly protocol = 'smtp' as const;
  state = 'READY';
  readonly expect: Expect = { mode: 'line', maxLine: 64 };
  closedCalls = 0;
  constructor(readonly id: string) {}
  async greet(): Promise<Step> {
    return { out: ['HELLO'] };
  }
  async line(line: Buffer): Promise<Step> {
    const text = line.toString();
    if (text === 'BOOM') throw new Error('handler bug');
    if (text === 'BYE') return { out: ['BYE'], close: true };
    if (text.startsWith('SLOW')) await new Promise((r) => setTimeout(r, 30));
    return { out: [`ECHO ${text}`] };
  }
  /** NOW lines are answered without a promise (as SMTP message lines are): their replies can batch. */
  lineNow(line: Buffer): Step | Promise<Step> {
    const text = line.toString();
    if (text === 'NOWBOOM') throw new Error('handler bug, at once');
    return text.startsWith('NOW') ? { out: [`ECHO ${text}`] } : this.line(line);
  }
  async bytes(): Promise<Step> {
    return { out: [] };
  }
  async overflow(): Promise<Step> {
    return { out: ['TOO LONG'] };
  }
  timeout(): Step {
    return { out: ['TIMEOUT'], close: true };
  }
  shutdown(): Step {
    return { out: ['SHUTDOWN'], close: true };
  }
  async closed(): Promise<void> {
    this.closedCalls++;
  }
  explain(): string | null {
    return null;
  }
}

const opened = closeAfterEach(100);
const { sockets } = opened;

async function start(opts: { maxConnections?: number; idleTimeoutMs?: number; events?: TranscriptEvent[] } = {}) {
  const sessions: EchoSession[] = [];
  const server = new LineServer({
    protocol: 'smtp',
    createSession: (ctx) => {
      const s = new EchoSession(ctx.id);
      sessions.push(s);
      return s;
    },
    busyReply: 'BUSY',
    internalErrorReply: 'INTERNAL',
    idleTimeoutMs: opts.idleTimeoutMs ?? 10_000,
    ...(opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {}),
    ...(opts.events ? { sink: (e: TranscriptEvent) => opts.events?.push(e) } : {}),
  });
  const port = await listenLoopback(server, opened);
  return { server, port, sessions };
}

/** Connect, optionally write, and collect everything until the server closes (bounded). */
function converse(port: number, input: string | null, { endInput = false, until }: { endInput?: boolean; until?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ port, host: '127.0.0.1' });
    sockets.push(sock);
    let got = '';
    const timer = setTimeout(() => resolve(got), 3000);
    sock.on('data', (d) => {
      got += d.toString();
      if (until && got.includes(until)) {
        clearTimeout(timer);
        resolve(got);
      }
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    sock.on('error', reject);
    sock.on('connect', () => {
      if (input !== null) sock.write(input);
      if (endInput) sock.end();
    });
  });
}

/** Connect, then write each chunk once everything before it is answered (the loop is parked waiting for input). */
function inTurns(port: number, turns: { send: string; answered: string }[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ port, host: '127.0.0.1' });
    sockets.push(sock);
    let got = '';
    let next = 0;
    let waitFor = 'HELLO\r\n';
    const timer = setTimeout(() => resolve(got), 3000);
    sock.on('data', (d) => {
      got += d.toString();
      while (got.endsWith(waitFor) && next < turns.length) {
        const turn = turns[next++] as { send: string; answered: string };
        waitFor = turn.answered;
        sock.write(turn.send);
      }
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    sock.on('error', reject);
  });
}

describe('LineServer', () => {
  it('answers input that arrives while it waits, in order, whether the lines are answered at once or by a promise', async () => {
    const { port, sessions } = await start();
    const out = await inTurns(port, [
      { send: 'NOW-1\r\nNOW-2\r\nSLOW\r\nNOW-3\r\n', answered: 'ECHO NOW-3\r\n' },
      { send: 'NOW-4\r\n', answered: 'ECHO NOW-4\r\n' },
      { send: 'NOWBOOM\r\nNOW-never\r\n', answered: 'INTERNAL\r\n' },
    ]);
    expect(out).toBe('HELLO\r\nECHO NOW-1\r\nECHO NOW-2\r\nECHO SLOW\r\nECHO NOW-3\r\nECHO NOW-4\r\nINTERNAL\r\n');
    expect(sessions[0]?.closedCalls).toBe(1);
  });

  it('closes after a reply that says so when the line came while it waited', async () => {
    const { port } = await start();
    const out = await inTurns(port, [
      { send: 'NOW-1\r\n', answered: 'ECHO NOW-1\r\n' },
      { send: 'BYE\r\nNOW-after\r\n', answered: 'BYE\r\n' },
    ]);
    expect(out).toBe('HELLO\r\nECHO NOW-1\r\nBYE\r\n');
  });

  it('answers pipelined lines in order, one at a time, even when a handler is slow', async () => {
    const { port } = await start();
    const out = await converse(port, 'SLOW1\r\nTWO\r\nSLOW3\r\nBYE\r\n');
    expect(out).toBe('HELLO\r\nECHO SLOW1\r\nECHO TWO\r\nECHO SLOW3\r\nBYE\r\n');
  });

  it('answers a long pipelined batch of lines answered at once, past the write buffer, in order and in full', async () => {
    const { port } = await start();
    // ~200 KB of replies batched while the commands keep coming: more than the socket's
    // high-water mark, so the batch must be sent while it is built or 'drain' never comes.
    const lines = Array.from({ length: 5000 }, (_, i) => `NOW-${i}-${'x'.repeat(30)}`);
    const out = await converse(port, `${lines.join('\r\n')}\r\nSLOW\r\nNOW-last\r\nBYE\r\n`);
    expect(out).toBe(`HELLO\r\n${lines.map((l) => `ECHO ${l}\r\n`).join('')}ECHO SLOW\r\nECHO NOW-last\r\nBYE\r\n`);
  });

  it('handles and answers what a client pipelined before shutting down its sending side', async () => {
    const { port } = await start();
    const out = await converse(port, 'ONE\r\nTWO\r\n', { endInput: true });
    expect(out).toBe('HELLO\r\nECHO ONE\r\nECHO TWO\r\n');
  });

  it('reports an over-long line and keeps the session usable', async () => {
    const { port } = await start();
    const out = await converse(port, `${'x'.repeat(200)}\r\nOK\r\nBYE\r\n`);
    expect(out).toBe('HELLO\r\nTOO LONG\r\nECHO OK\r\nBYE\r\n');
  });

  it('a session that throws gets the internal error reply and is closed; others keep working', async () => {
    const { port, sessions } = await start();
    const broken = await converse(port, 'BOOM\r\nAFTER\r\n');
    expect(broken).toBe('HELLO\r\nINTERNAL\r\n');
    const healthy = await converse(port, 'FINE\r\nBYE\r\n');
    expect(healthy).toBe('HELLO\r\nECHO FINE\r\nBYE\r\n');
    expect(sessions[0]?.closedCalls).toBe(1);
  });

  it('refuses connections over the cap with the busy reply', async () => {
    const { port } = await start({ maxConnections: 1 });
    const first = converse(port, null, { until: 'HELLO' });
    await first;
    const second = await converse(port, null);
    expect(second).toBe('BUSY\r\n');
  });

  it('sends the timeout reply to an idle client and calls closed()', async () => {
    const { port, sessions } = await start({ idleTimeoutMs: 150 });
    const out = await converse(port, null);
    expect(out).toBe('HELLO\r\nTIMEOUT\r\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(sessions[0]?.closedCalls).toBe(1);
  });

  it('tells idle sessions on shutdown and stops listening', async () => {
    const { server, port } = await start();
    const pending = converse(port, null);
    await new Promise((r) => setTimeout(r, 50));
    await server.close(500);
    expect(await pending).toBe('HELLO\r\nSHUTDOWN\r\n');
    await expect(converse(port, null)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('emits listening, connect, line and disconnect events in order', async () => {
    const events: TranscriptEvent[] = [];
    const { port } = await start({ events });
    await converse(port, 'HI\r\nBYE\r\n');
    await new Promise((r) => setTimeout(r, 20));
    const summary = events.map((e) => (e.event === 'line' ? `${e.direction}:${e.text}` : e.event));
    expect(summary).toEqual(['listening', 'connect', 'server:HELLO', 'client:HI', 'server:ECHO HI', 'client:BYE', 'server:BYE', 'disconnect']);
    const last = events.at(-1);
    expect(last?.event === 'disconnect' && last.reason).toBe('quit');
    expect(events[0]).toMatchObject({ event: 'listening', host: '127.0.0.1', port });
  });
});
