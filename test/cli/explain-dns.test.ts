import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, type Run } from '../support/bin.js';

/** `l7lab explain dns ...` as a user runs it: the built bin, in English and Japanese. */
const explain = (...args: string[]): Promise<Run> => runBin(['explain', 'dns', ...args], { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' }, 15_000);

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('l7lab explain dns', () => {
  it('NXDOMAIN: the RCODE, its meaning and RFC section', async () => {
    const r = await explain('NXDOMAIN');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^DNS RCODE NXDOMAIN +RFC 2308 2\.1\n +meaning +RCODE 3, name error: the name does not exist/);
  });

  it('MX: the record type with its presentation syntax and an example', async () => {
    const r = await explain('mx');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DNS record type MX +RFC 1035 3\.3\.9\n +syntax +<domain> <ttl> IN MX <preference> <exchange>\n/);
    expect(r.stdout).toContain('S: example.net. 300 IN MX 10 mx.example.net.');
  });

  it('AA and TTL, in English and Japanese', async () => {
    expect((await explain('AA')).stdout).toMatch(/^DNS header flag AA +RFC 1035 4\.1\.1\n +meaning +Authoritative Answer/);
    const ja = await explain('TTL', '--lang', 'ja');
    expect(ja.stdout).toMatch(/^DNS 用語 TTL +RFC 1035 3\.2\.1\n +意味 +Time To Live/);
  });

  it('an unknown term fails with exit 1, naming the nearest', async () => {
    const r = await explain('NXDOMIAN');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^l7lab: no record type, RCODE, flag, section or term "NXDOMIAN" in DNS; closest: NXDOMAIN/);
  });
});
