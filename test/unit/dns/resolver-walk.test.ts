import { describe, expect, it } from 'vitest';
import { RCODES, RR_TYPES } from '../../../src/protocols/dns/types.js';
import { world } from './resolver-harness.js';
import { ROOT, SERVERS } from './resolver-zones.js';
import { AUTHORITATIVE_SERVERS, zonesOf } from '../../../src/protocols/dns/zones.js';

const hosts = (w: ReturnType<typeof world>) => w.sent.map((s) => `${s.host} ${s.name} ${s.transport}`);

describe('resolver: the walk from the root (RFC 1034 5.3.3)', () => {
  it('walks root -> test. -> example.test with RD=0, three upstream queries, and answers recursively', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('example.test', 'MX');
    expect(reply.header).toMatchObject({ id: 0x1234, qr: true, aa: false, ra: true, rd: true, rcode: RCODES.NOERROR });
    expect(reply.answers.map((r) => r.data)).toEqual([{ kind: 'MX', preference: 10, exchange: 'mx.example.test' }]);
    expect(hosts(w)).toEqual(['127.0.0.2 example.test udp', '127.0.0.3 example.test udp', '127.0.0.4 example.test udp']);
    expect(w.sent.every((s) => !s.rd)).toBe(true);
  });

  it('puts every step in the transcript: the query to each server, what its reply meant, its records', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'MX');
    const lines = w.lines();
    expect(lines).toEqual([
      ';; cache miss: example.test. MX',
      '? example.test. IN MX @127.0.0.2 (root)',
      ';; opcode: QUERY, status: NOERROR, id: 1, flags: qr',
      'test. 3600 IN NS ns.test.',
      'ns.test. 3600 IN A 127.0.0.3',
      ';; referral to test.: 1 server(s), 1 with glue',
      '? example.test. IN MX @127.0.0.3 (test.)',
      ';; opcode: QUERY, status: NOERROR, id: 2, flags: qr',
      'example.test. 3600 IN NS ns1.example.test.',
      'example.test. 3600 IN NS ns2.example.test.',
      'ns1.example.test. 3600 IN A 127.0.0.4',
      'ns2.example.test. 3600 IN A 127.0.0.5',
      ';; referral to example.test.: 2 server(s), 2 with glue',
      '? example.test. IN MX @127.0.0.4 (example.test.)',
      ';; opcode: QUERY, status: NOERROR, id: 3, flags: qr aa',
      'example.test. 300 IN MX 10 mx.example.test.',
      'mx.example.test. 300 IN A 192.0.2.25',
      ';; cached example.test. MX for 300 s',
    ]);
    const keys = w.events.flatMap((e) => (e.event === 'line' ? [e.knowledge?.key] : []));
    expect(new Set(keys)).toEqual(new Set(['cache-miss', 'upstream-query', 'header', 'rr', 'referral', 'cache-store']));
    const glue = w.events.find((e) => e.event === 'line' && e.text === 'ns.test. 3600 IN A 127.0.0.3');
    expect(glue).toMatchObject({ knowledge: { key: 'rr', params: { section: 'additional', type: 'A', glue: 1 } } });
    const first = w.events.find((e) => e.event === 'line' && e.direction === 'client');
    expect(first).toMatchObject({ protocol: 'dns', session: 'c1.1', port: 40000, state: 'query', knowledge: { key: 'upstream-query', params: { server: ROOT, zone: '', name: 'example.test', type: 'MX', transport: 'udp' } } });
  });

  it('follows a CNAME into another zone and walks again for its target (RFC 1034 3.6.2)', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('alias.example.test', 'A');
    expect(reply.header.rcode).toBe(RCODES.NOERROR);
    expect(reply.answers.map((r) => [r.name, r.data])).toEqual([
      ['alias.example.test', { kind: 'CNAME', name: 'www.example.net' }],
      ['www.example.net', { kind: 'A', address: '192.0.2.80' }],
    ]);
    // Three hops for example.test, three more from the root for example.net (nothing of net. was cached).
    expect(hosts(w)).toEqual([
      '127.0.0.2 alias.example.test udp', '127.0.0.3 alias.example.test udp', '127.0.0.4 alias.example.test udp',
      '127.0.0.2 www.example.net udp', '127.0.0.3 www.example.net udp', '127.0.0.4 www.example.net udp',
    ]);
  });

  it('answers a CNAME whose target is in the same zone from the one reply', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('www.example.test', 'A');
    expect(reply.answers.map((r) => r.type)).toEqual([RR_TYPES.CNAME, RR_TYPES.A]);
    expect(w.sent).toHaveLength(3);
  });

  it('gives SERVFAIL for a CNAME loop, inside one zone and across zones', async () => {
    const w = world(SERVERS, [ROOT]);
    const loop = await w.ask('loop1.example.test', 'A');
    expect([loop.header.rcode, loop.answers]).toEqual([RCODES.SERVFAIL, []]);
    expect(w.lines()).toContain(';; SERVFAIL: cname-loop');
    expect((await w.ask('far.example.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.lines()).toContain(';; SERVFAIL: cname-loop');
  });

  it('gives SERVFAIL when a CNAME chain is longer than the limit, and follows it when it is not', async () => {
    const short = world(SERVERS, [ROOT], { maxCnameChain: 2 });
    expect((await short.ask('c1.example.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    const long = world(SERVERS, [ROOT], { maxCnameChain: 3 });
    const reply = await long.ask('c1.example.test', 'A');
    expect(reply.answers.map((r) => r.name)).toEqual(['c1.example.test', 'c2.example.net', 'c3.example.test', 'example.test']);
  });

  it('reports NXDOMAIN for the end of a chain whose target does not exist (RFC 2308 2.1)', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('gone.example.test', 'A');
    expect(reply.header.rcode).toBe(RCODES.NXDOMAIN);
    expect(reply.answers.map((r) => r.type)).toEqual([RR_TYPES.CNAME]);
    expect(reply.authority[0]).toMatchObject({ name: 'example.net', type: RR_TYPES.SOA, ttl: 60 });
  });

  it('looks up the address of a name server that came without glue, then asks it', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('host.glueless.test', 'A');
    expect(reply.answers.map((r) => r.data)).toEqual([{ kind: 'A', address: '192.0.2.7' }]);
    expect(hosts(w)).toEqual([
      '127.0.0.2 host.glueless.test udp', '127.0.0.3 host.glueless.test udp',
      '127.0.0.2 ns.example.net udp', '127.0.0.3 ns.example.net udp', '127.0.0.4 ns.example.net udp',
      '127.0.0.4 host.glueless.test udp',
    ]);
    expect(w.lines()).toContain(';; no glue for ns.example.net.: looking up its address first');
  });
});

describe('resolver: servers that fail', () => {
  it('moves on to the next server when one does not answer, and says so', async () => {
    const w = world(SERVERS, [ROOT]);
    w.behaviour.set('127.0.0.4', 'timeout');
    const reply = await w.ask('example.test', 'MX');
    expect(reply.header.rcode).toBe(RCODES.NOERROR);
    expect(hosts(w).slice(2)).toEqual(['127.0.0.4 example.test udp', '127.0.0.5 example.test udp']);
    expect(w.lines()).toContain(';; no reply from 127.0.0.4 (timeout): trying the next server');
  });

  it('moves on from a server that answers SERVFAIL (RFC 1034 5.3.3 step 4d)', async () => {
    const w = world(SERVERS, [ROOT]);
    w.behaviour.set('127.0.0.4', 'servfail');
    expect((await w.ask('example.test', 'A')).answers).toHaveLength(1);
    expect(w.lines()).toContain(';; 127.0.0.4 cannot help (rcode-2): trying the next server');
  });

  it('gives SERVFAIL when every server of a zone fails', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('www.dead.test', 'A');
    expect(reply.header).toMatchObject({ rcode: RCODES.SERVFAIL, ra: true });
    expect(hosts(w)).toEqual(['127.0.0.2 www.dead.test udp', '127.0.0.3 www.dead.test udp', '127.0.0.9 www.dead.test udp']);
    expect(w.lines()).toContain(';; SERVFAIL: all-servers-failed');
  });

  it('starts once more from the root when every cached server of a zone fails, then gives up', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'A');
    w.behaviour.set('127.0.0.4', 'timeout');
    w.behaviour.set('127.0.0.5', 'timeout');
    w.sent.length = 0;
    expect((await w.ask('mx.example.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(hosts(w).map((h) => h.split(' ')[0])).toEqual(['127.0.0.4', '127.0.0.5', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']);
  });

  it('does not restart from the root when the servers a fresh referral named fail', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'A');
    w.sent.length = 0;
    expect((await w.ask('www.dead.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.3', '127.0.0.9']);
  });

  it('gives SERVFAIL when the root does not answer at all', async () => {
    const w = world(SERVERS, ['127.0.0.8']);
    expect((await w.ask('example.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.sent).toHaveLength(1);
  });

  it('asks again over TCP when the UDP reply was truncated (RFC 1035 4.2.1, RFC 7766 5)', async () => {
    const w = world(SERVERS, [ROOT]);
    w.behaviour.set('127.0.0.4', 'truncate-udp');
    const reply = await w.ask('example.test', 'MX');
    expect(reply.answers).toHaveLength(1);
    expect(hosts(w).slice(2)).toEqual(['127.0.0.4 example.test udp', '127.0.0.4 example.test tcp']);
    const lines = w.lines();
    const at = lines.indexOf(';; truncated (TC): asking 127.0.0.4 again over TCP');
    expect(lines.slice(at - 2, at + 2)).toEqual([
      '? example.test. IN MX @127.0.0.4 (example.test.)',
      ';; opcode: QUERY, status: NOERROR, id: 3, flags: qr aa tc',
      ';; truncated (TC): asking 127.0.0.4 again over TCP',
      '? example.test. IN MX @127.0.0.4 (example.test.) +tcp',
    ]);
  });

  it('stops after the query budget with SERVFAIL, however many servers are left (RFC 1035 7.1)', async () => {
    const w = world(SERVERS, [ROOT], { maxQueries: 2 });
    expect((await w.ask('example.test', 'MX')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.sent).toHaveLength(2);
    expect(w.lines()).toContain(';; SERVFAIL: too-many-queries');
  });

  it('counts the queries of a glueless lookup against the same budget', async () => {
    expect((await world(SERVERS, [ROOT], { maxQueries: 6 }).ask('host.glueless.test', 'A')).header.rcode).toBe(RCODES.NOERROR);
    const w = world(SERVERS, [ROOT], { maxQueries: 5 });
    expect((await w.ask('host.glueless.test', 'A')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.sent).toHaveLength(5);
  });

  it('stops when the query has taken longer than maxTimeMs on the resolver\'s clock', async () => {
    const w = world(SERVERS, [ROOT], { maxTimeMs: 10_000 });
    for (const host of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) w.behaviour.set(host, 'slow');
    expect((await w.ask('example.test', 'MX')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.2', '127.0.0.3']);
    expect(w.lines()).toContain(';; SERVFAIL: timeout');
  });

  it('stops after the referral budget with SERVFAIL', async () => {
    const w = world(SERVERS, [ROOT], { maxReferrals: 1 });
    expect((await w.ask('example.test', 'MX')).header.rcode).toBe(RCODES.SERVFAIL);
    expect(w.lines()).toContain(';; SERVFAIL: too-many-referrals');
  });
});

describe('resolver: the lab\'s own hierarchy (zones.ts)', () => {
  const lab = (): ReturnType<typeof world> =>
    world(Object.fromEntries(AUTHORITATIVE_SERVERS.map((s) => [s.ip, zonesOf(s)])), [AUTHORITATIVE_SERVERS[0]?.ip ?? '']);

  it('finds example.net\'s MX, the mail-flow lesson\'s lookup: root, then net., then example.net', async () => {
    const w = lab();
    const reply = await w.ask('example.net', 'MX');
    expect(reply.answers.map((r) => r.data)).toEqual([{ kind: 'MX', preference: 10, exchange: 'mail.example.net' }]);
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    await w.ask('mail.example.net', 'A');
    expect(w.sent.map((s) => s.host).slice(3)).toEqual(['127.0.0.4']);
  });

  it('resolves other.test, whose server ns.example.com has no glue in test.', async () => {
    const w = lab();
    const reply = await w.ask('other.test', 'A');
    expect(reply.answers.map((r) => r.data)).toEqual([{ kind: 'A', address: '127.0.0.1' }]);
    expect(w.sent.map((s) => s.name)).toEqual(['other.test', 'other.test', 'ns.example.com', 'ns.example.com', 'ns.example.com', 'other.test']);
  });

  it('finds the PTR of 127.0.0.2: 127.in-addr.arpa is served by ns.lab.test, which arpa. has no glue for', async () => {
    const w = lab();
    const reply = await w.ask('2.0.0.127.in-addr.arpa', 'PTR');
    expect(reply.answers.map((r) => r.data)).toEqual([{ kind: 'PTR', name: 'a.root.test' }]);
    expect(w.sent.map((s) => `${s.host} ${s.name}`)).toEqual([
      '127.0.0.2 2.0.0.127.in-addr.arpa', '127.0.0.3 2.0.0.127.in-addr.arpa',
      '127.0.0.2 ns.lab.test', '127.0.0.3 ns.lab.test', '127.0.0.4 ns.lab.test',
      '127.0.0.4 2.0.0.127.in-addr.arpa',
    ]);
  });

  it('follows shop.example.test into example.com', async () => {
    const w = lab();
    const reply = await w.ask('shop.example.test', 'A');
    expect(reply.answers.map((r) => r.name)).toEqual(['shop.example.test', 'www.example.com', 'example.com']);
  });
});
