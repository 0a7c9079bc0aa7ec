import { describe, expect, it } from 'vitest';
import { HTTP_KNOWLEDGE } from '../../../src/protocols/http/knowledge/index.js';
import { bodyText, closesAfter, responseLines, SHOWN_BODY_LINES, typedChunkedLines } from '../../../src/practice/http-view.js';
import { HttpResponseReader, type HttpWireResponse } from '../../../src/wire/http-response.js';

/** How a response and a typed chunked body are shown: part by part, explained, bodies cut or summarised. */
function response(wire: string, method = 'GET'): HttpWireResponse {
  const reader = new HttpResponseReader();
  reader.push(Buffer.from(wire));
  const r = reader.next(method);
  if (!r) throw new Error('incomplete');
  return r;
}

describe('http-view', () => {
  it('explains the status line with the reason the lab gives, and each part with its own key', () => {
    const r = response('HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\nno');
    const lines = responseLines(r, HTTP_KNOWLEDGE, 'en', { key: 'status', params: { code: 400, reason: 'no-host' } });
    expect(lines.map((l) => l.text)).toEqual(['HTTP/1.1 400 Bad Request', 'Content-Length: 2', '', 'no']);
    expect(lines[0]?.explanation).toMatch(/^400 Bad Request: .* no Host field/);
    expect(lines[1]?.explanation).toMatch(/^Content-Length: /);
    expect(lines[3]?.explanation).toMatch(/^The body: 2 bytes/);
    expect(lines[0]?.bytes?.toString()).toBe('HTTP/1.1 400 Bad Request\r\n');
  });

  it('says when a line of the response ended in a bare LF', () => {
    const [status] = responseLines(response('HTTP/1.1 204 No Content\n\n'), HTTP_KNOWLEDGE, 'en');
    expect(status?.explanation).toMatch(/bare LF/);
    expect(status?.bytes?.toString()).toBe('HTTP/1.1 204 No Content\n');
  });

  it('cuts a long text body and summarises one that is not text', () => {
    const long = Array.from({ length: SHOWN_BODY_LINES + 5 }, (_, i) => `line ${i}`).join('\n');
    const shown = bodyText(Buffer.from(long), 'text/plain', 'en');
    expect(shown).toHaveLength(SHOWN_BODY_LINES + 1);
    expect(shown[shown.length - 1]).toBe('... (5 more lines)');
    expect(bodyText(Buffer.from([1, 0, 2]), undefined, 'ja')).toEqual(['（? の 3 バイト、表示は省略します）']);
    expect(bodyText(Buffer.from('{"a":1}'), 'application/json', 'en')).toEqual(['{"a":1}']);
  });

  it('knows when the server will close: Connection: close, or HTTP/1.0 without keep-alive', () => {
    expect(closesAfter(response('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'))).toBe(true);
    expect(closesAfter(response('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'))).toBe(false);
    expect(closesAfter(response('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'))).toBe(true);
    expect(closesAfter(response('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'))).toBe(false);
  });

  it('shows a typed chunked body part by part, a chunk spanning typed lines counted by its octets', () => {
    const lines = typedChunkedLines(['8', 'one', 'two', '0', ''], HTTP_KNOWLEDGE, 'en');
    expect(lines.map((l) => [l.text, (l.explanation ?? '').split(' ').slice(0, 3).join(' ')])).toEqual([
      ['8', 'Chunk size (chunked'],
      ['one', 'The body: 8'],
      ['two', ''],
      ['0', 'The last chunk,'],
      ['', 'The empty line'],
    ]);
  });
});
