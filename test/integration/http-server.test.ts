import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { HttpReader } from '../support/http-reader.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { connectLoopback } from '../support/socket-reader.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { makeTlsFixture } from '../support/tls-fixture.js';
import { createHttpServer, type HttpServerOptions } from '../../src/protocols/http/server.js';
import { defaultHttpApp } from '../support/hello-app.js';
import { startLab } from '../../src/lab.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';

const opened = closeAfterEach(100);
const { tempDir } = scratch('l7lab-http-');

function start(opts: Partial<HttpServerOptions> = {}): Promise<number> {
  return listenLoopback(createHttpServer({ app: defaultHttpApp, ...opts }), opened);
}

async function client(port: number): Promise<HttpReader> {
  return new HttpReader(await connectLoopback(port, (s) => opened.sockets.push(s)));
}

const GET = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

describe('HTTP server on real sockets', () => {
  it('curl GET / gets 200 with the text, and HEAD gets the same fields without a body', async () => {
    const port = await start();
    const get = await runProgram('curl', ['-sS', '-i', '--http1.1', `http://127.0.0.1:${port}/`], 10_000);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(get.stdout).toContain('hello from the application layer');
    const head = await runProgram('curl', ['-sS', '-I', '--http1.1', `http://127.0.0.1:${port}/`], 10_000);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.stdout).toMatch(/Content-Length: 52\r\n/);
  });

  it('answers pipelined requests in order on one connection', async () => {
    const c = await client(await start());
    c.send(`${GET}GET /missing HTTP/1.1\r\nHost: a\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n`);
    await c.until(() => c.statuses.length === 3);
    expect(c.statuses).toEqual([200, 404, 204]);
    expect(c.closed).toBe(false);
  });

  it('keeps the connection for the next request, and closes after Connection: close', async () => {
    const c = await client(await start());
    c.send(GET);
    await c.until(() => c.statuses.length === 1);
    c.send('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed);
    expect(c.statuses).toEqual([200, 200]);
    expect(c.closed).toBe(true);
  });

  it('cuts off a client that trickles its head a byte at a time, with 408, though each byte resets the idle timer', async () => {
    const c = await client(await start({ headerTimeoutMs: 200, idleTimeoutMs: 60_000 }));
    const head = `GET / HTTP/1.1\r\nHost: a\r\n${'X-Slow: y\r\n'.repeat(100)}\r\n`;
    for (let i = 0; i < head.length && !c.closed; i++) {
      c.send(head[i] as string);
      await c.until(() => false, 20);
    }
    await c.until(() => c.closed);
    expect(c.closed).toBe(true);
    expect(c.statuses).toEqual([408]);
  });

  it('does not cut a long-poll with the idle timer while the app works', async () => {
    let release!: () => void;
    const waiting = new Promise<void>((r) => (release = r));
    const port = await start({ idleTimeoutMs: 50, app: async () => (await waiting, { status: 200, body: 'mail arrived' }) });
    const c = await client(port);
    c.send(GET);
    // Several idle periods pass while the app waits.
    await c.until(() => false, 300);
    expect(c.closed).toBe(false);
    release();
    await c.until((t) => t.endsWith('mail arrived'));
    expect(c.statuses).toEqual([200]);
  });

  it('aborts the app\'s signal when the client disconnects', async () => {
    let aborted!: () => void;
    const gone = new Promise<void>((r) => (aborted = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const port = await start({
      app: (_request, signal) =>
        new Promise((resolve) => {
          started();
          signal.addEventListener('abort', () => {
            aborted();
            resolve({ status: 204 });
          });
        }),
    });
    const c = await client(port);
    c.send(GET);
    await running;
    c.socket.destroy();
    await gone;
  });

  it('emits one line event per line both ways, with its key and state', async () => {
    const events: TranscriptEvent[] = [];
    const c = await client(await start({ sink: (e) => events.push(e) }));
    c.send('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi');
    await c.until(() => c.statuses.length === 1);
    const lines = events.filter((e): e is LineEvent => e.event === 'line');
    expect(lines.filter((l) => l.direction === 'client').map((l) => [l.text, l.knowledge?.key, l.state])).toEqual([
      ['POST / HTTP/1.1', 'request', 'headers'],
      ['Host: a', 'header', 'headers'],
      ['Content-Length: 2', 'header', 'headers'],
      ['', 'end-of-head', 'body'],
      ['[body: 2 octets]', 'body', 'request-line'],
    ]);
    const server = lines.filter((l) => l.direction === 'server');
    expect(server[0]).toMatchObject({ text: 'HTTP/1.1 405 Method Not Allowed', knowledge: { key: 'status', params: { code: 405 } } });
    expect(server.every((l) => l.knowledge !== undefined)).toBe(true);
  });

  it('answers 503 and closes past the connection limit', async () => {
    const port = await start({ maxConnections: 1 });
    const first = await client(port);
    first.send(GET);
    await first.until(() => first.statuses.length === 1);
    const second = await client(port);
    await second.until(() => second.closed);
    expect(second.statuses).toEqual([503]);
  });
});

describe('HTTPS: the same server inside TLS, ALPN http/1.1 only (RFC 7301)', () => {
  async function tlsOpen(port: number, ca: string, alpn: string[]): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost', ALPNProtocols: alpn }, () => resolve(s));
      opened.sockets.push(s);
      s.once('error', reject);
    });
  }

  it('serves GET over TLS and picks http/1.1 when the client offers h2 first', async () => {
    const fx = await makeTlsFixture(tempDir());
    const events: TranscriptEvent[] = [];
    const port = await start({ tls: fx.pair, sink: (e) => events.push(e) });
    const s = await tlsOpen(port, fx.pair.cert, ['h2', 'http/1.1']);
    expect(s.alpnProtocol).toBe('http/1.1');
    const c = new HttpReader(s);
    c.send(GET);
    await c.until((t) => t.includes('application layer'));
    expect(c.statuses).toEqual([200]);
    expect(events.some((e) => e.event === 'tls' && e.mode === 'implicit')).toBe(true);
    expect(events.filter((e): e is LineEvent => e.event === 'line').every((l) => l.tls === true)).toBe(true);
  });

  it('never agrees to h2', async () => {
    const fx = await makeTlsFixture(tempDir());
    const port = await start({ tls: fx.pair });
    const agreed = await tlsOpen(port, fx.pair.cert, ['h2']).then(
      (s) => s.alpnProtocol,
      () => 'refused',
    );
    expect(agreed).not.toBe('h2');
  });

  it('curl --cacert speaks HTTPS to it', async () => {
    const fx = await makeTlsFixture(tempDir());
    const port = await start({ tls: fx.pair });
    const r = await runProgram('curl', ['-sS', '-v', '--http1.1', '--cacert', fx.cert.certPath, `https://localhost:${port}/`, '--resolve', `localhost:${port}:127.0.0.1`], 10_000);
    expect(r.stdout).toContain('hello from the application layer');
    expect(r.stderr).toMatch(/ALPN.*http\/1\.1/);
  });
});

describe('the lab serves HTTP beside the mail protocols', () => {
  it('starts HTTP serving the web inbox and the lesson pages, and HTTPS on its implicit-TLS port', async () => {
    const fx = await makeTlsFixture(tempDir());
    const lab = await startLab({ protocols: ['http'], tls: { ...fx.pair, implicitPorts: { http: 0 } } });
    try {
      const inbox = await runProgram('curl', ['-sS', `http://127.0.0.1:${lab.endpoints.http?.port}/`], 10_000);
      expect(inbox.stdout).toContain('<title>l7lab inbox</title>');
      const hello = await runProgram('curl', ['-sS', '-i', `http://127.0.0.1:${lab.endpoints.http?.port}/hello.txt`], 10_000);
      expect(hello.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(hello.stdout).toMatch(/\r\nETag: /i);
      const port = lab.tlsEndpoints.http?.port;
      const secure = await runProgram('curl', ['-sS', '--cacert', fx.cert.certPath, '--resolve', `localhost:${port}:127.0.0.1`, `https://localhost:${port}/nothing`, '-w', '%{http_code}'], 10_000);
      expect(secure.stdout.endsWith('404')).toBe(true);
    } finally {
      await lab.close();
    }
  });
});
