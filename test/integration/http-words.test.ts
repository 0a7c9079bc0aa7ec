import { describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/explain/event.js';
import { createHttpServer } from '../../src/protocols/http/server.js';
import type { HttpApp } from '../../src/protocols/http/types.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { WireClient } from '../../src/wire/client.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/**
 * Every line the lab's HTTP server puts in its transcript, for good requests and for each
 * kind of refusal, has words in English and Japanese (the keys are H1's, the words H3's).
 */
const opened = closeAfterEach(100);

const app: HttpApp = async (request) =>
  request.path === '/chunked'
    ? { status: 200, headers: { 'Content-Type': 'text/plain' }, chunks: ['a', 'b'], trailers: { 'X-Done': 'yes' } }
    : { status: 200, headers: { 'Content-Type': 'text/plain' }, body: `got ${request.body.length}` };

/** Each request on a connection of its own: a refused one closes it. */
const REQUESTS: ReadonlyArray<readonly [string, string]> = [
  ['GET', 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['GET', 'GET /chunked HTTP/1.1\nHost: localhost\n\n'],
  ['POST', 'POST /up HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n'],
  ['POST', 'POST /up HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi'],
  ['POST', 'POST /up HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi'],
  ['GET', 'GET / HTTP/1.1\r\n\r\n'],
  ['GET', 'GET /\r\n\r\n'],
  ['GET', 'GET / HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n  folded\r\n\r\n'],
  ['GET', 'GET / HTTP/1.1\r\nHost : localhost\r\n\r\n'],
  ['POST', 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['GET', 'GET / HTTP/2.0\r\nHost: localhost\r\n\r\n'],
  ['BREW', 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['GET', 'GET / HTTP/1.1\r\nHost: localhost\r\nExpect: tea\r\n\r\n'],
];

describe('the words for the HTTP server transcript', () => {
  it('every line event of good and refused requests is described in English and Japanese', async () => {
    const events: LineEvent[] = [];
    const sink = (e: TranscriptEvent) => void (e.event === 'line' && events.push(e));
    const port = await listenLoopback(createHttpServer({ app, sink }), opened);
    for (const [method, wire] of REQUESTS) {
      const { client } = await WireClient.connect({ host: '127.0.0.1', port, protocol: 'http', timeoutMs: 5000 });
      opened.clients.push({ close: () => client.destroy() });
      const [head, body] = wire.split(/(?<=\r?\n\r?\n)/, 2) as [string, string?];
      const lines = head.split(/\r?\n/).slice(0, -1);
      const responses = await client.sendHttp(lines, Buffer.from(body ?? ''), method);
      expect(responses.length, wire).toBeGreaterThan(0);
      client.destroy();
    }
    expect(events.filter((e) => !e.knowledge).map((e) => e.text)).toEqual([]);
    const keyed = events.filter((e) => e.knowledge);
    expect(new Set(keyed.map((e) => e.knowledge?.key))).toEqual(new Set(['request', 'header', 'end-of-head', 'body', 'chunk-size', 'last-chunk', 'trailer', 'status', 'bad-line']));
    for (const e of keyed) {
      const where = `${e.direction} ${JSON.stringify(e.text)} ${JSON.stringify(e.knowledge)}`;
      expect(explainEvent(e, 'en'), where).toMatch(/\w{3,}/);
      expect(explainEvent(e, 'ja'), where).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    // The refusals say why, each its own reason.
    const reasons = new Set(keyed.map((e) => e.knowledge?.params?.reason).filter((r) => r !== undefined));
    expect(reasons.size).toBeGreaterThanOrEqual(6);
  });
});
