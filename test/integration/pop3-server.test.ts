import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/explain/event.js';
import { Accounts } from '../../src/protocols/accounts.js';
import { createPop3Server } from '../../src/protocols/pop3/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { WireClient } from '../../src/wire/client.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

const opened = closeAfterEach(200);
const clients: WireClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const MSG = (n: number) => Buffer.from(`Subject: m${n}\r\n\r\nbody ${n}\r\n.dot line\r\n`);

async function start(opts: { idleTimeoutMs?: number; maxConnections?: number } = {}) {
  const store = new MemoryStore();
  for (let i = 1; i <= 3; i++) await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, MSG(i));
  const events: TranscriptEvent[] = [];
  const server = createPop3Server({ store, accounts: new Accounts([['bob', 'builder']]), sink: (e) => events.push(e), hostname: 'lab.test', ...opts });
  const port = await listenLoopback(server, opened);
  return { store, server, port, events };
}

async function login(port: number) {
  const { client, greeting } = await WireClient.connect({ host: '127.0.0.1', port, protocol: 'pop3', timeoutMs: 5000 });
  clients.push(client);
  await client.send('USER bob');
  const pass = await client.send('PASS builder');
  return { client, greeting, pass };
}

/** Resolve when the sink has seen `count` disconnect events (bounded by the test timeout). */
async function disconnects(events: TranscriptEvent[], count: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (events.filter((e) => e.event === 'disconnect').length >= count) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`fewer than ${count} disconnects`);
}

describe('POP3 server on 127.0.0.1', () => {
  it('greets each connection with a fresh APOP timestamp for its host', async () => {
    const { port } = await start();
    const a = await login(port);
    const b = await login(port);
    const stamp = (l: string) => /<[^>]+@lab\.test>$/.exec(l)?.[0];
    expect(stamp(a.greeting.lines[0] ?? '')).toBeTruthy();
    expect(stamp(a.greeting.lines[0] ?? '')).not.toBe(stamp(b.greeting.lines[0] ?? ''));
  });

  it('a dropped connection after DELE leaves the message for the next session', async () => {
    const { port, store, events } = await start();
    const first = await login(port);
    expect((await first.client.send('DELE 1')).lines).toEqual(['+OK message 1 deleted']);
    first.client.destroy();
    await disconnects(events, 1);
    expect((await store.list('bob', 'INBOX')).length).toBe(3);
    const second = await login(port);
    expect(second.pass.lines[0]).toMatch(/^\+OK bob's maildrop has 3 messages/);
    expect((await second.client.send('STAT')).lines[0]).toMatch(/^\+OK 3 /);
  });

  it('a second session on a locked maildrop gets [IN-USE]; after QUIT the next one gets in', async () => {
    const { port } = await start();
    const first = await login(port);
    const second = await login(port);
    expect(second.pass.lines[0]).toMatch(/^-ERR \[IN-USE\] /);
    expect((await first.client.send('QUIT')).lines[0]).toMatch(/^\+OK .*signing off/);
    expect((await second.client.send('USER bob')).status).toBe('+OK');
    expect((await second.client.send('PASS builder')).lines[0]).toMatch(/^\+OK bob's maildrop/);
  });

  it('an idle timeout (injected, short) says autologout, closes, and deletes nothing', async () => {
    const { port, store, events } = await start({ idleTimeoutMs: 150 });
    const { client } = await login(port);
    await client.send('DELE 1');
    await client.send('DELE 2');
    const lines = await client.waitFor(/autologout/, 5000);
    expect(lines.at(-1)).toBe('-ERR autologout: idle for 150 ms; nothing was deleted');
    await disconnects(events, 1);
    expect(events.some((e) => e.event === 'disconnect' && e.reason === 'timeout')).toBe(true);
    expect((await store.list('bob', 'INBOX')).length).toBe(3);
  });

  it('QUIT after DELE removes the message over a real socket', async () => {
    const { port, store } = await start();
    const { client } = await login(port);
    await client.send('DELE 2');
    expect((await client.send('QUIT')).lines[0]).toBe('+OK l7lab POP3 server signing off (1 deleted, 2 messages left)');
    expect((await store.list('bob', 'INBOX')).map((m) => m.uid).length).toBe(2);
  });

  it('refuses connections over the cap with -ERR [SYS/TEMP], and others carry on', async () => {
    const { port } = await start({ maxConnections: 1 });
    const first = await login(port);
    const reply = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1');
      let data = '';
      sock.on('data', (d) => (data += d.toString()));
      sock.on('close', () => resolve(data));
      sock.on('error', reject);
    });
    expect(reply).toBe('-ERR [SYS/TEMP] too many connections; try again later\r\n');
    expect((await first.client.send('NOOP')).lines).toEqual(['+OK']);
  });

  it('emits one transcript event per line, each with the session state in the RFC words', async () => {
    const { port, events } = await start();
    const { client } = await login(port);
    await client.send('RETR 1');
    await client.send('QUIT');
    await disconnects(events, 1);
    const lines = events.filter((e): e is LineEvent => e.event === 'line');
    const show = lines.map((e) => `${e.direction === 'client' ? 'C' : 'S'} ${e.state} ${e.text}`);
    expect(show[0]).toMatch(/^S AUTHORIZATION \+OK l7lab POP3 server ready </);
    expect(show.slice(1, 5)).toEqual([
      'C AUTHORIZATION USER bob',
      'S AUTHORIZATION +OK send PASS for bob',
      'C TRANSACTION PASS builder',
      "S TRANSACTION +OK bob's maildrop has 3 messages (" + show[4]?.split('(')[1],
    ]);
    const size = MSG(1).length;
    expect(show.slice(5, 9)).toEqual([
      'C TRANSACTION RETR 1',
      `S TRANSACTION +OK ${size} octets`,
      `S TRANSACTION [message 1: ${size} octets]`,
      'S TRANSACTION .',
    ]);
    expect(show.slice(9)).toEqual(['C UPDATE QUIT', 'S UPDATE +OK l7lab POP3 server signing off (0 deleted, 3 messages left)']);
    expect(lines.find((e) => e.text === 'PASS builder')?.secret).toBe(true);
    expect(lines.every((e) => e.protocol === 'pop3')).toBe(true);
    expect(explainEvent(lines.find((e) => e.text.startsWith('+OK bob')) as LineEvent, 'en')).toMatch(/TRANSACTION/);
  });
});
