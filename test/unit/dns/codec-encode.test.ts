import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, ednsOf, udpMaxSize } from '../../../src/protocols/dns/codec/index.js';
import type { DnsMessage, ResourceRecord } from '../../../src/protocols/dns/types.js';
import { CLASS_IN, RR_TYPES } from '../../../src/protocols/dns/types.js';

const header = { id: 7, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, z: 0, rcode: 0 };
const txt = (name: string, size: number): ResourceRecord => ({ name, type: RR_TYPES.TXT, class: CLASS_IN, ttl: 60, data: { kind: 'TXT', strings: ['x'.repeat(size)] } });

function message(answers: number, additional: number, edns = false): DnsMessage {
  const m: DnsMessage = {
    header, questions: [{ name: 'big.example.test', type: RR_TYPES.TXT, class: CLASS_IN }],
    answers: Array.from({ length: answers }, () => txt('big.example.test', 100)), authority: [],
    additional: Array.from({ length: additional }, (_, i) => txt(`extra${i}.example.test`, 100)),
  };
  if (edns) m.edns = ednsOf({ udpSize: 1232 });
  return m;
}

describe('name compression (RFC 1035 4.1.4)', () => {
  it('writes a repeated name as a pointer to its first occurrence', () => {
    const bytes = encodeMessage(message(2, 0));
    // question name at 12; each answer's owner is the pointer c0 0c
    const { fields } = decodeMessage(bytes);
    const pointers = fields.filter((f) => f.key === 'field pointer');
    expect(pointers.map((f) => f.value)).toEqual(['-> 12 big.example.test.', '-> 12 big.example.test.']);
    expect([...bytes.subarray(pointers[0]!.offset, pointers[0]!.offset + 2)]).toEqual([0xc0, 0x0c]);
  });

  it('points a shared suffix at where it was written and keeps case as given', () => {
    const m: DnsMessage = { header, questions: [{ name: 'Example.test', type: RR_TYPES.MX, class: CLASS_IN }], authority: [], additional: [],
      answers: [{ name: 'Example.test', type: RR_TYPES.MX, class: CLASS_IN, ttl: 300, data: { kind: 'MX', preference: 10, exchange: 'mx.example.test' } }] };
    const bytes = encodeMessage(m);
    const { message: back, fields } = decodeMessage(bytes);
    expect(back).toEqual(m);
    // "mx" then a pointer to "test" inside the question's name (offset 12 + 8)
    expect(fields.filter((f) => f.key === 'field exchange' || f.key === 'field pointer').slice(1).map((f) => f.value)).toEqual(['mx.example', '-> 20 test.']);
  });
});

describe('truncation over maxSize (RFC 1035 4.2.1, RFC 2181 9, RFC 6891 6.2.5)', () => {
  it('leaves a message that fits alone', () => {
    const bytes = encodeMessage(message(3, 0), { maxSize: 512 });
    expect(decodeMessage(bytes).message).toEqual(message(3, 0));
  });

  it('drops additional records first, without TC', () => {
    const bytes = encodeMessage(message(3, 3), { maxSize: 512 });
    const { message: back } = decodeMessage(bytes);
    expect(bytes.length).toBeLessThanOrEqual(512);
    expect(back.answers).toHaveLength(3);
    expect(back.additional.length).toBeLessThan(3);
    expect(back.header.tc).toBe(false);
  });

  it('drops whole answers from the end and sets TC when answers must go', () => {
    const bytes = encodeMessage(message(8, 2), { maxSize: 512 });
    const { message: back } = decodeMessage(bytes);
    expect(bytes.length).toBeLessThanOrEqual(512);
    expect(back.answers.length).toBeGreaterThan(0);
    expect(back.answers.length).toBeLessThan(8);
    expect(back.additional).toEqual([]);
    expect(back.header.tc).toBe(true);
  });

  it('keeps the OPT record in a truncated answer (RFC 6891 6.1.1: a request with OPT gets a response with OPT)', () => {
    const bytes = encodeMessage(message(20, 0, true), { maxSize: 1232 });
    const { message: back } = decodeMessage(bytes);
    expect(bytes.length).toBeLessThanOrEqual(1232);
    expect(back.header.tc).toBe(true);
    expect(back.edns?.udpSize).toBe(1232);
  });

  it('takes the UDP limit from the query: 512, or its EDNS size within 512 .. the server\'s maximum (RFC 6891 6.2.5)', () => {
    const query = message(0, 0);
    expect(udpMaxSize(query)).toBe(512);
    expect(udpMaxSize({ ...query, edns: ednsOf({ udpSize: 1232 }) })).toBe(1232);
    expect(udpMaxSize({ ...query, edns: ednsOf({ udpSize: 100 }) })).toBe(512);
    expect(udpMaxSize({ ...query, edns: ednsOf({ udpSize: 65000 }) })).toBe(4096);
    expect(udpMaxSize({ ...query, edns: ednsOf({ udpSize: 65000 }) }, 1232)).toBe(1232);
  });

  it('sends everything without a maxSize (TCP, RFC 7766)', () => {
    const { message: back } = decodeMessage(encodeMessage(message(20, 2, true)));
    expect(back.answers).toHaveLength(20);
    expect(back.header.tc).toBe(false);
  });
});

describe('EDNS (RFC 6891 6.1.2, 6.1.3)', () => {
  it('splits an RCODE over 15 between the header and OPT, and reads DO and options', () => {
    const m: DnsMessage = { ...message(0, 0), header: { ...header, rcode: 16 } };
    m.edns = ednsOf({ udpSize: 4096, dnssecOk: true, options: [{ code: 10, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }] });
    const bytes = encodeMessage(m);
    const { message: back, fields } = decodeMessage(bytes);
    expect(back.header.rcode).toBe(0);
    expect(back.edns).toEqual({ udpSize: 4096, extendedRcode: 1, version: 0, dnssecOk: true, options: [{ code: 10, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }] });
    expect(fields.filter((f) => f.section === 'additional').map((f) => `${f.key}=${f.value}`)).toEqual([
      'field name=.', 'field type=OPT', 'field udp-size=4096', 'field ext-rcode=1', 'field edns-version=0', 'field edns-flags=do',
      'field rdlength=12', 'field edns-option=10 01 02 03 04 05 06 07 08',
    ]);
  });
});
