import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runPractice } from '../../src/commands/practice.js';
import { HubLink } from '../../src/conversation/hub-link.js';
import { startLab, type Lab } from '../../src/lab.js';
import { History } from '../../src/practice/history.js';
import { PracticeShell, type Outcome } from '../../src/practice/shell.js';
import type { HttpApp } from '../../src/protocols/http/types.js';
import { WireClient } from '../../src/wire/client.js';
import { scratch } from '../support/scratch.js';
import { makeTlsFixture } from '../support/tls-fixture.js';

/** The practice shell speaking HTTP to the lab on 127.0.0.1, lines fed as a learner types them. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const labs: Lab[] = [];
const clients: WireClient[] = [];
const links: HubLink[] = [];
const closers: Array<() => Promise<void>> = [];
const { tempDir } = scratch('l7lab-practice-http-', async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  for (const c of clients.splice(0)) c.destroy();
  for (const l of links.splice(0)) l.close();
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

/** A small app: a chunked answer with a trailer, an echo of the body, text elsewhere. */
const app: HttpApp = async (request) => {
  if (request.path === '/chunked') return { status: 200, headers: { 'Content-Type': 'text/plain' }, chunks: ['one ', 'two'], trailers: { 'X-Done': 'yes' } };
  if (request.path === '/echo') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: `got: ${request.body.toString('utf8')}` };
  if (request.path === '/image') return { status: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) };
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'hello\n' };
};

interface Run {
  shell: PracticeShell;
  type(...lines: string[]): Promise<Outcome>;
  read(): string;
}

/** `withLab`: the lab's transcript pairs with the shell (as `practice http`); else as `--connect` to a server not ours. */
async function shell(withLab: boolean): Promise<Run> {
  const lab = await startLab({ httpApp: app, protocols: ['http'] });
  labs.push(lab);
  const link = withLab ? new HubLink(lab.hub) : null;
  if (link) links.push(link);
  const port = (lab.endpoints.http as { port: number }).port;
  const { client, greeting } = await WireClient.connect({ host: '127.0.0.1', port, protocol: 'http', timeoutMs: 5000 });
  clients.push(client);
  const output: string[] = [];
  let seen = 0;
  const history = await History.open(join(tempDir(), 'history'));
  const s = new PracticeShell({ protocol: 'http', lang: 'en', wire: client, events: link, history, out: (t) => output.push(plain(t)), closeWaitMs: 2000, replyTimeoutMs: 5000 });
  s.start(greeting);
  return {
    shell: s,
    async type(...lines) {
      let outcome: Outcome = 'more';
      for (const line of lines) outcome = await s.handle(line);
      return outcome;
    },
    read() {
      const text = output.slice(seen).join('\n');
      seen = output.length;
      return text;
    },
  };
}

