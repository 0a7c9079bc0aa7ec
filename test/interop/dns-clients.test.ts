import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { createDnsServer, type DnsServer } from '../../src/protocols/dns/server.js';
import { createAuthority } from '../../src/protocols/dns/session.js';
import type { ZoneSpec } from '../../src/protocols/dns/zones.js';
import type { Address } from '../../src/protocols/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { python } from '../support/programs.js';

/**
 * Real DNS clients against the lab DNS on 127.0.0.x (issue 17, "Real clients and peers"): dig
 * (bind9-dnsutils) over UDP and TCP, at the resolver and at the root, with EDNS and DO, and a
 * truncated answer dig retries over TCP by itself; Node's own resolver (c-ares) through
 * `dns.promises.Resolver`; Python's socket API with a query built byte by byte. Each client
 * runs as an async child process (or on the event loop), so the servers keep answering.
 */
let lab: Lab;
let resolver: Address;
let root: Address;
const events: TranscriptEvent[] = [];

/** `dig` with +time/+tries bounded, so a silent server fails the test instead of hanging it. */
function dig(server: Address, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('dig', [`@${server.host}`, '-p', String(server.port), '+time=3', '+tries=1', ...args], { timeout: 20_000, encoding: 'utf8' }, (err, stdout) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout }),
    );
  });
}

/** dig's record line for `owner TYPE rdata`, whatever the TTL and the tabs between. */
const rr = (owner: string, type: string, rdata: string) => new RegExp(`^${owner.replace(/\./g, '\\.')}\\s+\\d+\\s+IN\\s+${type}\\s+${rdata.replace(/\./g, '\\.')}$`, 'm');
/** dig's `;; flags: qr rd ra;` as a list. */
const flagsOf = (stdout: string) => (/^;; flags: ([a-z ]*);/m.exec(stdout)?.[1] ?? '').split(' ').filter(Boolean);

beforeAll(async () => {
  lab = await startLab({ protocols: ['dns'], ports: { dns: 0 }, sink: (e) => events.push(e) });
  resolver = lab.endpoints.dns!;
  root = lab.dns!.root;
});
afterAll(async () => {
  await lab?.close();
});

