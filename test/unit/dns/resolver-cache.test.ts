import { describe, expect, it } from 'vitest';
import { DnsCache, RANK } from '../../../src/protocols/dns/resolver/cache.js';
import { RCODES, RR_TYPES } from '../../../src/protocols/dns/types.js';
import { rr, soa, world } from './resolver-harness.js';
import { ROOT, SERVERS } from './resolver-zones.js';

describe('resolver cache: positive answers (RFC 1035 7.4, RFC 2181 5.2)', () => {
  it('answers a second lookup from the cache, with no upstream query, the TTL counting down', async () => {
    const w = world(SERVERS, [ROOT]);
    expect((await w.ask('example.test', 'MX')).answers[0]?.ttl).toBe(300);
    w.sent.length = 0;
    w.lines();
    w.clock.advance(100);
    const again = await w.ask('example.test', 'MX');
    expect(w.sent).toEqual([]);
    expect(again.answers[0]).toMatchObject({ ttl: 200, data: { kind: 'MX', exchange: 'mx.example.test' } });
    expect(again.header).toMatchObject({ aa: false, ra: true });
    expect(w.lines()).toEqual([';; cache hit: example.test. MX, 200 s left']);
  });

  it('lets the entry expire after its TTL, then asks the zone\'s servers again, skipping the root (cached referral)', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'MX');
    w.clock.advance(299);
    await w.ask('example.test', 'MX');
    expect(w.sent).toHaveLength(3);
    w.clock.advance(1);
    const fresh = await w.ask('example.test', 'MX');
    expect(fresh.answers[0]?.ttl).toBe(300);
    expect(w.sent.slice(3).map((s) => s.host)).toEqual(['127.0.0.4']);
  });

  it('starts a lookup of another name of a known zone at that zone\'s servers', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'MX');
    await w.ask('mx.example.test', 'A');
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.4']);
    await w.ask('example.net', 'MX');
    // net. is not known: back to the root for it.
    expect(w.sent.slice(4).map((s) => s.host)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
  });

  it('never answers a client from glue or a referral: it asks the zone\'s server (RFC 2181 5.4.1)', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('example.test', 'MX');
    const glue = await w.ask('ns1.example.test', 'A');
    expect(glue.answers.map((r) => r.data)).toEqual([{ kind: 'A', address: '127.0.0.4' }]);
    const ns = await w.ask('example.test', 'NS');
    expect(ns.answers).toHaveLength(2);
    expect(w.sent.slice(3).map((s) => `${s.host} ${s.name}`)).toEqual(['127.0.0.4 ns1.example.test', '127.0.0.4 example.test']);
  });

  it('passes over a cached delegation whose glue has expired, to the zone above it', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('www.short.test', 'A');
    w.clock.advance(61);
    await w.ask('www.short.test', 'A');
    expect(w.sent.slice(3).map((s) => s.host)).toEqual(['127.0.0.3', '127.0.0.4']);
  });

  it('answers a cached CNAME chain with each record\'s own time left', async () => {
    const w = world(SERVERS, [ROOT]);
    await w.ask('alias.example.test', 'A');
    w.sent.length = 0;
    w.clock.advance(50);
    const reply = await w.ask('alias.example.test', 'A');
    expect(w.sent).toEqual([]);
    expect(reply.answers.map((r) => [r.type, r.ttl])).toEqual([[RR_TYPES.CNAME, 250], [RR_TYPES.A, 550]]);
  });

  it('gives an RRset one TTL, the smallest of its records (RFC 2181 5.2)', () => {
    const now = { t: 0 };
    const cache = new DnsCache(() => now.t, { maxEntries: 10, maxTtl: 86400, maxNegativeTtl: 10800 });
    cache.putRRset([rr('x.test', 100, { kind: 'A', address: '192.0.2.1' }), rr('x.test', 40, { kind: 'A', address: '192.0.2.2' })], RANK.answer);
    expect(cache.getRRset('X.Test', RR_TYPES.A)?.map((r) => r.ttl)).toEqual([40, 40]);
  });

  it('does not let glue replace an authoritative answer (RFC 2181 5.4.1), nor keep TTL 0 (RFC 1035 3.2.1)', () => {
    const cache = new DnsCache(() => 0, { maxEntries: 10, maxTtl: 86400, maxNegativeTtl: 10800 });
    cache.putRRset([rr('ns.test', 300, { kind: 'A', address: '192.0.2.1' })], RANK.answer);
    cache.putRRset([rr('ns.test', 300, { kind: 'A', address: '192.0.2.66' })], RANK.glue);
    expect(cache.addressesOf('ns.test')).toEqual(['192.0.2.1']);
    cache.putRRset([rr('zero.test', 0, { kind: 'A', address: '192.0.2.1' })], RANK.answer);
    expect(cache.getRRset('zero.test', RR_TYPES.A)).toBeUndefined();
  });

  it('drops the least recently used entry first: a hit makes an entry recent again', () => {
    const cache = new DnsCache(() => 0, { maxEntries: 2, maxTtl: 86400, maxNegativeTtl: 10800 });
    const put = (name: string) => cache.putRRset([rr(name, 60, { kind: 'A', address: '192.0.2.1' })], RANK.answer);
    put('a.test');
    put('b.test');
    expect(cache.getRRset('a.test', RR_TYPES.A)).toBeDefined();
    put('c.test');
    expect(['a.test', 'b.test', 'c.test'].map((n) => cache.getRRset(n, RR_TYPES.A) !== undefined)).toEqual([true, false, true]);
  });

  it('keeps at most maxCacheEntries entries, dropping the least recently used; flush() empties it', async () => {
    const w = world(SERVERS, [ROOT], { maxCacheEntries: 4 });
    await w.ask('example.test', 'MX');
    await w.ask('www.example.net', 'A');
    expect(w.resolver.cache.size).toBe(4);
    w.resolver.cache.flush();
    expect(w.resolver.cache.size).toBe(0);
    w.sent.length = 0;
    await w.ask('example.test', 'MX');
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
  });
});

