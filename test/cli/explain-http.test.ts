import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, type Run } from '../support/bin.js';

/** `l7lab explain http ...` as a user runs it: the built bin, in English and Japanese. */
const explain = (...args: string[]): Promise<Run> => runBin(['explain', 'http', ...args], { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' }, 15_000);

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('l7lab explain http', () => {
  it('404: the status, its meaning and RFC section', async () => {
    const r = await explain('404');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^HTTP status 404 +RFC 9110 15\.5\.5\n +meaning +Not Found: /);
  });

  it('Host, in any case, and in Japanese', async () => {
    const r = await explain('host');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HTTP header field Host +RFC 9110 7\.2\n/);
    const ja = await explain('Host', '--lang', 'ja');
    expect(ja.stdout).toMatch(/^HTTP ヘッダーフィールド Host +RFC 9110 7\.2\n +意味 +クライアントが求めるホスト名/);
  });

  it('chunked: the transfer coding, and GET: the method with its syntax', async () => {
    expect((await explain('chunked')).stdout).toMatch(/^HTTP coding chunked +RFC 9112 7\.1\n +meaning +The body is sent in chunks/);
    const get = await explain('GET', '--lang', 'ja');
    expect(get.stdout).toMatch(/^HTTP メソッド GET +RFC 9110 9\.3\.1\n +構文 +GET <request-target> HTTP\/1\.1/);
  });

  it('an unknown term fails with exit 1, naming the nearest', async () => {
    const r = await explain('Contnet-Type');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^l7lab: no method, status, header field, coding or state "Contnet-Type" in HTTP; closest: Content-Type/);
  });
});
