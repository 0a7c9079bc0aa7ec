import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAfterAll, listenLoopback } from '../support/opened.js';
import { python, runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { makeTlsFixture, type TlsFixture } from '../support/tls-fixture.js';
import { createHttpServer } from '../../src/protocols/http/server.js';
import type { HttpApp, HttpResponse } from '../../src/protocols/http/types.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';

/**
 * Real HTTP clients against the lab's server on 127.0.0.1: curl, Python's http.client and
 * urllib.request, and Node's own fetch (undici). Each runs as a child process (fetch in this
 * one, asynchronously), so the server keeps answering meanwhile.
 */
const LAST_MODIFIED = new Date('2025-12-01T00:00:00Z');

const app: HttpApp = async (request): Promise<HttpResponse> => {
  switch (request.path) {
    case '/':
      return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'hello, web\n' };
    case '/upload': {
      if (request.method !== 'POST' && request.method !== 'PUT') return { status: 405, headers: { Allow: 'POST, PUT' }, body: '' };
      const sha256 = createHash('sha256').update(request.body).digest('hex');
      const json = { method: request.method, bytes: request.body.length, sha256, type: request.headers.get('content-type') ?? null };
      return { status: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) };
    }
    case '/chunks':
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, chunks: ['Hello, ', 'chunked ', 'world'], trailers: { 'X-Checksum': 'abc' } };
    case '/tagged':
      return { status: 200, body: 'tagged', etag: '"v1"', lastModified: LAST_MODIFIED };
    case '/bytes':
      return { status: 200, body: '0123456789', ranges: true };
    default:
      return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not here\n' };
  }
};

const events: TranscriptEvent[] = [];
const suite = closeAfterAll(200);
const { tempDir, suiteDir } = scratch('l7lab-http-interop-');
let port = 0;
let tlsPort = 0;
let fx: TlsFixture;

