import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeQuery, ednsOf } from '../../../src/protocols/dns/codec/index.js';
import { hexRows, hexRowText } from '../../../src/protocols/dns/codec/hex-view.js';
import { inZone, nameKey, nameProblem, normalizeName, presentName, sameName } from '../../../src/protocols/dns/codec/names.js';
import { presentEdns, presentFlags, presentMessage, presentQuestion, presentRecord, presentStatus } from '../../../src/protocols/dns/codec/present.js';
import { className, classNumber, opcodeName, rcodeName, typeName, typeNumber } from '../../../src/protocols/dns/codec/types.js';
import type { ResourceRecord } from '../../../src/protocols/dns/types.js';
import { CLASS_IN, RR_TYPES } from '../../../src/protocols/dns/types.js';

const rr = (type: number, data: ResourceRecord['data'], name = 'example.test'): ResourceRecord => ({ name, type, class: CLASS_IN, ttl: 300, data });
const header = { id: 4660, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: false, z: 0, rcode: 3 };

describe('dig-like presentation (RFC 1035 5.1)', () => {
  it.each<[ResourceRecord, string]>([
    [rr(RR_TYPES.MX, { kind: 'MX', preference: 10, exchange: 'mx.example.test' }), 'example.test. 300 IN MX 10 mx.example.test.'],
    [rr(RR_TYPES.A, { kind: 'A', address: '127.0.0.1' }), 'example.test. 300 IN A 127.0.0.1'],
    [rr(RR_TYPES.AAAA, { kind: 'AAAA', address: '::1' }), 'example.test. 300 IN AAAA ::1'],
    [rr(RR_TYPES.NS, { kind: 'NS', name: '' }, ''), '. 300 IN NS .'],
    [rr(RR_TYPES.CNAME, { kind: 'CNAME', name: 'example.test' }, 'www.example.test'), 'www.example.test. 300 IN CNAME example.test.'],
    [rr(RR_TYPES.TXT, { kind: 'TXT', strings: ['v=spf1 -all', 'say "hi"\\', 'a\tb'] }), 'example.test. 300 IN TXT "v=spf1 -all" "say \\"hi\\"\\\\" "a\\009b"'],
    [rr(RR_TYPES.SOA, { kind: 'SOA', mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }),
      'example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 60'],
    [rr(4242, { kind: 'raw', bytes: new Uint8Array([0, 1, 0xab]) }), 'example.test. 300 IN TYPE4242 \\# 3 0001ab'],
  ])('%#: %s', (record, line) => {
    expect(presentRecord(record)).toBe(line);
  });

  it('presents the header as dig does', () => {
    expect(presentStatus(header)).toBe('opcode: QUERY, status: NXDOMAIN, id: 4660');
    expect(presentFlags(header)).toBe('flags: qr aa rd');
    expect(presentFlags({ ...header, tc: true, ra: true, z: 3 })).toBe('flags: qr aa tc rd ra ad cd');
    expect(presentStatus({ ...header, rcode: 0 }, ednsOf({ extendedRcode: 1 }))).toBe('opcode: QUERY, status: BADVERS, id: 4660');
    expect(presentQuestion({ name: 'example.test', type: RR_TYPES.MX, class: CLASS_IN })).toBe(';example.test. IN MX');
    expect(presentEdns(ednsOf({ dnssecOk: true }))).toBe('EDNS: version: 0, flags: do; udp: 1232');
  });

  it('presents a whole message in dig\'s sections', () => {
    const { message } = decodeMessage(encodeQuery('example.test', 'MX', { id: 4660, rd: true, edns: true }));
    expect(presentMessage(message)).toEqual([
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660',
      ';; flags: rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      '', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232',
      '', ';; QUESTION SECTION:', ';example.test. IN MX',
    ]);
  });
});

describe('hex view rows', () => {
  it('annotates each field with its bytes, within 80 columns', () => {
    const bytes = encodeQuery('example.test', 'MX', { id: 4660, rd: true });
    const rows = hexRows(bytes, decodeMessage(bytes).fields);
    const text = rows.map(hexRowText);
    expect(text.slice(0, 3)).toEqual([
      '0000  12 34                    field id = 4660',
      '0002  01 00                    field flags = qr=0 opcode=QUERY aa=0 tc=0 rd=1',
      '                               ra=0 z=0 rcode=NOERROR',
    ]);
    expect(text).toContain('000c  07 65 78 61 6d 70 6c 65  field qname = example.test.');
    expect(text).toContain('0014  04 74 65 73 74 00');
    expect(text.every((line) => line.length <= 80)).toBe(true);
    expect(rows.map((r) => r.bytes).join(' ').replace(/\s+/g, ' ').trim()).toBe(Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 '));
  });

  it('shows bytes no field covers, after a decode error', () => {
    const bytes = new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c]);
    const rows = hexRows(bytes, []);
    expect(rows.map((r) => r.bytes)).toEqual(['00 01 00 00 00 01 00 00', '00 00 00 00 c0 0c']);
    expect(rows.every((r) => r.key === '')).toBe(true);
  });
});

describe('names and mnemonics', () => {
  it('compares names ignoring ASCII case only (RFC 4343 3)', () => {
    expect(sameName('Example.TEST.', 'example.test')).toBe(true);
    expect(nameKey('ÄB.test')).toBe('Äb.test');
    expect(inZone('www.Example.test', 'example.test')).toBe(true);
    expect(inZone('badexample.test', 'example.test')).toBe(false);
    expect(inZone('anything', '')).toBe(true);
    expect([normalizeName('.'), normalizeName('a.b.'), normalizeName('a\\.')]).toEqual(['', 'a.b', 'a\\.']);
    expect([presentName(''), presentName('a.b')]).toEqual(['.', 'a.b.']);
  });

  it('says why a name cannot go on the wire (RFC 1035 2.3.4)', () => {
    expect(nameProblem('example.test')).toBeNull();
    expect(nameProblem('')).toBeNull();
    expect(nameProblem('a'.repeat(64))).toBe('label-too-long');
    expect(nameProblem(Array(4).fill('a'.repeat(63)).join('.'))).toBe('name-too-long');
    expect(nameProblem('a..b')).toBe('bad-value');
  });

  it('names types, classes, rcodes and opcodes, TYPEn for the unknown (RFC 3597 5)', () => {
    expect([typeName(15), typeName(65), typeName(4242)]).toEqual(['MX', 'HTTPS', 'TYPE4242']);
    expect([typeNumber('mx'), typeNumber('TYPE4242'), typeNumber('TYPE70000'), typeNumber('NOPE')]).toEqual([15, 4242, null, null]);
    expect([className(1), className(3), className(9), classNumber('CLASS9'), classNumber('in')]).toEqual(['IN', 'CH', 'CLASS9', 9, 1]);
    expect([rcodeName(3), rcodeName(16), rcodeName(12)]).toEqual(['NXDOMAIN', 'BADVERS', 'RCODE12']);
    expect([opcodeName(0), opcodeName(5), opcodeName(3)]).toEqual(['QUERY', 'UPDATE', 'OPCODE3']);
  });

  it('keeps label octets that are not text as escapes, both ways (RFC 1035 5.1)', () => {
    const bytes = encodeQuery('a\\.b\\032c\\255.test', 'A', { id: 1, rd: false });
    expect([...bytes.subarray(12, 20)]).toEqual([6, 0x61, 0x2e, 0x62, 0x20, 0x63, 0xff, 4]);
    expect(decodeMessage(bytes).message.questions[0]!.name).toBe('a\\.b\\032c\\255.test');
  });
});
