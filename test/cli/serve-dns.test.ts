import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, SERVE_ANY_PORTS } from '../support/bin.js';
import { serveBin, type Served } from '../support/served.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab serve`'s DNS as a user meets it (issue 17): the resolver and the servers under it in
 * the banner, dig's query and the answer in the live log and in --json-log (explained), the dig
 * line the banner prints, and a DNS port in use named with its holder, like the other ports.
 */
const { children, suiteDir } = scratch('l7lab-serve-dns-');
const home = suiteDir();
const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), LANG: 'C', NO_COLOR: '1', FORCE_COLOR: '', COLUMNS: '80' };

const serve = (args: string[]): Served => serveBin(args, env, children);

const json = (line: string) => JSON.parse(line) as Record<string, unknown>;

function dig(args: string[]): Promise<string> {
  return new Promise((resolve) => execFile('dig', ['+time=3', '+tries=1', ...args], { timeout: 15_000 }, (_err, stdout) => resolve(String(stdout))));
}

describe('serve: DNS', () => {
  it('the banner names the resolver and the root, TLD and zone servers within 80 columns, then the live log shows dig at the zone server', async () => {
    const served = serve([]);
    const lines = [...(await served.until((l) => /^Live transcript below/.test(l)))];
    const text = lines.join('\n');
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    const port = /│ DNS +│ 127\.0\.0\.1 │ (\d+) +│ names: the lab resolver \(recursive\)/.exec(text)?.[1];
    expect(port).toBeDefined();
    expect(text).toMatch(new RegExp(`│ {3}root +│ 127\\.0\\.0\\.2 │ ${port} +│ a\\.root\\.test: the root zone`));
    expect(text).toMatch(new RegExp(`│ {3}auth +│ 127\\.0\\.0\\.4 │ ${port} +│ ns\\.lab\\.test: `));
    expect(text).toContain(`  dig @127.0.0.1 -p ${port} MX example.net`);
    // The hierarchy's notice waits for the banner: nothing is printed above the title.
    expect(lines[0]).toBe('l7lab mail sandbox');

    const answer = await dig(['@127.0.0.4', '-p', String(port), '+norec', 'MX', 'example.net']);
    expect(answer).toMatch(/^example\.net\.\s+\d+\s+IN\s+MX\s+10 mail\.example\.net\.$/m);
    await served.until((l) => /example\.net\. 300 IN MX 10 mail\.example\.net\./.test(l));
    const live = served.lines.slice(lines.length).join('\n');
    expect(live).toMatch(/^dns-ns\.lab\.test-\d+ C: ;example\.net\. IN MX/m);
    expect(live).toMatch(/^dns-ns\.lab\.test-\d+ S: example\.net\. 300 IN MX 10 mail\.example\.net\./m);
  });

  it('--json-log: the endpoints name the resolver as dns; each line of the exchange is an explained DNS event', async () => {
    const served = serve(['--json-log']);
    const endpoints = json((await served.until((l) => json(l).event === 'endpoints')).find((l) => json(l).event === 'endpoints') ?? '{}');
    const { host, port } = endpoints.dns as { host: string; port: number };
    expect(host).toBe('127.0.0.1');
    await dig([`@127.0.0.2`, '-p', String(port), '+norec', 'A', 'www.example.test']);
    const isReferral = (l: string) => json(l).event === 'line' && json(l).protocol === 'dns' && /^test\. \d+ IN NS a\.tld\.test\.$/.test(String(json(l).text));
    await served.until(isReferral);
    const dns = served.lines.map(json).filter((e) => e.event === 'line' && e.protocol === 'dns');
    expect(dns.some((e) => e.direction === 'client' && e.text === ';www.example.test. IN A')).toBe(true);
    const referral = dns.find((e) => e.direction === 'server' && /^test\. \d+ IN NS a\.tld\.test\.$/.test(String(e.text)));
    expect(referral).toMatchObject({ session: expect.stringMatching(/^dns-a\.root\.test-/), state: expect.any(String) });
    // Said in serve's language at the edge: a referral, with its RFC section.
    expect(referral?.explanation).toMatch(/referral.*RFC 1034 4\.3\.2/s);
  });

  it('--dns-port in use (UDP): one line naming DNS and the holder, suggesting port 0, exit 1', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(0, '127.0.0.1', () => r()));
    const port = blocker.address().port;
    try {
      const r = await runBin(['serve', '--memory', ...SERVE_ANY_PORTS, '--dns-port', String(port)], env, 20_000);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`DNS port ${port} on 127.0.0.1 is already in use`);
      expect(r.stderr).toContain(`(pid ${process.pid})`);
      expect(r.stderr).toContain('use --dns-port 0 for any free port');
    } finally {
      blocker.close();
    }
  });
});
