import fc from 'fast-check';
import type { DnsHeader, DnsMessage, EdnsOpt, RData, ResourceRecord } from '../../../src/protocols/dns/types.js';
import { CLASS_IN, RR_TYPES } from '../../../src/protocols/dns/types.js';
import { canonicalIpv6 } from './dns-packet-shape.js';

/** fast-check generators of DnsMessages both codecs can carry: LDH names, class IN, DO the only EDNS flag. */

const ldh = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,14}[a-zA-Z0-9])?$/);
/** Labels often repeat, so that compression pointers (RFC 1035 4.1.4) are exercised. */
const label = fc.oneof(fc.constantFrom('example', 'test', 'mx', 'ns1', 'www', 'Example', 'lab'), ldh);
export const nameArb = fc.array(label, { maxLength: 4 }).map((labels) => labels.join('.'));

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const ipv6 = fc.array(fc.oneof(fc.constant(0), u16), { minLength: 8, maxLength: 8 }).map((g) => canonicalIpv6(g.map((x) => x.toString(16)).join(':')));
const text = fc.string({ unit: 'grapheme', maxLength: 40 });

/** Types dns-packet reads as bytes (its 'UNKNOWN_n'), so both sides agree on raw RDATA (RFC 3597). */
export const RAW_TYPES = [64, 65, 256, 1000, 65280];

const rdata: fc.Arbitrary<[number, RData]> = fc.oneof(
  ipv4.map((address): [number, RData] => [RR_TYPES.A, { kind: 'A', address }]),
  ipv6.map((address): [number, RData] => [RR_TYPES.AAAA, { kind: 'AAAA', address }]),
  nameArb.map((name): [number, RData] => [RR_TYPES.NS, { kind: 'NS', name }]),
  nameArb.map((name): [number, RData] => [RR_TYPES.CNAME, { kind: 'CNAME', name }]),
  nameArb.map((name): [number, RData] => [RR_TYPES.PTR, { kind: 'PTR', name }]),
  fc.tuple(u16, nameArb).map(([preference, exchange]): [number, RData] => [RR_TYPES.MX, { kind: 'MX', preference, exchange }]),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((strings): [number, RData] => [RR_TYPES.TXT, { kind: 'TXT', strings }]),
  fc.tuple(nameArb, nameArb, u32, u32, u32, u32, u32).map(([mname, rname, serial, refresh, retry, expire, minimum]): [number, RData] =>
    [RR_TYPES.SOA, { kind: 'SOA', mname, rname, serial, refresh, retry, expire, minimum }]),
  fc.tuple(fc.constantFrom(...RAW_TYPES), fc.uint8Array({ minLength: 1, maxLength: 20 })).map(([type, bytes]): [number, RData] => [type, { kind: 'raw', bytes }]),
);

export const recordArb: fc.Arbitrary<ResourceRecord> = fc.tuple(nameArb, fc.integer({ min: 0, max: 0x7fffffff }), rdata)
  .map(([name, ttl, [type, data]]) => ({ name, type, class: CLASS_IN, ttl, data }));

const headerArb: fc.Arbitrary<DnsHeader> = fc.record({
  id: u16, qr: fc.boolean(), opcode: fc.constantFrom(0, 1, 2, 4, 5), aa: fc.boolean(), tc: fc.boolean(), rd: fc.boolean(),
  ra: fc.boolean(), z: fc.nat(7), rcode: fc.nat(15),
});

const ednsArb: fc.Arbitrary<EdnsOpt> = fc.record({
  udpSize: fc.integer({ min: 512, max: 0xffff }), extendedRcode: fc.nat(255), version: fc.nat(255), dnssecOk: fc.boolean(),
  options: fc.array(fc.record({ code: fc.integer({ min: 65001, max: 65534 }), data: fc.uint8Array({ maxLength: 12 }) }), { maxLength: 2 }),
});

export const messageArb: fc.Arbitrary<DnsMessage> = fc.record({
  header: headerArb,
  questions: fc.array(fc.record({ name: nameArb, type: fc.constantFrom(...Object.values(RR_TYPES).filter((t) => t !== RR_TYPES.OPT)), class: fc.constant(CLASS_IN) }), { maxLength: 2 }),
  answers: fc.array(recordArb, { maxLength: 4 }),
  authority: fc.array(recordArb, { maxLength: 2 }),
  additional: fc.array(recordArb, { maxLength: 2 }),
  edns: fc.option(ednsArb, { nil: undefined }),
}).map((m) => {
  if (m.edns === undefined) delete m.edns;
  return m;
});
