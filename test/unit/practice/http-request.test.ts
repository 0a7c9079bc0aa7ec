import { describe, expect, it } from 'vitest';
import { HttpRequestCollector, type RequestStep } from '../../../src/practice/http-request.js';

/** Type `lines` one by one; the steps the collector answers, the last one in full. */
function type(c: HttpRequestCollector, lines: readonly string[]): RequestStep[] {
  return lines.map((l) => c.push(l));
}

const body = (step: RequestStep | undefined) => (step?.kind === 'send' ? step.body.toString('utf8') : null);

describe('HttpRequestCollector', () => {
  it('sends nothing before the empty line, then the whole head', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['GET /hello.txt HTTP/1.1', 'Host: localhost', '']);
    expect(steps.slice(0, 2).map((s) => s.kind)).toEqual(['more', 'more']);
    expect(steps[2]).toEqual({ kind: 'send', lines: ['GET /hello.txt HTTP/1.1', 'Host: localhost', ''], body: Buffer.alloc(0), method: 'GET' });
    expect(c.state).toBe('request-line');
  });

  it('ignores empty lines before the request line (RFC 9112 2.2) and follows the states', () => {
    const c = new HttpRequestCollector();
    expect(c.push('')).toEqual({ kind: 'more' });
    expect(c.state).toBe('request-line');
    c.push('head / HTTP/1.1');
    expect(c.state).toBe('headers');
    const [step] = type(c, ['']);
    expect(step).toMatchObject({ kind: 'send', method: 'HEAD' });
  });

  it('a wrong request line still goes out at the empty line, for the server to refuse', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['GET /', '']);
    expect(steps[1]).toMatchObject({ kind: 'send', lines: ['GET /', ''] });
  });

  it('reads a typed body up to Content-Length, each Enter a CRLF inside it', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 12', '', 'hello', 'world']);
    expect(steps[3]).toEqual({ kind: 'more' });
    expect(c.state).toBe('request-line');
    expect(body(steps[5])).toBe('hello\r\nworld');
    expect(steps[5]).toMatchObject({ lines: ['POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 12', ''] });
  });

  it('reads a typed chunked body to the empty line after the last chunk and its trailers (RFC 9112 7.1)', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['PUT /x HTTP/1.1', 'Host: localhost', 'Transfer-Encoding: chunked', '', '5', 'hello', '0', 'Expires: never', '']);
    expect(steps.slice(3, 8).every((s) => s.kind === 'more')).toBe(true);
    expect(body(steps[8])).toBe('5\r\nhello\r\n0\r\nExpires: never\r\n\r\n');
    expect(steps[8]).toMatchObject({ chunkedLines: ['5', 'hello', '0', 'Expires: never', ''] });
  });

  it('does not take a "0" that is chunk data for the last chunk', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['PUT /x HTTP/1.1', 'Host: h', 'Transfer-Encoding: chunked', '', '1', '0', '', '0', '']);
    // `1` then its data `0`: the empty line after it stands where a chunk-size belongs, so nothing ends there.
    expect(steps.slice(4).map((s) => s.kind)).toEqual(['more', 'more', 'more', 'more', 'more']);
    const d = new HttpRequestCollector();
    const done = type(d, ['PUT /x HTTP/1.1', 'Host: h', 'Transfer-Encoding: chunked', '', '1', '0', '0', '']);
    expect(done.slice(4).map((s) => s.kind)).toEqual(['more', 'more', 'more', 'send']);
    expect(body(done[7])).toBe('1\r\n0\r\n0\r\n\r\n');
  });

  it(':body FILE sets Content-Length and sends the file after the empty line', () => {
    const c = new HttpRequestCollector();
    expect(c.attachBody(Buffer.from('x'))).toBeNull();
    type(c, ['POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 99']);
    expect(c.attachBody(Buffer.from('file text\n'))).toBe('Content-Length: 10');
    const [step] = type(c, ['']);
    expect(step).toMatchObject({ kind: 'send', lines: ['POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 10', ''] });
    expect(body(step)).toBe('file text\n');
  });

  it('with Expect: 100-continue sends the head first, then the body', () => {
    const c = new HttpRequestCollector();
    const steps = type(c, ['POST /echo HTTP/1.1', 'Host: localhost', 'Expect: 100-continue', 'Content-Length: 2', '']);
    expect(steps[4]).toEqual({ kind: 'head-first', head: ['POST /echo HTTP/1.1', 'Host: localhost', 'Expect: 100-continue', 'Content-Length: 2', ''], method: 'POST' });
    expect(c.continueBody()).toEqual({ kind: 'more' });
    expect(c.state).toBe('body');
    expect(c.push('ok')).toEqual({ kind: 'send', lines: [], body: Buffer.from('ok'), method: 'POST' });
  });
});
