import { describe, expect, it } from 'vitest';
import { dialog, field, req, responses } from './fixtures.js';

describe('request bodies (RFC 9112 6)', () => {
  it('reads a Content-Length body exactly, and the next request right behind it', async () => {
    const d = dialog();
    const wire = await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 5')}a\r\nbc${req('GET / HTTP/1.1', 'Host: a')}`);
    const [echo, next] = responses(wire);
    expect(echo?.body).toBe('a\r\nbc');
    expect(next?.status).toBe(200);
  });

  it('de-chunks a chunked body, with extensions and trailers (RFC 9112 7.1), bytes split anywhere', async () => {
    const d = dialog();
    const body = '4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Sum: 1\r\n\r\n';
    const wire = await d.send(`${req('PUT /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}${body}`, 3);
    expect(responses(wire)[0]?.body).toBe('Wikipedia in\r\n\r\nchunks.');
  });

  it('marks chunk sizes, chunk data and trailers L6 with their keys in the transcript', async () => {
    const d = dialog();
    await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n`);
    const notes = d.steps.map((s) => s.step.client).filter((n) => !n?.silent).slice(-5);
    expect(notes.map((n) => [n?.knowledge, n?.layer])).toEqual([
      [{ key: 'chunk-size', params: { size: 3 } }, 'L6'],
      [{ key: 'body', params: { bytes: 3 } }, 'L6'],
      [{ key: 'last-chunk' }, 'L6'],
      [{ key: 'trailer', params: { name: 'x-sum' } }, 'L6'],
      [{ key: 'end-of-head' }, 'L6'],
    ]);
  });

  it('reads large bodies in pieces, yet hands the app the whole and shows one body event', async () => {
    const d = dialog();
    const big = 'z'.repeat(200_000);
    const size = big.length.toString(16);
    const wire = await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', `Content-Length: ${big.length}`)}${big}${req('PUT /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}${size}\r\n${big}\r\n0\r\n\r\n`);
    expect(responses(wire).map((r) => r.body.length)).toEqual([big.length, big.length]);
    const shown = d.steps.map((s) => s.step.client).filter((n) => n?.knowledge?.key === 'body');
    expect(shown.map((n) => n?.text)).toEqual([`[body: ${big.length} octets]`, `[chunk: ${big.length} octets]`]);
  });

  it('a chunk whose data does not end in CRLF loses the framing: 400 bad-chunk, closed', async () => {
    const d = dialog();
    const [r] = responses(await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}3\r\nabcd\r\n`));
    expect(r?.status).toBe(400);
    expect(d.closed).toBe(true);
  });

  it('a chunk-size line that is no hex number gets 400 bad-chunk', async () => {
    const d = dialog();
    await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}xyz\r\n`);
    expect(d.steps.at(-1)?.step.knowledge?.[0]).toEqual({ key: 'status', params: { code: 400, reason: 'bad-chunk' } });
  });
});

describe('Expect: 100-continue (RFC 9110 10.1.1)', () => {
  it('sends 100 Continue after the head and before the body, then the final response', async () => {
    const d = dialog();
    const interim = await d.send(req('POST /echo HTTP/1.1', 'Host: a', 'Expect: 100-continue', 'Content-Length: 2'));
    expect(interim).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    const [final] = responses(await d.send('hi'));
    expect([final?.status, final?.body]).toEqual([200, 'hi']);
  });

  it('no 100 Continue without a body to wait for', async () => {
    expect(responses(await dialog().send(req('GET / HTTP/1.1', 'Host: a', 'Expect: 100-continue'))).map((r) => r.status)).toEqual([200]);
  });

  it('an HTTP/1.0 client gets no 100 Continue: it would not understand it', async () => {
    const wire = await dialog().send(`${req('POST /echo HTTP/1.0', 'Expect: 100-continue', 'Content-Length: 2')}hi`);
    expect(responses(wire).map((r) => r.status)).toEqual([200]);
  });
});

describe('response bodies', () => {
  it('sends chunks with their sizes in hex, the last chunk and the trailers (RFC 9112 7.1)', async () => {
    const wire = await dialog().send(req('GET /chunks HTTP/1.1', 'Host: a'));
    expect(wire).toContain('Transfer-Encoding: chunked\r\n');
    expect(wire).not.toContain('Content-Length');
    expect(wire.endsWith('\r\n\r\n7\r\nHello, \r\n8\r\nchunked \r\n5\r\nworld\r\n0\r\nX-Checksum: abc\r\n\r\n')).toBe(true);
  });

  it('tags the chunk lines L6 with their keys', async () => {
    const d = dialog();
    await d.send(req('GET /chunks HTTP/1.1', 'Host: a'));
    const step = d.steps.at(-1)?.step;
    const i = step?.out.indexOf('7') ?? -1;
    expect([step?.knowledge?.[i], step?.layers?.[i]]).toEqual([{ key: 'chunk-size', params: { size: 7 } }, 'L6']);
    expect(step?.knowledge?.[i + 1]).toEqual({ key: 'body', params: { bytes: 7 } });
    expect(step?.out.includes('0')).toBe(true);
    expect(step?.knowledge?.[step.out.indexOf('X-Checksum: abc')]).toEqual({ key: 'trailer', params: { name: 'x-checksum' } });
  });

  it('an HTTP/1.0 client gets the same body with Content-Length instead: it has no chunked coding', async () => {
    const [r] = responses(await dialog().send(req('GET /chunks HTTP/1.0')));
    expect([field(r, 'Content-Length'), field(r, 'Transfer-Encoding'), r?.body]).toEqual(['20', undefined, 'Hello, chunked world']);
  });

  it('204 and 304 carry no Content-Length and no body (RFC 9110 8.6, 6.4.1)', async () => {
    const [r] = responses(await dialog().send(req('OPTIONS * HTTP/1.1', 'Host: a')));
    expect([r?.status, field(r, 'Content-Length'), r?.body]).toEqual([204, undefined, '']);
  });

  it('the app cannot double the framing: its own Content-Length or Connection is dropped', async () => {
    const d = dialog(async () => ({ status: 200, headers: { 'Content-Length': '99', Connection: 'upgrade' }, body: 'ab' }));
    const [r] = responses(await d.send(req('GET / HTTP/1.1', 'Host: a')));
    expect(r?.fields.filter(([n]) => /content-length|connection/i.test(n))).toEqual([['Content-Length', '2']]);
  });
});