beforeAll(async () => {
  port = await listenLoopback(createHttpServer({ app, sink: (e) => events.push(e) }), suite);
  fx = await makeTlsFixture(suiteDir());
  tlsPort = await listenLoopback(createHttpServer({ app, tls: fx.pair }), suite);
});
beforeEach(() => {
  events.length = 0;
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const clientLines = () => events.filter((e): e is LineEvent => e.event === 'line' && e.direction === 'client');
const curl = (args: string[]) => runProgram('curl', ['-sS', '--http1.1', ...args], 15_000);

describe('curl', () => {
  it('-v shows the request line, Host and the status line; the body arrives whole', async () => {
    const r = await curl(['-v', url('/')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello, web\n');
    expect(r.stderr).toContain('> GET / HTTP/1.1');
    expect(r.stderr).toContain(`> Host: 127.0.0.1:${port}`);
    expect(r.stderr).toContain('< HTTP/1.1 200 OK');
    expect(r.stderr).toContain('< Content-Length: 11');
  });

  it('uploads a file with chunked transfer coding; the server de-chunks it byte for byte', async () => {
    const file = join(tempDir(), 'upload.bin');
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => String.fromCharCode(32 + (i % 90))).join(''));
    writeFileSync(file, data);
    const r = await curl(['-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: application/octet-stream', '--data-binary', `@${file}`, url('/upload')]);
    expect(JSON.parse(r.stdout)).toEqual({ method: 'POST', bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), type: 'application/octet-stream' });
    const keys = clientLines().map((l) => l.knowledge?.key);
    expect(keys).toContain('chunk-size');
    expect(keys).toContain('last-chunk');
  });

  it('gets 100 Continue before sending a larger body with Expect: 100-continue', async () => {
    const r = await curl(['-v', '-H', 'Expect: 100-continue', '--data-binary', 'x'.repeat(2000), url('/upload')]);
    expect(r.stderr).toContain('< HTTP/1.1 100 Continue');
    expect(JSON.parse(r.stdout)).toMatchObject({ bytes: 2000 });
  });

  it('reads a chunked response with its trailer', async () => {
    const r = await curl(['-v', url('/chunks')]);
    expect(r.stdout).toBe('Hello, chunked world');
    expect(r.stderr).toContain('< Transfer-Encoding: chunked');
  });

  it('conditional GET gets 304, a range gets 206', async () => {
    const notModified = await curl(['-o', '/dev/null', '-w', '%{http_code}', '-H', 'If-None-Match: "v1"', url('/tagged')]);
    expect(notModified.stdout).toBe('304');
    const since = await curl(['-o', '/dev/null', '-w', '%{http_code}', '-z', LAST_MODIFIED.toUTCString(), url('/tagged')]);
    expect(since.stdout).toBe('304');
    const range = await curl(['-r', '2-4', '-w', ' %{http_code}', url('/bytes')]);
    expect(range.stdout).toBe('234 206');
  });

  it('reuses one connection for two URLs (keep-alive)', async () => {
    const r = await curl(['-v', url('/'), url('/tagged')]);
    expect(r.stdout).toBe('hello, web\ntagged');
    expect(r.stderr).toMatch(/Re-using existing connection|Reusing existing connection/);
  });

  it('HTTPS with --cacert: the lab certificate verifies and ALPN agrees on http/1.1', async () => {
    const r = await curl(['-v', '--cacert', fx.cert.certPath, '--resolve', `localhost:${tlsPort}:127.0.0.1`, `https://localhost:${tlsPort}/`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello, web\n');
    expect(r.stderr).toMatch(/ALPN.*http\/1\.1/);
  });
});

describe('Python', () => {
  it('http.client: several requests on one kept-alive connection, a chunked upload, HEAD', async () => {
    const code = [
      'import http.client, json, sys',
      'c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)',
      'out = []',
      'c.request("GET", "/"); r = c.getresponse(); out.append([r.status, r.read().decode()])',
      'c.request("POST", "/upload", body=iter([b"abc", b"defg"]), headers={"Content-Type": "text/plain"}, encode_chunked=True)',
      'r = c.getresponse(); out.append([r.status, json.loads(r.read())["bytes"]])',
      'c.request("HEAD", "/"); r = c.getresponse(); out.append([r.status, r.getheader("Content-Length"), r.read().decode()])',
      'c.request("GET", "/nope"); r = c.getresponse(); out.append([r.status, r.read().decode()])',
      'print(json.dumps(out))',
    ].join('\n');
    const r = await python(code, [port]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      [200, 'hello, web\n'],
      [201, 7],
      [200, '11', ''],
      [404, 'not here\n'],
    ]);
    // All four on one connection: one connect event.
    expect(events.filter((e) => e.event === 'connect')).toHaveLength(1);
  });

  it('urllib.request: GET, a POST, and a 404 raised as HTTPError', async () => {
    const code = [
      'import json, sys, urllib.request, urllib.error',
      'base = "http://127.0.0.1:%s" % sys.argv[1]',
      'out = [urllib.request.urlopen(base + "/", timeout=10).read().decode()]',
      'req = urllib.request.Request(base + "/upload", data=b"name=bob", method="PUT")',
      'out.append(json.loads(urllib.request.urlopen(req, timeout=10).read()))',
      'try:',
      '    urllib.request.urlopen(base + "/missing", timeout=10)',
      'except urllib.error.HTTPError as e:',
      '    out.append(e.code)',
      'print(json.dumps(out))',
    ].join('\n');
    const r = await python(code, [port]);
    expect(r.stderr).toBe('');
    const [text, put, missing] = JSON.parse(r.stdout) as [string, { method: string; bytes: number; type: string }, number];
    expect(text).toBe('hello, web\n');
    expect(put).toMatchObject({ method: 'PUT', bytes: 8, type: 'application/x-www-form-urlencoded' });
    expect(missing).toBe(404);
  });
});

describe("Node's fetch (undici)", () => {
  it('GET, POST with a body, a streamed (chunked) upload, HEAD and a conditional GET', async () => {
    const get = await fetch(url('/'));
    expect([get.status, await get.text(), get.headers.get('content-type')]).toEqual([200, 'hello, web\n', 'text/plain; charset=utf-8']);
    const post = await fetch(url('/upload'), { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'Content-Type': 'application/json' } });
    expect(await post.json()).toMatchObject({ bytes: 7, type: 'application/json' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('part one, '));
        controller.enqueue(new TextEncoder().encode('part two'));
        controller.close();
      },
    });
    const streamed = await fetch(url('/upload'), { method: 'PUT', body: stream, duplex: 'half' } as RequestInit & { duplex: 'half' });
    expect(await streamed.json()).toMatchObject({ method: 'PUT', bytes: 18 });
    const head = await fetch(url('/'), { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '11', '']);
    const chunks = await fetch(url('/chunks'));
    expect(await chunks.text()).toBe('Hello, chunked world');
    const cached = await fetch(url('/tagged'), { headers: { 'If-None-Match': '"v1"' } });
    expect(cached.status).toBe(304);
  });
});
