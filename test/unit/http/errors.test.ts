import { describe, expect, it } from 'vitest';
import { HTTP_MAX_BODY, HTTP_MAX_FIELDS, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../../src/limits.js';
import { dialog, field, req, responses } from './fixtures.js';

/** [what, request text, status, the reason key, the connection closes] */
type Row = [string, string, number, string | undefined, boolean];

const rows: Row[] = [
  ['no Host in HTTP/1.1 (RFC 9112 3.2)', req('GET / HTTP/1.1'), 400, 'no-host', true],
  ['no Host even in absolute-form (RFC 9112 3.2)', req('GET http://a/ HTTP/1.1'), 400, 'no-host', true],
  ['two Host fields (RFC 9112 3.2)', req('GET / HTTP/1.1', 'Host: a', 'Host: b'), 400, 'two-hosts', true],
  ['a Host that is no host (RFC 9110 7.2)', req('GET / HTTP/1.1', 'Host: a b/c'), 400, 'bad-field', true],
  ['two spaces in the request line (RFC 9112 3)', req('GET  / HTTP/1.1', 'Host: a'), 400, 'bad-request-line', true],
  ['no version (HTTP/0.9 style)', req('GET /'), 400, 'bad-request-line', true],
  ['a target that is no target', req('GET nothing HTTP/1.1', 'Host: a'), 400, 'bad-request-line', true],
  ['HTTP/2.0 on the HTTP/1.1 port (RFC 9110 15.6.6)', req('GET / HTTP/2.0', 'Host: a'), 505, 'version', true],
  ['obs-fold (RFC 9112 5.2)', req('GET / HTTP/1.1', 'Host: a', 'X-Long: one', ' two'), 400, 'obs-fold', true],
  ['whitespace before the colon (RFC 9112 5.1)', req('GET / HTTP/1.1', 'Host : a'), 400, 'space-before-colon', true],
  ['a field line without a colon (RFC 9112 5)', req('GET / HTTP/1.1', 'Host: a', 'nonsense'), 400, 'bad-field', true],
  ['Content-Length with Transfer-Encoding: smuggling (RFC 9112 6.3)', req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 3', 'Transfer-Encoding: chunked'), 400, 'smuggling', true],
  ['Transfer-Encoding in HTTP/1.0 (RFC 9112 6.1)', req('POST /echo HTTP/1.0', 'Transfer-Encoding: chunked'), 400, 'smuggling', true],
  ['two different Content-Length values (RFC 9112 6.3)', req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 3', 'Content-Length: 4'), 400, 'bad-length', true],
  ['a Content-Length that is no number (RFC 9110 8.6)', req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: -1'), 400, 'bad-length', true],
  ['a transfer coding we do not know (RFC 9112 6.1)', req('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: gzip, chunked'), 501, 'unknown-coding', true],
  ['POST without a length (RFC 9110 15.5.12)', req('POST /echo HTTP/1.1', 'Host: a'), 411, 'length-required', true],
  ['PUT without a length', req('PUT /echo HTTP/1.1', 'Host: a'), 411, 'length-required', true],
  ['a body above the limit (RFC 9110 15.5.14)', req('POST /echo HTTP/1.1', 'Host: a', `Content-Length: ${HTTP_MAX_BODY + 1}`), 413, 'body-too-large', true],
  ['an expectation other than 100-continue (RFC 9110 10.1.1)', req('POST /echo HTTP/1.1', 'Host: a', 'Expect: teapot', 'Content-Length: 1'), 417, 'expectation', true],
  ['an unknown method: 501, and the connection goes on (RFC 9110 15.6.2)', req('BREW / HTTP/1.1', 'Host: a'), 501, 'method', false],
  ['methods are case-sensitive (RFC 9110 9.1)', req('get / HTTP/1.1', 'Host: a'), 501, 'method', false],
  ['authority-form is for CONNECT only (RFC 9112 3.2.3)', req('GET a:80 HTTP/1.1', 'Host: a'), 400, 'bad-request-line', false],
];

describe('HTTP session: what the protocol refuses, each with its status and reason', () => {
  it.each(rows)('%s', async (_what, text, status, reason, closes) => {
    const d = dialog();
    const wire = await d.send(text);
    const [r] = responses(wire);
    expect(r?.status).toBe(status);
    expect(d.closed).toBe(closes);
    expect(field(r, 'Connection')).toBe(closes ? 'close' : undefined);
    // The status line's key says why (the shared vocabulary's reasons).
    const statusKey = d.steps.at(-1)?.step.knowledge?.[0];
    expect(statusKey).toEqual({ key: 'status', params: reason ? { code: status, reason } : { code: status } });
  });

  it('the refused line itself is a bad-line with the same reason', async () => {
    const d = dialog();
    await d.send(req('GET / HTTP/1.1', 'Host : a'));
    expect(d.steps.at(-1)?.step.client?.knowledge).toEqual({ key: 'bad-line', params: { reason: 'space-before-colon' } });
  });

  it('the same Content-Length twice is one length, not an error (RFC 9112 6.3)', async () => {
    const d = dialog();
    expect(responses(await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 2', 'Content-Length: 2')}ok`))[0]?.body).toBe('ok');
  });
});

describe('HTTP limits (src/limits.ts)', () => {
  it(`a request line longer than ${HTTP_REQUEST_LINE} octets gets 414 (RFC 9112 3)`, async () => {
    const d = dialog();
    const [r] = responses(await d.send(req(`GET /${'a'.repeat(HTTP_REQUEST_LINE)} HTTP/1.1`, 'Host: a')));
    expect(r?.status).toBe(414);
    expect(d.closed).toBe(true);
  });

  it(`a request line of exactly ${HTTP_REQUEST_LINE} octets with its CRLF is fine`, async () => {
    const line = `GET /${'a'.repeat(HTTP_REQUEST_LINE - 'GET / HTTP/1.1\r\n'.length)} HTTP/1.1`;
    expect(`${line}\r\n`.length).toBe(HTTP_REQUEST_LINE);
    expect(responses(await dialog().send(req(line, 'Host: a')))[0]?.status).toBe(404);
  });

  it(`a header section past ${HTTP_MAX_HEAD} octets gets 431 (RFC 6585 5)`, async () => {
    const d = dialog();
    const big = Array.from({ length: 20 }, (_, i) => `X-F${i}: ${'v'.repeat(4000)}`);
    const [r] = responses(await d.send(req('GET / HTTP/1.1', 'Host: a', ...big)));
    expect(r?.status).toBe(431);
    expect(d.closed).toBe(true);
  });

  it(`more than ${HTTP_MAX_FIELDS} field lines get 431`, async () => {
    const many = Array.from({ length: HTTP_MAX_FIELDS + 1 }, (_, i) => `X-F${i}: v`);
    expect(responses(await dialog().send(req('GET / HTTP/1.1', 'Host: a', ...many)))[0]?.status).toBe(431);
  });

  it('chunks adding up to more than the body limit get 413 before their data is read', async () => {
    const d = dialog();
    const size = (HTTP_MAX_BODY + 1).toString(16);
    const [r] = responses(await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked')}${size}\r\n`));
    expect(r?.status).toBe(413);
    expect(d.closed).toBe(true);
  });
});

describe('HTTP timeouts', () => {
  it('the slow-header deadline gets 408 and closes (RFC 9110 15.5.9)', async () => {
    const d = dialog();
    await d.send('GET / HTTP/1.1\r\nHost: a\r\n');
    const step = d.session.timeout('deadline');
    expect(step.out[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(step.close).toBe(true);
    expect(step.knowledge?.[0]).toEqual({ key: 'status', params: { code: 408, reason: 'timeout' } });
  });

  it('an idle kept-alive connection closes without a word (RFC 9112 9.8)', async () => {
    const d = dialog();
    await d.send(req('GET / HTTP/1.1', 'Host: a'));
    expect(d.session.timeout('idle')).toEqual({ out: [], close: true, closeReason: 'timeout' });
  });

  it('asks the server for the slow-header deadline after each response and drops it once the head is whole', async () => {
    const d = dialog();
    expect((await d.session.greet()).inputDeadlineMs).toBe(1000);
    await d.send(`${req('POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 2')}`);
    expect(d.steps.at(-1)?.step.inputDeadlineMs).toBeNull();
    await d.send('ok');
    expect(d.steps.at(-1)?.step.inputDeadlineMs).toBe(1000);
  });
});
