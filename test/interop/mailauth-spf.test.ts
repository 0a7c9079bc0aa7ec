import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { labAuthDns } from '../../src/mailauth/lab-dns.js';
import { checkSpf } from '../../src/mailauth/spf.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { fakeDns } from '../unit/mailauth/fake-dns.js';

/** Our SPF and pyspf (Debian python3-spf) give the same result for the same DNS data and the same senders. */
const HELPER = fileURLToPath(new URL('./mailauth-pyspf.py', import.meta.url));
// Debian's interpreter, where python3-spf installs; a pyenv python3 earlier in PATH would not see it.
const PYTHON = '/usr/bin/python3';
const labs: Lab[] = [];
const { tempDir } = scratch('l7lab-spf-', async () => {
  for (const l of labs.splice(0)) await l.close();
});

const chain: Record<string, string[]> = {};
for (let i = 1; i <= 11; i++) chain[`c${i}.example.org`] = [`v=spf1 include:c${i + 1}.example.org -all`];

const ZONE = {
  txt: {
    'example.com': ['v=spf1 mx a:mail-c.example.org ip4:192.0.2.128/28 include:_spf.example.net ~all'],
    '_spf.example.net': ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all'],
    'r.example.com': ['v=spf1 redirect=example.com'],
    'gone.example.com': ['v=spf1 redirect=nothing.example.com'],
    'inc-none.example.com': ['v=spf1 include:nothing.example.com -all'],
    'loop.example.com': ['v=spf1 include:loop2.example.com -all'],
    'loop2.example.com': ['v=spf1 include:loop.example.com -all'],
    'chain.example.org': ['v=spf1 include:c1.example.org -all'],
    ...chain,
    'voids.example.com': ['v=spf1 a:v1.example.com a:v2.example.com a:v3.example.com +all'],
    'two.example.com': ['v=spf1 -all', 'v=spf1 +all'],
    'bad.example.com': ['v=spf1 ip4:192.0.2.300 -all'],
    'unknown.example.com': ['v=spf1 foo=bar ?all'],
    'exists.example.com': ['v=spf1 exists:%{i}.allow.example.com exists:%{l}.users.example.com -all'],
    'mx.example.org': ['v=spf1 a -all'],
    'manymx.example.com': ['v=spf1 mx -all'],
    'txt-only.example.com': ['hello'],
  },
  addr: {
    'mail-a.example.com': ['192.0.2.129'],
    'mail-b.example.com': ['192.0.2.130', '2001:db8:ffff::1'],
    'mail-c.example.org': ['192.0.2.140'],
    '203.0.113.7.allow.example.com': ['127.0.0.2'],
    'carol.users.example.com': ['127.0.0.2'],
    'mx.example.org': ['192.0.2.200'],
    ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`m${i}.example.com`, [`10.0.0.${i}`]])),
  },
  mx: {
    'example.com': ['mail-a.example.com', 'mail-b.example.com'],
    'manymx.example.com': Array.from({ length: 11 }, (_, i) => `m${i}.example.com`),
  },
};

const CASES: Array<[string, string, string]> = [
  ['192.0.2.129', 'alice@example.com', 'h.example.org'],
  ['192.0.2.130', 'alice@example.com', 'h.example.org'],
  ['192.0.2.140', 'alice@example.com', 'h.example.org'],
  ['192.0.2.135', 'alice@example.com', 'h.example.org'],
  ['198.51.100.9', 'alice@example.com', 'h.example.org'],
  ['2001:db8::25', 'alice@example.com', 'h.example.org'],
  ['2001:db9::25', 'alice@example.com', 'h.example.org'],
  ['203.0.113.1', 'alice@example.com', 'h.example.org'],
  ['198.51.100.9', 'alice@r.example.com', 'h.example.org'],
  ['203.0.113.1', 'alice@r.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@gone.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@inc-none.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@loop.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@chain.example.org', 'h.example.org'],
  ['192.0.2.1', 'a@voids.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@two.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@bad.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@unknown.example.com', 'h.example.org'],
  ['203.0.113.7', 'a@exists.example.com', 'h.example.org'],
  ['203.0.113.8', 'carol@exists.example.com', 'h.example.org'],
  ['203.0.113.8', 'dave@exists.example.com', 'h.example.org'],
  ['192.0.2.200', '', 'mx.example.org'],
  ['192.0.2.201', '', 'mx.example.org'],
  ['10.0.0.1', 'a@manymx.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@txt-only.example.com', 'h.example.org'],
  ['192.0.2.1', 'a@nowhere.example.com', 'h.example.org'],
];

async function pyspf(args: string[]): Promise<string[]> {
  const run = await runProgram(PYTHON, [HELPER, ...args], 60_000);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

function file(name: string, value: unknown): string {
  const path = join(tempDir(), name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('SPF interop with pyspf', () => {
  it('the same result for every case over the same DNS data', async () => {
    const theirs = await pyspf(['zone', file('zone.json', ZONE), file('cases.json', CASES)]);
    const dns = fakeDns(ZONE);
    const ours: string[] = [];
    for (const [ip, from, helo] of CASES) ours.push((await checkSpf(ip, from, helo, dns)).result);
    const table = CASES.map((c, i) => `${c[0]} ${c[1] || '<>'}: ours ${ours[i]}, pyspf ${theirs[i]}`);
    expect(ours, table.join('\n')).toEqual(theirs);
    // The table covers every result but temperror.
    expect(new Set(ours)).toEqual(new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror']));
  });

  it('the same results over the lab DNS, pyspf asking the lab resolver through dnspython', async () => {
    const lab = await startLab({ protocols: ['dns'] });
    labs.push(lab);
    const cases: Array<[string, string, string]> = [
      ['127.0.0.1', 'alice@example.com', 'lab.test'],
      ['127.0.0.1', 'bob@example.net', 'lab.test'],
      ['192.0.2.25', 'bob@example.net', 'lab.test'],
      ['127.0.0.1', 'a@example.test', 'lab.test'],
      ['127.0.0.1', 'a@lab.test', 'lab.test'],
    ];
    const theirs = await pyspf(['lab', String(lab.dns!.resolver.port), file('cases.json', cases)]);
    const dns = labAuthDns(lab);
    const ours: string[] = [];
    for (const [ip, from, helo] of cases) ours.push((await checkSpf(ip, from, helo, dns)).result);
    expect(ours).toEqual(['pass', 'fail', 'pass', 'pass', 'none']);
    expect(theirs).toEqual(ours);
  });
});