describe('resolver cache: negative answers (RFC 2308)', () => {
  it('caches NXDOMAIN for min(SOA TTL, SOA minimum), answers with the SOA counting down, for every type, then expires', async () => {
    const w = world(SERVERS, [ROOT]);
    const first = await w.ask('nope.example.test', 'A');
    expect(first.header.rcode).toBe(RCODES.NXDOMAIN);
    expect(first.answers).toEqual([]);
    expect(first.authority).toMatchObject([{ name: 'example.test', type: RR_TYPES.SOA, ttl: 60, data: { kind: 'SOA', minimum: 60 } }]);
    w.sent.length = 0;
    w.lines();
    w.clock.advance(20);
    const cached = await w.ask('nope.example.test', 'MX');
    expect(w.sent).toEqual([]);
    expect(cached.header.rcode).toBe(RCODES.NXDOMAIN);
    expect(cached.authority[0]?.ttl).toBe(40);
    expect(w.lines()).toEqual([';; negative cache hit: nope.example.test. MX is NXDOMAIN, 40 s left']);
    w.clock.advance(40);
    expect((await w.ask('nope.example.test', 'A')).header.rcode).toBe(RCODES.NXDOMAIN);
    expect(w.sent.map((s) => s.host)).toEqual(['127.0.0.4']);
  });

  it('caches NODATA for the name and type only, with the SOA, then expires', async () => {
    const w = world(SERVERS, [ROOT]);
    const first = await w.ask('example.test', 'AAAA');
    expect(first.header.rcode).toBe(RCODES.NOERROR);
    expect(first.answers).toEqual([]);
    expect(first.authority.map((r) => [r.type, r.ttl])).toEqual([[RR_TYPES.SOA, 60]]);
    w.clock.advance(59);
    w.lines();
    const cached = await w.ask('example.test', 'AAAA');
    expect(cached.authority[0]?.ttl).toBe(1);
    expect(w.lines()).toEqual([';; negative cache hit: example.test. AAAA is NODATA, 1 s left']);
    expect(w.sent).toHaveLength(3);
    expect((await w.ask('example.test', 'A')).answers).toHaveLength(1);
    expect(w.sent).toHaveLength(4);
    w.clock.advance(1);
    await w.ask('example.test', 'AAAA');
    expect(w.sent).toHaveLength(5);
  });

  it('does not keep a negative answer that came without an SOA (RFC 2308 5)', () => {
    const cache = new DnsCache(() => 0, { maxEntries: 10, maxTtl: 86400, maxNegativeTtl: 10800 });
    cache.putNegative('NXDOMAIN', 'x.test', RR_TYPES.A, rr('x.test', 60, { kind: 'A', address: '192.0.2.1' }));
    expect(cache.getNegative('x.test', RR_TYPES.A)).toBeUndefined();
  });

  it('a positive answer for a name replaces a cached NXDOMAIN for it', () => {
    const cache = new DnsCache(() => 0, { maxEntries: 10, maxTtl: 86400, maxNegativeTtl: 10800 });
    cache.putNegative('NXDOMAIN', 'x.test', RR_TYPES.A, soa('test'));
    expect(cache.getNegative('x.test', RR_TYPES.MX)?.kind).toBe('NXDOMAIN');
    cache.putRRset([rr('x.test', 60, { kind: 'A', address: '192.0.2.1' })], RANK.answer);
    expect(cache.getNegative('x.test', RR_TYPES.MX)).toBeUndefined();
  });
});

describe('resolver: the response to the client (RFC 1035 4.1.1, RFC 6891 7)', () => {
  it('copies RD and the id, sets RA, never AA, and echoes EDNS with its own size', async () => {
    const w = world(SERVERS, [ROOT]);
    const reply = await w.ask('example.test', 'A', { edns: true });
    expect(reply.header).toMatchObject({ id: 0x1234, qr: true, rd: true, ra: true, aa: false });
    expect(reply.edns).toEqual({ udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: true, options: [] });
    expect((await w.ask('example.test', 'A')).edns).toBeUndefined();
  });

  it('answers RD=0 from the cache only: REFUSED before the walk, the cached answer after', async () => {
    const w = world(SERVERS, [ROOT]);
    const miss = await w.ask('example.test', 'A', { rd: false });
    expect(miss.header).toMatchObject({ rcode: RCODES.REFUSED, rd: false });
    expect(w.sent).toEqual([]);
    await w.ask('example.test', 'A');
    w.lines();
    const hit = await w.ask('example.test', 'A', { rd: false });
    expect(hit.answers).toHaveLength(1);
    expect(w.sent).toHaveLength(3);
    expect(w.lines()).toEqual([';; cache hit: example.test. A, 300 s left']);
    await w.ask('nope.example.test', 'A');
    const negative = await w.ask('nope.example.test', 'TXT', { rd: false });
    expect(negative.header.rcode).toBe(RCODES.NXDOMAIN);
    expect(negative.authority[0]?.type).toBe(RR_TYPES.SOA);
  });
});