describe('practice http', () => {
  it('keeps the connection between requests and shows the state the lab reports', async () => {
    const run = await shell(true);
    expect(run.shell.prompt()).toBe('http request-line> ');
    expect(await run.type('GET / HTTP/1.1', 'Host: localhost')).toBe('more');
    expect(run.read()).toBe('');
    expect(run.shell.prompt()).toBe('http headers> ');
    await run.type('');
    const first = run.read();
    expect(first).toMatch(/S: HTTP\/1\.1 200 OK\n +200 OK/);
    expect(first).toMatch(/S: hello\n +The body: 6 bytes/);
    expect(first).toMatch(/session state: request-line$/);
    expect(await run.type('HEAD / HTTP/1.1', 'Host: localhost', '')).toBe('more');
    expect(run.read()).not.toContain('S: hello');
  });

  it('shows each chunk-size line, the chunks, the last chunk and the trailer of a chunked response, explained', async () => {
    const run = await shell(false);
    await run.type('GET /chunked HTTP/1.1', 'Host: localhost', '');
    const text = run.read();
    expect(text).toMatch(/S: Transfer-Encoding: chunked\n +Transfer-Encoding: /);
    expect(text).toMatch(/S: 4\n +Chunk size \(chunked coding, RFC 9112 7\.1\): 4 in hexadecimal, so 4 bytes/);
    expect(text).toMatch(/S: one \n/);
    expect(text).toMatch(/S: 0\n +The last chunk, of size 0/);
    expect(text).toMatch(/S: X-Done: yes\n +Trailer field X-Done/);
    expect(text).toMatch(/S: \n +The empty line after the last chunk/);
  });

  it('a typed body goes out once Content-Length bytes are in; :body FILE sets the length from the file', async () => {
    const run = await shell(true);
    await run.type('POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 11', '');
    expect(run.read()).toContain('Now type the body: 11 bytes');
    expect(run.shell.prompt()).toBe('http body> ');
    expect(run.shell.takesBody()).toBe(true);
    // A body line starting with a colon is body, not a helper.
    await run.type(':one', 'two!!');
    const echoed = run.read();
    expect(echoed).toMatch(/C: :one\n +The body: 11 bytes/);
    expect(echoed).toMatch(/S: got: :one\n(?: +[^\n]*\n)*S: two!!/);
    const file = join(tempDir(), 'body.txt');
    writeFileSync(file, 'from a file');
    await run.type('POST /echo HTTP/1.1', 'Host: localhost', `:body ${file}`);
    expect(run.read()).toContain('Content-Length: 11 added');
    await run.type('');
    const sent = run.read();
    expect(sent).toMatch(/C: Content-Length: 11\n/);
    expect(sent).toContain('S: got: from a file');
  });

  it('a chunked body typed by hand: each chunk-size line, chunk, the last chunk and the trailer explained as it goes out', async () => {
    const run = await shell(true);
    await run.type('PUT /echo HTTP/1.1', 'Host: localhost', 'Transfer-Encoding: chunked', '');
    expect(run.read()).toContain('Now type the chunked body');
    expect(await run.type('5', 'hello', '0', 'X-Sum: 1')).toBe('more');
    expect(run.read()).toBe('');
    await run.type('');
    const text = run.read();
    expect(text).toMatch(/C: 5\n +Chunk size \(chunked coding, RFC 9112 7\.1\): 5 in hexadecimal/);
    expect(text).toMatch(/C: hello\n +The body: 5 bytes/);
    expect(text).toMatch(/C: 0\n +The last chunk, of size 0/);
    expect(text).toMatch(/C: X-Sum: 1\n +Trailer field X-Sum/);
    expect(text).toMatch(/C: \n +The empty line after the last chunk/);
    expect(text).toContain('S: got: hello');
  });

  it('Expect: 100-continue: the head alone, 100 Continue, then the body and the final response', async () => {
    const run = await shell(true);
    await run.type('POST /echo HTTP/1.1', 'Host: localhost', 'Expect: 100-continue', 'Content-Length: 2', '');
    const head = run.read();
    expect(head).toMatch(/S: HTTP\/1\.1 100 Continue\n +100 Continue: /);
    expect(head).not.toContain('S: got');
    await run.type('ok');
    expect(run.read()).toContain('S: got: ok');
  });

  it('summarises a body that is not text, and says what it cannot show', async () => {
    const run = await shell(false);
    await run.type('GET /image HTTP/1.1', 'Host: localhost', '');
    expect(run.read()).toMatch(/S: \(7 bytes of image\/png, not shown\)\n +The body: 7 bytes/);
  });

  it('without Host: the 400 explained with the reason the lab gives, then the close', async () => {
    const run = await shell(true);
    expect(await run.type('GET / HTTP/1.1', '')).toBe('closed');
    const text = run.read();
    expect(text).toMatch(/S: HTTP\/1\.1 400 Bad Request\n +400 Bad Request: [^\n]*\n?[^\n]* The request has no Host field/);
    expect(text).toContain('The server closed the connection.');
  });

  it(':state and :explain work in the middle of a request', async () => {
    const run = await shell(true);
    await run.type('GET / HTTP/1.1', ':state');
    const state = run.read();
    expect(state).toMatch(/session state: headers {2}RFC 9112 5/);
    expect(state).toContain('now: field lines (Name: value; Tab completes the names)');
    await run.type(':explain Content-Length');
    expect(run.read()).toMatch(/HTTP header field Content-Length +RFC 9110 8\.6/);
    await run.type('Host: localhost', '');
    expect(run.read()).toContain('S: HTTP/1.1 200 OK');
  });
});

describe('runPractice http without a terminal', () => {
  async function practice(lines: string[], opts: Record<string, unknown>): Promise<string> {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    const env = { ...process.env, XDG_STATE_HOME: tempDir() };
    await runPractice('http', { lang: 'en', ...opts }, { input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive: false, env });
    return plain(chunks.join(''));
  }

  it('--connect to a server that is not the lab: its response explained from the text alone, no state', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.end('from node:http\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const text = await practice(['GET / HTTP/1.1', 'Host: localhost', 'Connection: close', ''], { connect: `127.0.0.1:${port}` });
    expect(text).toMatch(/^HTTP at 127\.0\.0\.1:\d+\. This server is not the lab/);
    expect(text).toMatch(/S: HTTP\/1\.1 200 OK\n +200 OK/);
    expect(text).toMatch(/S: Content-Length: 15\n +Content-Length: /);
    expect(text).toMatch(/S: from node:http\n +The body: 15 bytes/);
    expect(text).not.toContain('session state:');
    expect(text).toContain('The server closed the connection.');
  });

  it('--tls: HTTPS from the first byte, the handshake shown, every line marked [TLS]', async () => {
    const tls = await makeTlsFixture(tempDir());
    const lab = await startLab({ protocols: ['http'], tls: { ...tls.pair, implicitPorts: { http: 0 } } });
    labs.push(lab);
    const port = (lab.tlsEndpoints.http as { port: number }).port;
    const text = await practice(['GET / HTTP/1.1', 'Host: localhost', ''], { connect: `127.0.0.1:${port}`, tls: true, insecure: true });
    expect(text).toMatch(/== TLS: TLSv1\.[23]/);
    expect(text).toContain('Every line from here on is encrypted on the wire.');
    expect(text).not.toContain('asks again');
    expect(text).toMatch(/C: \[TLS\] GET \/ HTTP\/1\.1/);
    expect(text).toMatch(/S: \[TLS\] HTTP\/1\.1 200 OK/);
  });

  it('--connect to a server that speaks something else: one clear line, not a hang', async () => {
    const lab = await startLab({ protocols: ['smtp'] });
    labs.push(lab);
    const port = (lab.endpoints.smtp as { port: number }).port;
    const text = await practice(['GET / HTTP/1.1', 'Host: localhost', ''], { connect: `127.0.0.1:${port}` });
    expect(text).toMatch(/not an HTTP response: not an HTTP status line: "220 /);
  });

  it('--starttls is refused for HTTP, which has none', async () => {
    await expect(practice([], { starttls: true })).rejects.toMatchObject({ exitCode: 2, message: 'HTTP has no STARTTLS: HTTPS is TLS from the first byte on its own port, so use --tls' });
  });
});
