import { describe, expect, it } from 'vitest';
import { HTTP_MAX_FIELDS, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../../src/limits.js';
import { wholeHead } from '../../../src/protocols/http/whole-head.js';
import { renderResponse, renderWire } from '../../../src/protocols/http/response.js';
import { HttpSession } from '../../../src/protocols/http/session.js';
import type { HttpResponse } from '../../../src/protocols/http/types.js';
import type { Step } from '../../../src/protocols/session.js';
import { NOW, testApp, testAppNow } from './fixtures.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('wholeHead: a plain head read in one call (RFC 9112 2.1, 3, 5)', () => {
  it('reads the request line and the fields, and says how many octets it used', () => {
    const head = 'GET /a%20b?x=1 HTTP/1.1\r\nHost: Example.test:80\r\nX-A: 1\r\nx-a:  2 \r\n\r\n';
    const got = wholeHead(b(`${head}GET / HTTP/1.1\r\n`));
    expect(got?.used).toBe(head.length);
    expect([got?.line.method, got?.path, got?.query.get('x'), got?.host, got?.line.version]).toEqual(['GET', '/a b', '1', '', 'HTTP/1.1']);
    expect(got?.fields.get('x-a')).toBe('1, 2');
    expect(got?.fields.get('host')).toBe('Example.test:80');
    // The field lines' octets with their CRLFs, as the line-by-line reading counts them against HTTP_MAX_HEAD.
    expect(got?.octets).toBe('Host: Example.test:80\r\nX-A: 1\r\nx-a:  2 \r\n'.length);
  });

  it('takes the host of an absolute-form target', () => {
    expect(wholeHead(b('GET http://other.test/p HTTP/1.1\r\nHost: a\r\n\r\n'))?.host).toBe('other.test');
  });

  const lineByLine: Array<[string, string]> = [
    ['an unfinished head', 'GET / HTTP/1.1\r\nHost: a\r\n'],
    ['a bare LF (RFC 9112 2.2)', 'GET / HTTP/1.1\nHost: a\r\n\r\n'],
    ['an empty line before the request line', '\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['obs-fold (RFC 9112 5.2)', 'GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n'],
    ['whitespace before a colon (RFC 9112 5.1)', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
    ['a bad request line', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a version it does not speak', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n'],
    ['a bad percent-encoding', 'GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a request line over HTTP_REQUEST_LINE', `GET /${'a'.repeat(HTTP_REQUEST_LINE)} HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['more than HTTP_MAX_FIELDS fields', `GET / HTTP/1.1\r\n${'X: 1\r\n'.repeat(HTTP_MAX_FIELDS + 1)}\r\n`],
    ['fields over HTTP_MAX_HEAD', `GET / HTTP/1.1\r\nX: ${'a'.repeat(HTTP_MAX_HEAD)}\r\n\r\n`],
  ];
  for (const [name, text] of lineByLine) {
    it(`leaves ${name} to the line-by-line reading`, () => {
      expect(wholeHead(b(text))).toBeNull();
    });
  }

  it('takes exactly HTTP_MAX_FIELDS fields', () => {
    expect(wholeHead(b(`GET / HTTP/1.1\r\n${'X: 1\r\n'.repeat(HTTP_MAX_FIELDS)}\r\n`))?.fields.size).toBe(HTTP_MAX_FIELDS);
  });
});

describe('HttpSession.takeBlock', () => {
  const make = (heard: boolean) => new HttpSession({ id: 'http-1', app: testApp(), remoteAddress: '127.0.0.1', secure: false, now: () => NOW, heard: () => heard });

  it('takes a whole head only when nobody listens, and answers it with one buffer', async () => {
    const head = b('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(make(true).takeBlock(head)).toBeNull();
    const taken = make(false).takeBlock(head);
    expect(taken?.used).toBe(head.length);
    const step = await taken?.step;
    expect(step?.out).toHaveLength(1);
    const out = step?.out[0];
    const wire = typeof out === 'string' ? out : out?.raw.toString('latin1');
    expect(wire).toBe('HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:05 GMT\r\nServer: l7lab\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n');
  });

  it('answers an app that answered at once in the same call, a 500 when it threw at once', () => {
    const s = new HttpSession({ id: 'http-1', app: testAppNow(), remoteAddress: '127.0.0.1', secure: false, now: () => NOW, heard: () => false });
    const wire = (bytes: string): string => {
      const step = s.takeBlock(b(bytes))?.step;
      expect(step).not.toBeInstanceOf(Promise);
      const out = (step as Step).out[0];
      return typeof out === 'string' ? out : (out?.raw.toString('latin1') ?? '');
    };
    expect(wire('GET / HTTP/1.1\r\nHost: a\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\nhello\n$/);
    expect(wire('GET /boom HTTP/1.1\r\nHost: a\r\n\r\n')).toMatch(/^HTTP\/1\.1 500 /);
    expect(wire('GET /tagged HTTP/1.1\r\nHost: a\r\nIf-None-Match: "v1"\r\n\r\n')).toMatch(/^HTTP\/1\.1 304 /);
  });

  it('takes nothing in the middle of a request', async () => {
    const s = make(false);
    await s.line(b('POST /echo HTTP/1.1'), { crlf: true });
    expect(s.takeBlock(b('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))).toBeNull();
  });
});

describe('renderWire: a response as one buffer, written again while nothing that decides it changed', () => {
  const opts = { head: false, close: false, keepAlive10: false, chunkedOk: true, date: NOW };
  const text = (res: HttpResponse, o = opts): string => renderWire(res, o).raw.toString('latin1');

  it('is what renderResponse writes line by line', () => {
    const res: HttpResponse = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}', etag: '"e"' };
    const lines = renderResponse(res, opts).out.map((item) => (typeof item === 'string' ? `${item}\r\n` : item.raw.toString('latin1')));
    expect(text(res)).toBe(lines.join(''));
  });

  it('follows the second of the Date field, Connection and HEAD for the same response object', () => {
    const res: HttpResponse = { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'hi' };
    const first = text(res);
    expect(text(res)).toBe(first);
    expect(text(res, { ...opts, date: new Date(NOW.getTime() + 1000) })).toContain('Date: Fri, 02 Jan 2026 03:04:06 GMT\r\n');
    expect(text(res, { ...opts, close: true })).toContain('\r\nConnection: close\r\n\r\nhi');
    expect(text(res, { ...opts, head: true }).endsWith('Content-Length: 2\r\n\r\n')).toBe(true);
    expect(text(res)).toBe(first);
  });
});
