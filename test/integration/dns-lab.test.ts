import { afterEach, describe, expect, it } from 'vitest';
import { encodeQuery } from '../../src/protocols/dns/codec/encode.js';
import { DnsHierarchy, type Binder } from '../../src/protocols/dns/hierarchy.js';
import type { RecursiveEnv } from '../../src/protocols/dns/recursive.js';
import { RCODES } from '../../src/protocols/dns/types.js';
import { startLab, type Lab } from '../../src/lab.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { UdpClient } from '../support/dns-client.js';
import { runProgram } from '../support/programs.js';

const closers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c.close();
});

async function lab(events: TranscriptEvent[] = []): Promise<Lab> {
  const l = await startLab({ protocols: ['dns'], sink: (e) => events.push(e) });
  closers.push(l);
  return l;
}

function client(address: { host: string; port: number }): UdpClient {
  const c = new UdpClient(address);
  closers.push(c);
  return c;
}

describe('the lab DNS hierarchy', () => {
  it('runs root, TLD and zone servers on 127.0.0.2-4 and the resolver on 127.0.0.1, all on one port', async () => {
    const events: TranscriptEvent[] = [];
    const l = await lab(events);
    const dns = l.dns!;
    expect(dns.fallback).toBe(false);
    // One listening event, the resolver's, as every protocol has one port; the hierarchy is a notice.
    expect(events.filter((e) => e.event === 'listening')).toEqual([{ event: 'listening', protocol: 'dns', ...dns.resolver }]);
    expect(events.some((e) => e.event === 'notice' && e.text.includes('a.root.test 127.0.0.2:'))).toBe(true);
    expect(l.endpoints.dns).toEqual(dns.resolver);
    expect(dns.resolver.host).toBe('127.0.0.1');
    expect(dns.servers.map((s) => [s.name, s.address.host])).toEqual([
      ['a.root.test', '127.0.0.2'],
      ['a.tld.test', '127.0.0.3'],
      ['ns.lab.test', '127.0.0.4'],
    ]);
    expect(new Set([dns.resolver.port, ...dns.servers.map((s) => s.address.port)]).size).toBe(1);
    expect(dns.root).toEqual(dns.servers[0]!.address);
  });

  it('walks by hand: root refers to the TLD, the TLD to the zone, the zone answers with AA', async () => {
    const dns = (await lab()).dns!;
    const ask = (i: number) => client(dns.servers[i]!.address).ask(encodeQuery('example.net', 'MX', { id: i, rd: false }));
    expect((await ask(0)).authority[0]).toMatchObject({ name: 'net' });
    expect((await ask(1)).authority[0]).toMatchObject({ name: 'example.net' });
    const answer = await ask(2);
    expect(answer.header.aa).toBe(true);
    expect(answer.answers[0]?.data).toEqual({ kind: 'MX', preference: 10, exchange: 'mail.example.net' });
  });

  it('resolves through its own hierarchy: dig at the lab resolver gets example.net\'s MX, recursion available', async () => {
    const dns = (await lab()).dns!;
    const out = await runProgram('dig', ['@127.0.0.1', '-p', String(dns.resolver.port), 'example.net', 'MX', '+tries=1', '+time=5'], 15_000);
    expect(out.stdout).toContain('status: NOERROR');
    expect(out.stdout).toMatch(/flags: qr rd ra;/);
    expect(out.stdout).toMatch(/example\.net\.\s+\d+\s+IN\s+MX\s+10 mail\.example\.net\./);
  });

  it('stops every server on close: the port can be bound again', async () => {
    const first = await startLab({ protocols: ['dns'] });
    const port = first.dns!.resolver.port;
    await first.close();
    const again = await startLab({ protocols: ['dns'], ports: { dns: port } });
    closers.push(again);
    expect(again.dns!.servers.every((s) => s.address.port === port)).toBe(true);
  });

  it('with the resolver on every address (serve --host 0.0.0.0), the zone servers move to a port of their own', async () => {
    const h = new DnsHierarchy();
    closers.push(h);
    const resolver = await h.listen(0, '0.0.0.0');
    const [root] = h.info.servers;
    expect(root?.address.host).toBe('127.0.0.2');
    expect(root?.address.port).not.toBe(resolver.port);
    const r = await client(root!.address).ask(encodeQuery('', 'NS', { id: 3, rd: false }));
    expect(r.header.aa).toBe(true);
  });
});

