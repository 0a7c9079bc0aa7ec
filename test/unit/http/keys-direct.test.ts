import { describe, expect, it } from 'vitest';
import { httpClientKey, httpServerKey } from '../../../src/protocols/http/knowledge/keys.js';
import { renderResponse } from '../../../src/protocols/http/response.js';
import type { HttpResponse } from '../../../src/protocols/http/types.js';
import { NOW, session } from './fixtures.js';

/**
 * The session and the renderer attach keys from what they parsed or wrote, without reading the
 * line again: each must be exactly the key the text alone gives (what the practice shell finds).
 */
const responses: Array<[string, HttpResponse, string | undefined]> = [
  ['200 with fields', { status: 200, headers: { 'Content-Type': 'text/plain', 'X-Many': ['a', 'b'] }, body: 'hi', etag: '"e"', lastModified: NOW, ranges: true }, undefined],
  ['chunked', { status: 200, chunks: ['a', 'bc'], trailers: { 'X-Sum': '1' } }, undefined],
  ['an error with its reason', { status: 400, headers: {}, body: 'bad' }, 'no-host'],
  ['304', { status: 304, headers: { 'Cache-Control': 'no-cache' }, etag: '"e"' }, undefined],
];

describe('knowledge keys written directly', () => {
  it.each(responses)('renderResponse: %s', (_, res, reason) => {
    const r = renderResponse(res, { head: false, close: true, keepAlive10: false, chunkedOk: true, date: NOW, ...(reason ? { reason } : {}) });
    let trailers = false;
    r.out.forEach((item, i) => {
      if (typeof item !== 'string') return;
      if (item === '0') trailers = true;
      const expected = httpServerKey(item, i === 0 ? reason : trailers && item !== '' ? 'trailer' : undefined);
      expect(r.knowledge[i], item).toEqual(expected);
    });
  });

  it('the session: request line (the version as written) and field lines', async () => {
    const s = session();
    for (const line of ['GET http://a/x?y HTTP/1.1', 'Host: a', 'X-Custom-Thing: 1', 'accept: */*']) {
      const step = await s.line(Buffer.from(line));
      expect(step.client?.knowledge, line).toEqual(httpClientKey(line));
    }
  });
});
