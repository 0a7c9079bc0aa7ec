import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../src/protocols/http/types.js';
import { dialog, field, req, responses, testApp } from './fixtures.js';

describe('HTTP session: one request, one response (RFC 9112 2.1)', () => {
  it('GET / with Host gets 200 with Date, Content-Length and the body, and the connection stays open', async () => {
    const d = dialog();
    const wire = await d.send(req('GET / HTTP/1.1', 'Host: localhost'));
    expect(wire).toBe(
      'HTTP/1.1 200 OK\r\nDate: Fri, 02 Jan 2026 03:04:05 GMT\r\nServer: l7lab\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n',
    );
    expect(d.closed).toBe(false);
    expect(d.session.state).toBe('request-line');
  });

  it('walks request-line -> headers -> body in its state', async () => {
    const d = dialog();
    await d.send('POST /echo HTTP/1.1\r\n');
    expect(d.session.state).toBe('headers');
    await d.send('Host: a\r\nContent-Length: 3\r\n\r\n');
    expect(d.session.state).toBe('body');
    expect(responses(await d.send('abc'))[0]?.body).toBe('abc');
    expect(d.session.state).toBe('request-line');
  });

  it('accepts lines ending in a bare LF (RFC 9112 2.2)', async () => {
    const d = dialog();
    expect(responses(await d.send('GET / HTTP/1.1\nHost: a\n\n'))[0]?.status).toBe(200);
  });

  it('ignores an empty line before the request line (RFC 9112 2.2)', async () => {
    const d = dialog();
    expect(responses(await d.send(`\r\n${req('GET / HTTP/1.1', 'Host: a')}`)).map((r) => r.status)).toEqual([200]);
  });

  it('answers pipelined requests in order, each with its own response', async () => {
    const d = dialog();
    const wire = await d.send(req('GET / HTTP/1.1', 'Host: a') + req('GET /nothing HTTP/1.1', 'Host: a') + req('HEAD / HTTP/1.1', 'Host: a'));
    expect(responses(wire).map((r) => r.status)).toEqual([200, 404, 200]);
  });

  it('hands the app the request: method, path decoded, query, headers, host without port, body', async () => {
    const seen: HttpRequest[] = [];
    const d = dialog(testApp(seen));
    await d.send(req('PUT /echo?to=bob%40x&n=2 HTTP/1.1', 'Host: Example.test:8080', 'X-A: 1', 'x-a: 2', 'Content-Length: 2') + 'hi');
    const r = seen[0] as HttpRequest;
    expect([r.method, r.path, r.query.get('to'), r.query.get('n'), r.host, r.version]).toEqual(['PUT', '/echo', 'bob@x', '2', 'example.test', 'HTTP/1.1']);
    expect(r.headers.get('X-A')).toBe('1, 2');
    expect(r.headers.all('x-a')).toEqual(['1', '2']);
    expect(r.body.toString()).toBe('hi');
  });

  it('absolute-form: the path and host come from the target, not the Host field (RFC 9112 3.2.2)', async () => {
    const seen: HttpRequest[] = [];
    await dialog(testApp(seen)).send(req('GET http://other.test/a%20b?q=1 HTTP/1.1', 'Host: localhost'));
    expect([seen[0]?.path, seen[0]?.host, seen[0]?.query.get('q')]).toEqual(['/a b', 'other.test', '1']);
  });

  it('OPTIONS * is answered by the server itself with Allow (RFC 9112 3.2.4); * is for OPTIONS only', async () => {
    const d = dialog();
    const [options, get] = responses(await d.send(req('OPTIONS * HTTP/1.1', 'Host: a') + req('GET * HTTP/1.1', 'Host: a')));
    expect(options?.status).toBe(204);
    expect(field(options, 'Allow')).toBe('GET, HEAD, POST, PUT, DELETE, OPTIONS');
    expect(get?.status).toBe(400);
  });

  it('HEAD gets the fields GET would get and no body (RFC 9110 9.3.2), and the app is asked as for GET', async () => {
    const seen: HttpRequest[] = [];
    const d = dialog(testApp(seen));
    const wire = await d.send(req('HEAD / HTTP/1.1', 'Host: a'));
    expect(wire.endsWith('Content-Length: 6\r\n\r\n')).toBe(true);
    expect(seen[0]?.method).toBe('GET');
  });

  it('404 and 405 with Allow come from the app; the connection stays open', async () => {
    const d = dialog();
    const [missing, notAllowed] = responses(await d.send(req('GET /nope HTTP/1.1', 'Host: a') + req('DELETE /only-get HTTP/1.1', 'Host: a')));
    expect(missing?.status).toBe(404);
    expect([notAllowed?.status, field(notAllowed, 'Allow')]).toEqual([405, 'GET, HEAD']);
    expect(d.closed).toBe(false);
  });

  it('an app that throws gets 500 for that request only (RFC 9110 15.6.1)', async () => {
    const d = dialog();
    expect(responses(await d.send(req('GET /boom HTTP/1.1', 'Host: a') + req('GET / HTTP/1.1', 'Host: a'))).map((r) => r.status)).toEqual([500, 200]);
  });

  it('a CR or LF in an app field value never splits the field (response splitting)', async () => {
    const wire = await dialog().send(req('GET /split HTTP/1.1', 'Host: a'));
    expect(wire).toContain('X-Evil: a  Set-Cookie: stolen=1\r\n');
    expect(wire).not.toMatch(/\r\nSet-Cookie/);
  });
});

describe('HTTP session: persistence (RFC 9112 9.3)', () => {
  it('Connection: close gets Connection: close and the connection closes', async () => {
    const d = dialog();
    const wire = await d.send(req('GET / HTTP/1.1', 'Host: a', 'Connection: close'));
    expect(field(responses(wire)[0], 'Connection')).toBe('close');
    expect(d.closed).toBe(true);
  });

  it('HTTP/1.0 closes unless it asks for keep-alive; with keep-alive it is kept (RFC 9112 C.2.2)', async () => {
    const plain = dialog();
    expect(field(responses(await plain.send(req('GET / HTTP/1.0')))[0], 'Connection')).toBe('close');
    expect(plain.closed).toBe(true);
    const kept = dialog();
    expect(field(responses(await kept.send(req('GET / HTTP/1.0', 'Connection: keep-alive')))[0], 'Connection')).toBe('keep-alive');
    expect(kept.closed).toBe(false);
  });

  it('the response always names HTTP/1.1, the server\'s version (RFC 9110 6.2), also to HTTP/1.2', async () => {
    expect(await dialog().send(req('GET / HTTP/1.2', 'Host: a'))).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});

describe('HTTP session: a long-poll and the client going away', () => {
  it('aborts the app\'s signal when the client is gone', async () => {
    const aborted: string[] = [];
    const d = dialog(testApp([], aborted));
    const answered = d.send(req('GET /wait HTTP/1.1', 'Host: a'));
    await new Promise((r) => setImmediate(r));
    expect(aborted).toEqual([]);
    d.session.clientGone();
    await answered;
    expect(aborted).toEqual(['/wait']);
  });
});