describe('where only 127.0.0.1 is loopback (macOS)', () => {
  it('runs every server on 127.0.0.1 at its own port, says so, and routes the resolver by address', async () => {
    // The bind failure macOS gives for 127.0.0.2, injected: this machine has the whole 127/8.
    const bind: Binder = (server, port, host) => {
      if (host !== '127.0.0.1') return Promise.reject(Object.assign(new Error(`bind ${host}`), { code: 'EADDRNOTAVAIL' }));
      return server.listen(port, host);
    };
    const events: TranscriptEvent[] = [];
    let env: RecursiveEnv | null = null;
    const h = new DnsHierarchy({ bind, sink: (e) => events.push(e), recursive: (e) => ((env = e), () => 'drop') });
    closers.push(h);
    await h.listen(0, '127.0.0.1');
    const dns = h.info;
    expect(dns.fallback).toBe(true);
    expect(dns.servers.every((s) => s.address.host === '127.0.0.1')).toBe(true);
    expect(new Set(dns.servers.map((s) => s.address.port)).size).toBe(3);
    expect(events.some((e) => e.event === 'notice' && e.level === 'warn' && e.text.includes('127.0.0.2'))).toBe(true);
    const routed = env as RecursiveEnv | null;
    expect(routed?.rootHints).toEqual([{ host: '127.0.0.2', port: dns.servers[0]!.address.port }]);
    expect(routed?.route({ host: '127.0.0.3', port: 53 })).toEqual(dns.servers[1]!.address);
    expect(routed?.portOf('127.0.0.4')).toBe(dns.servers[2]!.address.port);
    // Nothing outside the lab is ever reached.
    expect(() => routed?.route({ host: '192.0.2.1', port: 53 })).toThrow(/not a lab DNS server/);
    const r = await client(routed!.route({ host: '127.0.0.4', port: 0 })).ask(encodeQuery('lab.test', 'A', { id: 8, rd: false }));
    expect(r.header.rcode).toBe(RCODES.NOERROR);
    expect(r.header.aa).toBe(true);
  });
});

describe('dig against the lab (bind9-dnsutils)', () => {
  it('asks the root over UDP and over TCP and prints the referral', async () => {
    const dns = (await lab()).dns!;
    const base = ['@127.0.0.2', '-p', String(dns.root.port), 'www.example.test', 'A', '+norec', '+tries=1', '+time=5'];
    for (const transport of ['+notcp', '+tcp']) {
      const out = await runProgram('dig', [...base, transport], 15_000);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('status: NOERROR');
      expect(out.stdout).toMatch(/;; AUTHORITY SECTION:\ntest\.\s+300\s+IN\s+NS\s+a\.tld\.test\./);
      expect(out.stdout).toMatch(/a\.tld\.test\.\s+300\s+IN\s+A\s+127\.0\.0\.3/);
      expect(out.stdout).not.toMatch(/flags:[^;]* aa/);
    }
  });

  it('gets NXDOMAIN with the SOA from the zone server, and the MX of example.net', async () => {
    const dns = (await lab()).dns!;
    const at = ['@127.0.0.4', '-p', String(dns.root.port), '+norec', '+tries=1', '+time=5'];
    const nx = await runProgram('dig', [...at, 'missing.example.test', 'A'], 15_000);
    expect(nx.stdout).toContain('status: NXDOMAIN');
    expect(nx.stdout).toMatch(/example\.test\.\s+60\s+IN\s+SOA\s+ns\.example\.test\./);
    const mx = await runProgram('dig', [...at, '+short', 'example.net', 'MX'], 15_000);
    expect(mx.stdout.trim()).toBe('10 mail.example.net.');
  });
});
