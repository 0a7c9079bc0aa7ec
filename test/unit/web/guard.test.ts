import { describe, expect, it } from 'vitest';
import { guard, isLoopbackHost, sameOrigin } from '../../../src/web/guard.js';
import { httpRequest } from '../../support/http-request.js';
import { webLab } from './web-fixtures.js';

const say = { notLoopback: () => 'host', crossOrigin: () => 'origin', noHeader: () => 'header' };

describe('the DNS-rebinding guard: loopback names only', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['inbox.localhost', true],
    ['localhost.', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['::1', true],
    ['evil.example', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.nip.io', false],
    ['128.0.0.1', false],
    ['0.0.0.0', false],
    ['[::2]', false],
    ['', false],
  ])('%s -> %s', (host, ok) => {
    expect(isLoopbackHost(host)).toBe(ok);
  });

  it('answers each host for itself when hosts alternate (the last answer is kept, never reused for another)', () => {
    const hosts = ['127.0.0.1', 'evil.example', 'evil.example', 'localhost', '128.0.0.1', '127.0.0.1', ''];
    expect(hosts.map(isLoopbackHost)).toEqual([true, false, false, true, false, true, false]);
  });

  it('answers 421 with a JSON reason for another Host, whatever the port', async () => {
    const lab = webLab();
    const r = await lab.call({ target: '/api/messages', headers: { Host: 'evil.example:2080' } });
    expect(r.status).toBe(421);
    expect(lab.json(r).error).toMatch(/evil\.example/);
    expect((await lab.call({ target: '/api/messages', headers: { Host: 'localhost:49152' } })).status).toBe(200);
    expect((await lab.call({ target: '/api/messages', headers: { Host: '[::1]:2080' } })).status).toBe(200);
  });

  it('applies to every path, the pages too', async () => {
    const lab = webLab();
    expect((await lab.call({ target: '/', headers: { Host: 'rebind.example' } })).status).toBe(421);
    expect((await lab.call({ target: '/hello.txt', headers: { Host: 'rebind.example' } })).status).toBe(421);
  });
});

describe('the CSRF guard: state-changing requests from the lab’s own origin or with X-L7lab', () => {
  const del = (headers: Record<string, string>) => httpRequest({ method: 'DELETE', target: '/api/messages', headers });

  it('refuses a DELETE with neither Origin nor the custom header', () => {
    expect(guard(del({}), say)?.status).toBe(403);
  });

  it('refuses another origin, even with the custom header', () => {
    expect(guard(del({ Origin: 'https://evil.example' }), say)?.status).toBe(403);
    expect(guard(del({ Origin: 'https://evil.example', 'X-L7lab': '1' }), say)?.status).toBe(403);
    expect(guard(del({ Origin: 'null' }), say)?.status).toBe(403);
    // Same host, other port: another origin (RFC 6454 5).
    expect(guard(del({ Origin: 'http://127.0.0.1:9999' }), say)?.status).toBe(403);
  });

  it('takes the lab’s own origin, or no Origin and X-L7lab: 1', () => {
    expect(guard(del({ Origin: 'http://127.0.0.1:2080' }), say)).toBeNull();
    expect(guard(del({ 'X-L7lab': '1' }), say)).toBeNull();
    expect(guard(del({ 'X-L7lab': '0' }), say)?.status).toBe(403);
  });

  it('lets reads through without either', () => {
    expect(guard(httpRequest({ target: '/api/messages' }), say)).toBeNull();
  });

  it('compares the origin with the scheme and default port', () => {
    expect(sameOrigin(httpRequest({ target: '/', headers: { Host: 'localhost' } }), 'http://localhost')).toBe(true);
    expect(sameOrigin(httpRequest({ target: '/', headers: { Host: 'localhost:443' }, secure: true }), 'https://localhost')).toBe(true);
    expect(sameOrigin(httpRequest({ target: '/', headers: { Host: 'localhost:2443' }, secure: true }), 'http://localhost:2443')).toBe(false);
  });

  it('keeps the mail when refused, deletes it when allowed', async () => {
    const lab = webLab();
    await lab.deliver('a@x', ['bob@example.com'], 'Subject: keep\n\nx\n');
    const refused = await lab.call({ method: 'DELETE', target: '/api/messages', headers: { Origin: 'http://evil.example' } });
    expect(refused.status).toBe(403);
    expect(lab.json(refused).error).toMatch(/CSRF/);
    expect(lab.json(await lab.call('/api/messages')).total).toBe(1);
    const ok = await lab.call({ method: 'DELETE', target: '/api/messages', headers: { 'X-L7lab': '1' } });
    expect(ok.status).toBe(200);
    expect(lab.json(await lab.call('/api/messages')).total).toBe(0);
  });
});
