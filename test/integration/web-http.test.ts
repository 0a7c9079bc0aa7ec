import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { createWebApp } from '../../src/web/app.js';
import { closeAfterEach } from '../support/opened.js';
import { runProgram } from '../support/programs.js';
import { connectLoopback } from '../support/socket-reader.js';

/**
 * The web app behind the lab's real HTTP server, driven by curl: what the protocol side does
 * with what the app says (304 from its validators, 206 from `ranges`, chunked with a trailer),
 * the guard as a client meets it, and the long poll over a real connection.
 */
const opened = closeAfterEach(100);
let lab: Lab | null = null;

afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function start(): Promise<{ base: string; store: MemoryStore; port: number }> {
  const store = counted(new MemoryStore());
  lab = await startLab({ store, protocols: ['http'], httpApp: createWebApp({ store }) });
  const port = lab.endpoints.http?.port as number;
  return { base: `http://127.0.0.1:${port}`, store, port };
}

const curl = (args: string[]) => runProgram('curl', ['-sS', '--http1.1', ...args], 15_000);

describe('the web app on the lab’s HTTP server', () => {
  it('a conditional GET of /hello.txt gets 304, /old redirects, /chunked arrives in chunks with its trailer', async () => {
    const { base } = await start();
    const first = await curl(['-i', `${base}/hello.txt`]);
    expect(first.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(first.stdout).toMatch(/ETag: "hello-v1"\r\n/i);
    expect(first.stdout).toMatch(/Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n/i);
    const again = await curl(['-i', '-H', 'If-None-Match: "hello-v1"', `${base}/hello.txt`]);
    expect(again.stdout).toMatch(/^HTTP\/1\.1 304 /);
    const old = await curl(['-i', `${base}/old`]);
    expect(old.stdout).toMatch(/^HTTP\/1\.1 301 /);
    expect(old.stdout).toMatch(/Location: \/hello\.txt\r\n/i);
    const chunked = await curl(['-i', '--raw', `${base}/chunked`]);
    expect(chunked.stdout).toMatch(/Transfer-Encoding: chunked\r\n/i);
    expect(chunked.stdout).toContain('\r\nd\r\nFirst chunk.\n\r\n');
    expect(chunked.stdout).toMatch(/\r\n0\r\nX-Chunk-Count: 3\r\n\r\n$/);
  });

  it('serves a byte range of the raw message (206)', async () => {
    const { base, store } = await start();
    const [copy] = await store.deliver({ from: 'a@x', to: ['bob@example.com'] }, Buffer.from('Subject: range\r\n\r\n0123456789\r\n'));
    const r = await curl(['-i', '-r', '0-8', `${base}/api/messages/${copy?.meta.id}/raw`]);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 206 /);
    expect(r.stdout).toMatch(/Content-Range: bytes 0-8\/30\r\n/i);
    expect(r.stdout.endsWith('\r\n\r\nSubject: ')).toBe(true);
  });

  it('refuses a rebound Host (421) and a DELETE without the custom header (403)', async () => {
    const { base } = await start();
    const rebound = await curl(['-i', '-H', 'Host: evil.example', `${base}/api/messages`]);
    expect(rebound.stdout).toMatch(/^HTTP\/1\.1 421 /);
    // HTTP/1.0 without any Host (RFC 9112 3.2 asks it of 1.1 only) is no browser's: served.
    const old = await runProgram('curl', ['-sS', '-i', '--http1.0', '-H', 'Host:', `${base}/hello.txt`], 15_000);
    expect(old.stdout).toMatch(/^HTTP\/1\.1 200 /);
    const bare = await curl(['-i', '-X', 'DELETE', `${base}/api/messages`]);
    expect(bare.stdout).toMatch(/^HTTP\/1\.1 403 /);
    const ok = await curl(['-i', '-X', 'DELETE', '-H', 'X-L7lab: 1', `${base}/api/messages`]);
    expect(ok.stdout).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('a long poll answers when the mail comes', async () => {
    const { base, store } = await start();
    const waiting = curl([`${base}/api/messages?to=bob&wait=30`]);
    await expect.poll(() => watchers(store)).toBe(1);
    await store.deliver({ from: 'a@x', to: ['bob@example.com'] }, Buffer.from('Subject: hi bob\r\n\r\nx\r\n'));
    const r = await waiting;
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 1, messages: [{ subject: 'hi bob' }] });
  });

  it('a long poll stops waiting when its client goes away', async () => {
    const { port, store } = await start();
    const socket = await connectLoopback(port, (s) => opened.sockets.push(s));
    socket.write('GET /api/messages?wait=60 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await expect.poll(() => watchers(store)).toBe(1);
    socket.destroy();
    await expect.poll(() => watchers(store)).toBe(0);
  });
});

/** Listeners on the store's change feed, counted: a waiting long poll holds one. */
const live = new WeakMap<MemoryStore, { n: number }>();
function counted(store: MemoryStore): MemoryStore {
  const count = { n: 0 };
  live.set(store, count);
  const watch = store.watch.bind(store);
  store.watch = (listener) => {
    count.n++;
    const stop = watch(listener);
    return () => {
      count.n--;
      stop();
    };
  };
  return store;
}

function watchers(store: MemoryStore): number {
  return live.get(store)?.n ?? 0;
}
