import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, encodeQuery } from '../../../src/protocols/dns/codec/index.js';
import type { DnsMessage, ResourceRecord } from '../../../src/protocols/dns/types.js';
import { CLASS_IN, RR_TYPES } from '../../../src/protocols/dns/types.js';

const header = { id: 4660, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: false, z: 0, rcode: 0 };
const rr = (name: string, type: number, data: ResourceRecord['data'], ttl = 300): ResourceRecord => ({ name, type, class: CLASS_IN, ttl, data });

function response(records: ResourceRecord[]): DnsMessage {
  return { header, questions: [{ name: 'example.test', type: RR_TYPES.ANY, class: CLASS_IN }], answers: records, authority: [], additional: [] };
}

describe('DNS codec round trips per record type (RFC 1035 3.3, 4.1; RFC 3596; RFC 3597)', () => {
  const cases: Array<[string, ResourceRecord]> = [
    ['A', rr('example.test', RR_TYPES.A, { kind: 'A', address: '192.0.2.1' })],
    ['AAAA', rr('example.test', RR_TYPES.AAAA, { kind: 'AAAA', address: '2001:db8::1' })],
    ['NS', rr('example.test', RR_TYPES.NS, { kind: 'NS', name: 'ns1.example.test' })],
    ['CNAME', rr('www.example.test', RR_TYPES.CNAME, { kind: 'CNAME', name: 'example.test' })],
    ['PTR', rr('1.2.0.192.in-addr.arpa', RR_TYPES.PTR, { kind: 'PTR', name: 'example.test' })],
    ['MX', rr('example.test', RR_TYPES.MX, { kind: 'MX', preference: 10, exchange: 'mx.example.test' })],
    ['TXT', rr('example.test', RR_TYPES.TXT, { kind: 'TXT', strings: ['v=spf1 -all', '日本語'] })],
    ['SOA', rr('example.test', RR_TYPES.SOA, { kind: 'SOA', mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 2026120301, refresh: 3600, retry: 600, expire: 86400, minimum: 60 })],
    ['unknown TYPE65', rr('example.test', 65, { kind: 'raw', bytes: new Uint8Array([0, 1, 0]) })],
  ];
  it.each(cases)('%s', (_name, record) => {
    const message = response([record]);
    expect(decodeMessage(encodeMessage(message)).message).toEqual(message);
  });

  it('encodes a query as dig would and reads it back with EDNS (RFC 6891 6.1.2)', () => {
    const bytes = encodeQuery('example.test', 'MX', { id: 4660, rd: true, edns: true });
    expect(Buffer.from(bytes).toString('hex')).toBe('123401000001000000000001076578616d706c65047465737400000f000100002904d0000000000000');
    const { message } = decodeMessage(bytes);
    expect(message.edns).toEqual({ udpSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, options: [] });
    expect(message.additional).toEqual([]);
  });
});
