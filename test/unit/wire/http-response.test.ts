import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldValue, HttpFramingError, HttpResponseReader, type HttpWireResponse } from '../../../src/wire/http-response.js';

/** Responses recorded from node:http on 127.0.0.1 (test/fixtures/http/), and hand-made ones for the rest. */
const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/http/${name}`, import.meta.url));

/** Feed `data` in chunks of `size` bytes, asking for responses to `methods` in turn; `end` closes the connection after. */
function read(data: Buffer, size: number, methods: readonly string[], end = false): HttpWireResponse[] {
  const reader = new HttpResponseReader();
  const out: HttpWireResponse[] = [];
  const drain = () => {
    for (let r = reader.next(methods[out.length] ?? 'GET'); r; r = reader.next(methods[out.length] ?? 'GET')) out.push(r);
  };
  for (let i = 0; i < data.length; i += size) {
    reader.push(data.subarray(i, i + size));
    drain();
  }
  if (end) {
    reader.end();
    drain();
  }
  return out;
}

const SIZES = [1, 2, 3, 7, 64, 4096];
const kinds = (r: HttpWireResponse | undefined) => r?.parts.map((p) => p.kind);

describe('HttpResponseReader', () => {
  it.each(SIZES)('reads a Content-Length body in %i-byte pieces', (size) => {
    const [r, more] = read(fixture('node-length.bin'), size, ['GET']);
    expect(more).toBeUndefined();
    expect(r?.code).toBe(200);
    expect(r?.reason).toBe('OK');
    expect(r?.framing).toBe('length');
    expect(r?.body.toString()).toBe('Hello, world!');
    expect(kinds(r)).toEqual(['status', 'field', 'field', 'field', 'field', 'end-of-head', 'body']);
    expect(fieldValue(r?.fields ?? [], 'content-type')).toBe('text/plain');
  });

  it.each(SIZES)('keeps every chunk-size line, each chunk and the trailer of a chunked body in %i-byte pieces', (size) => {
    const [r] = read(fixture('node-chunked.bin'), size, ['GET']);
    expect(r?.framing).toBe('chunked');
    expect(r?.body.toString()).toBe('Hello, chunked world!');
    expect(kinds(r)?.slice(7)).toEqual(['chunk-size', 'chunk', 'chunk-size', 'chunk', 'chunk-size', 'chunk', 'last-chunk', 'trailer', 'end-of-trailers']);
    const sizes = r?.parts.flatMap((p) => (p.kind === 'chunk-size' ? [[p.text, p.size]] : []));
    expect(sizes).toEqual([
      ['7', 7],
      ['8', 8],
      ['6', 6],
    ]);
    expect(r?.parts.find((p) => p.kind === 'trailer')).toMatchObject({ name: 'Expires', value: 'Wed, 21 Oct 2015 07:28:00 GMT' });
  });

  it('reads 100 Continue as an interim response, then the final one', () => {
    const [interim, final, more] = read(fixture('node-continue.bin'), 5, ['POST', 'POST']);
    expect(interim).toMatchObject({ code: 100, interim: true, framing: 'none' });
    expect(kinds(interim)).toEqual(['status', 'end-of-head']);
    expect(final).toMatchObject({ code: 201, interim: false, framing: 'chunked' });
    expect(final?.body.toString()).toBe('created');
    expect(more).toBeUndefined();
  });

  it('takes 103 Early Hints as interim, and 101 Switching Protocols as the last HTTP message', () => {
    const [hints, ok] = read(Buffer.from('HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'), 4, ['GET', 'GET']);
    expect([hints?.interim, ok?.interim]).toEqual([true, false]);
    const [switched] = read(Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'), 4, ['GET']);
    expect(switched).toMatchObject({ code: 101, interim: false, framing: 'none' });
  });

  it('reads no body after HEAD though Content-Length says 13, so the next response is not swallowed', () => {
    const [head, get] = read(fixture('node-head-pipelined.bin'), 3, ['HEAD', 'GET']);
    expect(head).toMatchObject({ code: 200, framing: 'none' });
    expect(head?.body.length).toBe(0);
    expect(fieldValue(head?.fields ?? [], 'Content-Length')).toBe('13');
    expect(get?.body.toString()).toBe('Hello, world!');
  });

  it('reads no body after 204 and 304', () => {
    const wire = Buffer.from('HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\nHTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    const r = read(wire, 4, ['DELETE', 'GET', 'GET']);
    expect(r.map((x) => [x.code, x.framing, x.body.toString()])).toEqual([
      [204, 'none', ''],
      [304, 'none', ''],
      [200, 'length', 'ok'],
    ]);
  });

  it('reads a body without length until the server closes the connection', () => {
    const wire = Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nline one\r\nline two\r\n');
    expect(read(wire, 8, ['GET'])).toEqual([]);
    const [r] = read(wire, 8, ['GET'], true);
    expect(r).toMatchObject({ code: 200, framing: 'close' });
    expect(r?.body.toString()).toBe('line one\r\nline two\r\n');
  });

  it('marks lines that ended in a bare LF (RFC 9112 2.2) and still reads them', () => {
    const [r] = read(Buffer.from('HTTP/1.1 200 OK\nContent-Length: 2\r\n\nhi'), 1, ['GET']);
    expect(r?.parts.map((p) => ('bareLf' in p ? p.bareLf : null))).toEqual([true, false, true, null]);
    expect(r?.body.toString()).toBe('hi');
  });

  it('waits for the whole body and reports what came so far', () => {
    const reader = new HttpResponseReader();
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(reader.next('GET')).toBeNull();
    expect(reader.partial.map((p) => p.kind)).toEqual(['status', 'field', 'end-of-head']);
    reader.push(Buffer.from('defghij'));
    expect(reader.next('GET')?.body.toString()).toBe('abcdefghij');
  });

  it.each([
    ['a line that is no status line', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['differing Content-Length values', 'HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd'],
    ['a Content-Length that is no number', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['a chunk-size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n'],
  ])('refuses %s', (_, wire) => {
    expect(() => read(Buffer.from(wire), 64, ['GET'])).toThrow(HttpFramingError);
  });

  it('reads a large chunk that arrives in many pieces as one part, byte for byte', () => {
    const data = Buffer.alloc(300_000, 'x');
    data.write('end', data.length - 3);
    const wire = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n0\r\n\r\n')]);
    const [r] = read(wire, 1000, ['GET']);
    const chunks = r?.parts.filter((p) => p.kind === 'chunk') ?? [];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.kind === 'chunk' && chunks[0].bytes.equals(data)).toBe(true);
    expect(r?.body.equals(data)).toBe(true);
  });

  it('accepts chunk extensions and joins repeated field values for a lookup', () => {
    const wire = 'HTTP/1.1 200 OK\r\nVary: Accept\r\nTransfer-Encoding: chunked\r\nVary: Accept-Encoding\r\n\r\n3;name=x\r\nabc\r\n0\r\n\r\n';
    const [r] = read(Buffer.from(wire), 2, ['GET']);
    expect(r?.body.toString()).toBe('abc');
    expect(fieldValue(r?.fields ?? [], 'vary')).toBe('Accept, Accept-Encoding');
  });
});
