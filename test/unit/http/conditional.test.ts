import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/protocols/http/range.js';
import { dialog, field, req, responses } from './fixtures.js';

async function get(path: string, ...fields: string[]) {
  const [r] = responses(await dialog().send(req(`GET ${path} HTTP/1.1`, 'Host: a', ...fields)));
  return r;
}

describe('conditional requests (RFC 9110 13)', () => {
  it('sends ETag and Last-Modified with the 200', async () => {
    const r = await get('/tagged');
    expect([r?.status, field(r, 'ETag'), field(r, 'Last-Modified')]).toEqual([200, '"v1"', 'Mon, 01 Dec 2025 00:00:00 GMT']);
  });

  it.each([
    ['If-None-Match with the same tag', 'If-None-Match: "v1"'],
    ['If-None-Match, weak comparison (RFC 9110 8.8.3.2)', 'If-None-Match: W/"v1"'],
    ['If-None-Match in a list', 'If-None-Match: "x", "v1"'],
    ['If-None-Match: *', 'If-None-Match: *'],
    ['If-Modified-Since the last change', 'If-Modified-Since: Mon, 01 Dec 2025 00:00:00 GMT'],
    ['If-Modified-Since later', 'If-Modified-Since: Tue, 02 Dec 2025 00:00:00 GMT'],
  ])('%s: 304 with the validators and no body (RFC 9110 15.4.5)', async (_what, condition) => {
    const r = await get('/tagged', condition);
    expect([r?.status, field(r, 'ETag'), field(r, 'Cache-Control'), field(r, 'Content-Type'), field(r, 'Content-Length'), r?.body]).toEqual([304, '"v1"', 'no-cache', undefined, undefined, '']);
  });

  it.each([
    ['another tag', 'If-None-Match: "v2"'],
    ['modified since', 'If-Modified-Since: Sun, 30 Nov 2025 00:00:00 GMT'],
    ['an invalid date is ignored', 'If-Modified-Since: yesterday'],
  ])('%s: 200', async (_what, condition) => {
    expect((await get('/tagged', condition))?.status).toBe(200);
  });

  it('If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3)', async () => {
    expect((await get('/tagged', 'If-None-Match: "v2"', 'If-Modified-Since: Tue, 02 Dec 2025 00:00:00 GMT'))?.status).toBe(200);
  });

  it('HEAD gets 304 too; PUT with a matching If-None-Match gets 412 (RFC 9110 13.1.2)', async () => {
    const d = dialog();
    const wire = await d.send(req('HEAD /tagged HTTP/1.1', 'Host: a', 'If-None-Match: "v1"') + req('PUT /tagged HTTP/1.1', 'Host: a', 'If-None-Match: *', 'Content-Length: 0'));
    expect(responses(wire).map((r) => r.status)).toEqual([304, 412]);
  });

  it('If-Match with another tag gets 412 (RFC 9110 13.1.1)', async () => {
    expect((await get('/tagged', 'If-Match: "v2"'))?.status).toBe(412);
    expect((await get('/tagged', 'If-Match: "v1"'))?.status).toBe(200);
  });

  it('an error status is never turned into 304', async () => {
    expect((await get('/nothing', 'If-None-Match: *'))?.status).toBe(404);
  });
});

describe('range requests (RFC 9110 14)', () => {
  it('says Accept-Ranges: bytes when the app allows ranges', async () => {
    expect(field(await get('/bytes'), 'Accept-Ranges')).toBe('bytes');
    expect(field(await get('/'), 'Accept-Ranges')).toBeUndefined();
  });

  it.each([
    ['bytes=2-4', '234', 'bytes 2-4/10'],
    ['bytes=7-', '789', 'bytes 7-9/10'],
    ['bytes=-3', '789', 'bytes 7-9/10'],
    ['bytes=8-100', '89', 'bytes 8-9/10'],
  ])('%s: 206 with Content-Range (RFC 9110 15.3.7)', async (range, body, contentRange) => {
    const r = await get('/bytes', `Range: ${range}`);
    expect([r?.status, r?.body, field(r, 'Content-Range'), field(r, 'Content-Length')]).toEqual([206, body, contentRange, String(body.length)]);
  });

  it('a range past the end gets 416 with bytes */length (RFC 9110 15.5.17)', async () => {
    const r = await get('/bytes', 'Range: bytes=10-');
    expect([r?.status, field(r, 'Content-Range')]).toEqual([416, 'bytes */10']);
  });

  it.each([
    ['several ranges (no multipart here)', 'Range: bytes=0-1,4-5'],
    ['another unit', 'Range: lines=1-2'],
    ['a range with last before first', 'Range: bytes=5-2'],
  ])('%s: ignored, 200 whole (RFC 9110 14.2)', async (_what, range) => {
    expect((await get('/bytes', range))?.status).toBe(200);
  });

  it('If-Range with the current tag gets the range, with another the whole (RFC 9110 13.1.5)', async () => {
    expect((await get('/bytes', 'Range: bytes=0-0', 'If-Range: "r1"'))?.status).toBe(206);
    expect((await get('/bytes', 'Range: bytes=0-0', 'If-Range: "old"'))?.status).toBe(200);
  });

  it('only on a resource that allows it', async () => {
    expect((await get('/', 'Range: bytes=0-1'))?.status).toBe(200);
  });

  it('parseRange by the RFC 9110 14.1.2 examples', () => {
    expect(parseRange('bytes=0-499', 10000)).toEqual([0, 499]);
    expect(parseRange('bytes=9500-', 10000)).toEqual([9500, 9999]);
    expect(parseRange('bytes=-500', 10000)).toEqual([9500, 9999]);
    expect(parseRange('bytes=-0', 10000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-', 10000)).toBeNull();
  });
});
