import { Dialog, splitLines } from '../../support/dialog.js';
import { HttpSession } from '../../../src/protocols/http/session.js';
import type { HttpApp, HttpRequest, HttpResponse } from '../../../src/protocols/http/types.js';

/** The Date every test session writes (the session never reads the clock). */
export const NOW = new Date('2026-01-02T03:04:05Z');
export const LAST_MODIFIED = new Date('2025-12-01T00:00:00Z');

/** A small app: what each path answers is what the tests below need, and every request is kept. */
export function testApp(seen: HttpRequest[] = [], aborted: string[] = []): HttpApp {
  return async (request, signal): Promise<HttpResponse> => {
    seen.push(request);
    if (request.path === '/wait') {
      // A long-poll: waits until the client goes away.
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted.push(request.path);
      return { status: 204 };
    }
    return answerOf(request);
  };
}

/** testApp answering without a promise (HttpApp may): at once, or throwing at once for /boom; /wait still waits. */
export function testAppNow(seen: HttpRequest[] = []): HttpApp {
  const waiting = testApp(seen);
  return (request, signal) => {
    if (request.path === '/wait') return waiting(request, signal);
    seen.push(request);
    return answerOf(request);
  };
}

function answerOf(request: HttpRequest): HttpResponse {
  switch (request.path) {
    case '/':
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'hello\n' };
    case '/echo':
      return { status: 200, headers: { 'X-Method': request.method }, body: request.body };
    case '/field':
      // The X-A field as read, between brackets: what the server made of its value.
      return { status: 200, body: `[${request.headers.all('x-a').join('][')}] ${request.method} ${request.target} ${request.version}` };
    case '/tagged':
      return { status: 200, body: 'tagged', etag: '"v1"', lastModified: LAST_MODIFIED, headers: { 'Cache-Control': 'no-cache', 'Content-Type': 'text/plain' } };
    case '/bytes':
      return { status: 200, body: '0123456789', ranges: true, etag: '"r1"' };
    case '/chunks':
      return { status: 200, chunks: ['Hello, ', 'chunked ', 'world'], trailers: { 'X-Checksum': 'abc' } };
    case '/split':
      return { status: 200, headers: { 'X-Evil': 'a\r\nSet-Cookie: stolen=1' }, body: '' };
    case '/only-get':
      return request.method === 'GET' ? { status: 200, body: 'ok' } : { status: 405, headers: { Allow: 'GET, HEAD' }, body: '' };
    case '/boom':
      throw new Error('the app failed');
    default:
      return { status: 404, body: 'not found' };
  }
}

export function session(app: HttpApp = testApp(), headerTimeoutMs = 1000): HttpSession {
  return new HttpSession({ id: 'http-1', app, remoteAddress: '127.0.0.1', secure: false, now: () => NOW, headerTimeoutMs });
}

export function dialog(app?: HttpApp): Dialog<HttpSession> {
  return new Dialog(session(app));
}

/** CRLF-joined request text: `req('GET / HTTP/1.1', 'Host: a')` ends with the empty line. */
export function req(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export interface Parsed {
  status: number;
  fields: Array<[string, string]>;
  body: string;
}

/** The responses in wire text, split at each status line (bodies here never contain one). */
export function responses(wire: string): Parsed[] {
  return wire
    .split(/(?=HTTP\/1\.1 \d{3} )/)
    .filter((s) => s !== '')
    .map((part) => {
      const end = part.indexOf('\r\n\r\n');
      const [statusLine, ...fieldLines] = splitLines(part.slice(0, end + 2));
      return {
        status: Number(statusLine?.split(' ')[1]),
        fields: fieldLines.map((l): [string, string] => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        body: part.slice(end + 4),
      };
    });
}

export function field(r: Parsed | undefined, name: string): string | undefined {
  return r?.fields.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}
