import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer } from '../../src/protocols/imap/server.js';
import { createPop3Server } from '../../src/protocols/pop3/server.js';
import { createSmtpServer } from '../../src/protocols/smtp/server.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { cleanup, lab, liveBytes, othersServed, portOf, Raw, sleep } from './helpers.js';

/**
 * Slow and greedy clients (issue 9): a client trickling one byte at a time and one that never
 * reads its replies block nobody and cannot grow the server's memory; idle timeouts (injected
 * short through the factories' idleTimeoutMs) and the connection cap hold on all three servers.
 */
const opened = closeAfterEach(200);
afterEach(cleanup);

describe('slow clients', () => {
  it('one byte every 250 ms on each protocol: the others are served meanwhile, then the slow ones get their answer', async () => {
    const l = await lab();
    const slow = async (port: number, line: string, answer: RegExp) => {
      const c = await Raw.open(port);
      await c.line();
      for (const ch of `${line}\r\n`) {
        c.write(ch);
        await sleep(250);
      }
      expect(await c.line()).toMatch(answer);
    };
    let finished = false;
    const trickle = Promise.all([slow(portOf(l, 'smtp'), 'NOOP', /^250 /), slow(portOf(l, 'pop3'), 'CAPA', /^\+OK/), slow(portOf(l, 'imap'), 't NOOP', /^t OK/)]).then(() => (finished = true));
    await othersServed(l);
    // The fresh sessions were served while the trickling ones were still mid-line.
    expect(finished).toBe(false);
    await trickle;
  });

  it('a client that never reads its replies: server memory stays bounded, others are served', async () => {
    const store = new MemoryStore();
    const big = Buffer.from(`Subject: big\r\n\r\n${`${'z'.repeat(998)}\r\n`.repeat(2048)}`);
    await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, big);
    const l = await lab({ store });
    const greedy = await Raw.open(portOf(l, 'imap'));
    await greedy.line();
    await greedy.imap('l', 'LOGIN bob builder');
    await greedy.imap('s', 'SELECT INBOX');
    const before = liveBytes();
    greedy.socket.pause();
    // 64 fetches of a 2 MB message: 128 MB of replies nobody reads.
    for (let i = 0; i < 64; i++) greedy.write(`f${i} FETCH 1 BODY.PEEK[]\r\n`);
    await sleep(500);
    await othersServed(l);
    const grown = liveBytes() - before;
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    greedy.destroy();
    await othersServed(l);
  });
});

function factories(opts: { idleTimeoutMs?: number; maxConnections?: number }) {
  const store = new MemoryStore();
  const accounts = new Accounts(DEMO_ACCOUNTS);
  return [
    { name: 'smtp', server: createSmtpServer({ store, accounts, ...opts }), ping: 'NOOP', ok: /^250 /, timeout: /^421 4\.4\.2 /, busy: /^421 4\.7\.0 / },
    { name: 'pop3', server: createPop3Server({ store, accounts, ...opts }), ping: 'CAPA', ok: /^\+OK/, timeout: /^-ERR .*autologout/i, busy: /^-ERR \[SYS\/TEMP\]/ },
    { name: 'imap', server: createImapServer({ store, accounts, ...opts }), ping: 't NOOP', ok: /^t OK/, timeout: /^\* BYE /, busy: /^\* BYE \[UNAVAILABLE\]/ },
  ] as const;
}

async function drainReply(c: Raw, name: string): Promise<void> {
  // CAPA is multi-line: read to its "."; the SMTP and IMAP pings are answered in one line.
  if (name === 'pop3') await c.until('\r\n.\r\n');
  c.take();
}

describe('timeouts and the connection cap', () => {
  it('an idle session is closed with the autologout reply while a busy one on the same server stays', async () => {
    const all = factories({ idleTimeoutMs: 400 });
    await Promise.all(
      all.map(async ({ name, server, ping, ok, timeout }) => {
        const port = await listenLoopback(server, opened);
        const idle = await Raw.open(port);
        const busy = await Raw.open(port);
        await idle.line();
        await busy.line();
        for (let i = 0; i < 8; i++) {
          busy.write(`${ping}\r\n`);
          expect(await busy.line(), name).toMatch(ok);
          await drainReply(busy, name);
          await sleep(100);
        }
        expect(await idle.line(), name).toMatch(timeout);
        await idle.gone();
        expect(busy.closed).toBe(false);
      }),
    );
  });

  it('past the cap a new connection gets the busy reply; those inside keep working', async () => {
    const all = factories({ maxConnections: 3 });
    await Promise.all(
      all.map(async ({ name, server, ping, ok, busy: busyReply }) => {
        const port = await listenLoopback(server, opened);
        const inside = await Promise.all([0, 1, 2].map(() => Raw.open(port)));
        for (const c of inside) await c.line();
        const extra = await Raw.open(port);
        expect(await extra.line(), name).toMatch(busyReply);
        await extra.gone();
        for (const c of inside) {
          c.write(`${ping}\r\n`);
          expect(await c.line(), name).toMatch(ok);
        }
      }),
    );
  });
});
