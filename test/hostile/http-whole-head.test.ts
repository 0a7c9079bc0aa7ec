import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/protocols/http/server.js';
import type { LineServer } from '../../src/protocols/server.js';
import { TranscriptHub, type TranscriptEvent } from '../../src/protocols/transcript.js';
import { testApp, testAppNow } from '../unit/http/fixtures.js';
import { cleanup, Raw } from './helpers.js';

/**
 * When nobody listens to the transcript, the HTTP server reads a head that arrived whole in one
 * call and writes each response as one buffer (protocols/http/whole-head.ts). Every request here,
 * hostile or not, must get the same bytes either way: the same server is asked once with nobody
 * listening and once with a listener (line by line, every line explained).
 */
afterEach(cleanup);

const servers: LineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

const r = (...lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;
const LAST = r('GET / HTTP/1.1', 'Host: a', 'Connection: close');

const CASES: Array<[name: string, bytes: string]> = [
  ['plain GET', r('GET / HTTP/1.1', 'Host: a')],
  ['pipelined', r('GET / HTTP/1.1', 'Host: a') + r('GET /nothing HTTP/1.1', 'Host: a') + r('HEAD /tagged HTTP/1.1', 'Host: a')],
  ['no Host', r('GET / HTTP/1.1', 'Accept: */*')],
  ['two Hosts', r('GET / HTTP/1.1', 'Host: a', 'Host: b')],
  ['Content-Length with Transfer-Encoding', r('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 3', 'Transfer-Encoding: chunked') + '0\r\n\r\n'],
  ['two Content-Lengths', r('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 3', 'Content-Length: 4') + 'abcd'],
  ['obs-fold', r('GET / HTTP/1.1', 'Host: a', 'X-A: 1', ' folded')],
  ['space before the colon', r('GET / HTTP/1.1', 'Host : a')],
  ['bare LF', 'GET / HTTP/1.1\nHost: a\n\n'],
  ['empty line first', `\r\n${r('GET / HTTP/1.1', 'Host: a')}`],
  ['POST with a body', `${r('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 5')}hello`],
  ['chunked POST', `${r('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}5\r\nhello\r\n0\r\n\r\n`],
  ['chunked response', r('GET /chunks HTTP/1.1', 'Host: a')],
  ['HTTP/1.0', r('GET /field HTTP/1.0')],
  ['HTTP/1.0 keep-alive', r('GET / HTTP/1.0', 'Connection: keep-alive')],
  ['Expect: 100-continue', `${r('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 2', 'Expect: 100-continue')}hi`],
  ['unknown expectation', r('GET / HTTP/1.1', 'Host: a', 'Expect: teapot')],
  ['too many fields', r('GET / HTTP/1.1', 'Host: a', ...Array.from({ length: 120 }, (_, i) => `X-F${i}: ${i}`))],
  ['request line too long', r(`GET /${'a'.repeat(9000)} HTTP/1.1`, 'Host: a')],
  ['unknown method', r('BREW / HTTP/1.1', 'Host: a')],
  ['HTTP/2.0', r('GET / HTTP/2.0', 'Host: a')],
  ['bad target', r('GET /a b HTTP/1.1', 'Host: a')],
  ['bad percent-encoding', r('GET /%zz HTTP/1.1', 'Host: a')],
  ['NUL in a value', r('GET / HTTP/1.1', 'Host: a', 'X-A: a\0b')],
  ['If-None-Match', r('GET /tagged HTTP/1.1', 'Host: a', 'If-None-Match: "v1"')],
  ['Range', r('GET /bytes HTTP/1.1', 'Host: a', 'Range: bytes=2-4')],
  ['response splitting', r('GET /split HTTP/1.1', 'Host: a')],
  // What the one-pass reading of a whole head (whole-head.ts) must take or leave exactly as the lines would be.
  ['a lone CR in a value', r('GET /field HTTP/1.1', 'Host: a', 'X-A: a\rb')],
  ['a lone CR ending a value', 'GET /field HTTP/1.1\r\nHost: a\r\nX-A: a\r\r\n\r\n'],
  ['tabs and spaces around a value', r('GET /field HTTP/1.1', 'Host: a', 'X-A:\t a \t', 'x-a: b')],
  ['obs-text in a value', r('GET /field HTTP/1.1', 'Host: a', 'X-A: caf\xe9')],
  ['an empty value', r('GET /field HTTP/1.1', 'Host: a', 'X-A:')],
  ['a field line without a colon', r('GET / HTTP/1.1', 'Host: a', 'X-A')],
  ['a field line starting with a colon', r('GET / HTTP/1.1', 'Host: a', ': a')],
  ['a field name with a non-token character', r('GET / HTTP/1.1', 'Host: a', 'X@A: 1')],
  ['a tab before the colon', r('GET / HTTP/1.1', 'Host\t: a')],
  ['HTTP/1.2 (answered as 1.1)', r('GET /field HTTP/1.2', 'Host: a')],
  ['HTTP/1.1 with a trailing space', r('GET / HTTP/1.1 ', 'Host: a')],
  ['a lower-case method', r('get / HTTP/1.1', 'Host: a')],
  ['a method of token punctuation', r("G!#$%&'*+-.^_`|~T / HTTP/1.1", 'Host: a')],
  ['a DEL in the target', r('GET /a\x7fb HTTP/1.1', 'Host: a')],
  ['obs-text in the target', r('GET /caf\xe9 HTTP/1.1', 'Host: a')],
  ['a query', r('GET /field?x=1&y HTTP/1.1', 'Host: a')],
  ['a percent-encoded path', r('GET /a%2Fb HTTP/1.1', 'Host: a')],
  ['asterisk-form for OPTIONS', r('OPTIONS * HTTP/1.1', 'Host: a')],
  ['absolute-form', r('GET http://other.test/tagged HTTP/1.1', 'Host: a')],
  ['the app throws', r('GET /boom HTTP/1.1', 'Host: a')],
  ['the Host a non-loopback name, then pipelined', r('GET / HTTP/1.1', 'Host: b.example') + r('GET / HTTP/1.1', 'Host: a')],
];

/** What the server answered to `bytes` then a closing request, the Date lines made equal. */
async function answer(port: number, bytes: string): Promise<string> {
  const raw = await Raw.open(port);
  raw.write(bytes + LAST);
  await raw.gone(10_000);
  return raw.text.replace(/^Date: .*$/gm, 'Date: -');
}

describe('HTTP: a head read whole when nobody listens is answered as one read line by line', () => {
  // testAppNow answers without a promise: the session then answers in the same call (HttpApp).
  it.each([
    ['an app answering with a promise', testApp],
    ['an app answering at once', testAppNow],
  ])('gives the same bytes, with and without a listener, for every case: %s', async (_name, app) => {
    const hub = new TranscriptHub();
    const server = createHttpServer({ app: app(), sink: hub.emit });
    servers.push(server);
    const { port } = await server.listen(0, '127.0.0.1');
    for (const [name, bytes] of CASES) {
      const quiet = await answer(port, bytes);
      const events: TranscriptEvent[] = [];
      const stop = hub.add((e) => events.push(e));
      const heard = await answer(port, bytes);
      stop();
      expect(quiet, name).toBe(heard);
      // The listened run was explained line by line: the comparison was with the line-by-line reading.
      expect(events.some((e) => e.event === 'line' && e.direction === 'client'), name).toBe(true);
      expect(quiet, name).toMatch(/^HTTP\/1\.1 \d{3} /);
    }
  }, 120_000);
});