describe('dig', () => {
  it('asks the resolver over UDP: the MX that mail to example.net follows (RFC 5321 5.1), recursion available', async () => {
    const r = await dig(resolver, ['MX', 'example.net']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('status: NOERROR');
    expect(r.stdout).toMatch(rr('example.net.', 'MX', '10 mail.example.net.'));
    expect(flagsOf(r.stdout)).toEqual(expect.arrayContaining(['qr', 'rd', 'ra']));
    expect(r.stdout).toMatch(/^;; SERVER: 127\.0\.0\.1#\d+\(127\.0\.0\.1\) \(UDP\)$/m);
  });

  it('asks the same over TCP (+tcp, RFC 7766), and gets NXDOMAIN with the SOA for a name that does not exist', async () => {
    const r = await dig(resolver, ['+tcp', 'A', 'mail.example.net']);
    expect(r.stdout).toMatch(rr('mail.example.net.', 'A', '127.0.0.1'));
    expect(r.stdout).toMatch(/\(TCP\)$/m);
    const nx = await dig(resolver, ['A', 'no-such-name.example.test']);
    expect(nx.stdout).toContain('status: NXDOMAIN');
    expect(nx.stdout).toMatch(/^example\.test\.\s+\d+\s+IN\s+SOA\s+/m);
  });

  it('asks the root itself without recursion (+norec): a referral to test., not an answer (RFC 1034 4.3.2)', async () => {
    const r = await dig(root, ['+norec', 'A', 'www.example.test']);
    expect(r.stdout).toContain('status: NOERROR');
    expect(r.stdout).toContain('ANSWER: 0,');
    expect(flagsOf(r.stdout)).not.toContain('aa');
    expect(r.stdout).toMatch(rr('test.', 'NS', 'a.tld.test.'));
    expect(r.stdout).toMatch(rr('a.tld.test.', 'A', '127.0.0.3'));
  });

  it('sends EDNS with DO and a large buffer (+dnssec +bufsize): our OPT comes back with our size and DO copied (RFC 6891 6.2.5, RFC 3225 3)', async () => {
    const r = await dig(resolver, ['+dnssec', '+bufsize=4096', 'TXT', 'example.test']);
    expect(r.stdout).toMatch(/^; EDNS: version: 0, flags: do; udp: 1232$/m);
    expect(r.stdout).toMatch(rr('example.test.', 'TXT', '"v=spf1 ip4:127.0.0.1 -all"'));
    const plain = await dig(resolver, ['+noedns', 'TXT', 'example.test']);
    expect(plain.stdout).not.toContain('OPT PSEUDOSECTION');
  });
});

describe('dig retries a truncated answer over TCP by itself (RFC 1035 4.2.1, RFC 7766 5)', () => {
  // 20 TXT strings of 60 octets: ~1.4 KB, over 512 without EDNS, whole over TCP.
  const strings = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')} ${'x'.repeat(57)}`);
  const zone: ZoneSpec = {
    origin: 'big.test',
    ns: ['ns.big.test'],
    records: [{ name: 'ns.big.test', data: { kind: 'A', address: '127.0.0.1' } }, ...strings.map((s) => ({ name: 'txt.big.test', data: { kind: 'TXT' as const, strings: [s] } }))],
  };
  let server: DnsServer;
  let address: Address;
  const seen: LineEvent[] = [];
  beforeAll(async () => {
    const authority = createAuthority([zone]);
    server = createDnsServer({ handler: (q) => authority.answer(q), sink: (e) => e.event === 'line' && seen.push(e) });
    address = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server?.close());

  it('+noedns: the UDP answer has TC, dig says so and asks again over TCP, and gets all 20 records', async () => {
    const r = await dig(address, ['+norec', '+noedns', 'TXT', 'txt.big.test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(';; Truncated, retrying in TCP mode.');
    expect(r.stdout).toContain('ANSWER: 20,');
    for (const s of strings) expect(r.stdout).toContain(`"${s}"`);
    expect(r.stdout).toMatch(/\(TCP\)$/m);
    expect(flagsOf(r.stdout)).toContain('aa');
    expect(flagsOf(r.stdout)).not.toContain('tc');
  });

  it('+ignore keeps the truncated UDP answer: TC set, fewer records', async () => {
    const r = await dig(address, ['+norec', '+noedns', '+ignore', 'TXT', 'txt.big.test']);
    expect(flagsOf(r.stdout)).toContain('tc');
    const count = Number(/ANSWER: (\d+),/.exec(r.stdout)?.[1]);
    expect(count).toBeLessThan(20);
  });
});

describe("Node's dns.promises.Resolver (c-ares) with setServers(['127.0.0.1:PORT'])", () => {
  const node = () => {
    const r = new Resolver({ timeout: 3000, tries: 1 });
    r.setServers([`${resolver.host}:${resolver.port}`]);
    return r;
  };

  it('resolveMx, resolve4, resolveTxt, resolveCname', async () => {
    const r = node();
    expect(await r.resolveMx('example.net')).toEqual([{ exchange: 'mail.example.net', priority: 10 }]);
    expect(await r.resolve4('mail.example.net')).toEqual(['127.0.0.1']);
    expect(await r.resolveTxt('example.test')).toEqual([['v=spf1 ip4:127.0.0.1 -all']]);
    expect(await r.resolveCname('www.example.test')).toEqual(['example.test']);
    expect((await r.resolveMx('example.test')).sort((a, b) => a.priority - b.priority)).toEqual([
      { exchange: 'mail.example.test', priority: 10 },
      { exchange: 'backup.example.test', priority: 20 },
    ]);
  });

  it('a name that does not exist is ENOTFOUND (NXDOMAIN); a name with no MX is ENODATA (NODATA, RFC 2308 2.2)', async () => {
    await expect(node().resolve4('no-such-name.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(node().resolveMx('nomx.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });
});

describe("Python's socket API with a query built byte by byte (RFC 1035 4.1)", () => {
  const QUERY = `
import socket, struct, sys
host, port, transport = sys.argv[1], int(sys.argv[2]), sys.argv[3]
qname = b''.join(bytes([len(label)]) + label.encode() for label in 'example.net'.split('.')) + b'\\0'
# id 0x1234, flags RD, one question: example.net MX IN
query = struct.pack('>HHHHHH', 0x1234, 0x0100, 1, 0, 0, 0) + qname + struct.pack('>HH', 15, 1)
if transport == 'udp':
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(query, (host, port))
    reply, _ = s.recvfrom(4096)
else:
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(struct.pack('>H', len(query)) + query)
    size = struct.unpack('>H', s.recv(2, socket.MSG_WAITALL))[0]
    reply = s.recv(size, socket.MSG_WAITALL)
rid, flags, qd, an, ns, ar = struct.unpack('>HHHHHH', reply[:12])
print(hex(rid), flags >> 15, (flags >> 8) & 1, (flags >> 7) & 1, flags & 15, qd, an, b'\\x04mail\\x07example\\x03net\\x00' in reply or b'\\x04mail\\xc0' in reply)
`;

  it.each(['udp', 'tcp'])('over %s: id echoed, QR, RD copied, RA, NOERROR, one question, an answer naming mail.example.net', async (transport) => {
    const r = await python(QUERY, [resolver.host, resolver.port, transport]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0x1234 1 1 1 0 1 1 True');
  });
});

describe('the transcript saw the real clients', () => {
  it('every exchange is in the lab transcript as DNS lines, each with a knowledge key', () => {
    const lines = events.filter((e): e is LineEvent => e.event === 'line' && e.protocol === 'dns');
    expect(lines.some((e) => e.direction === 'client')).toBe(true);
    expect(lines.some((e) => e.direction === 'server')).toBe(true);
    expect(lines.every((e) => e.knowledge !== undefined)).toBe(true);
  });
});
