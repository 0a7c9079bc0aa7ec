import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, encodeQuery } from '../../../src/protocols/dns/codec/index.js';
import { presentFlags } from '../../../src/protocols/dns/codec/present.js';

/** A datagram recorded from dig (how: the comment at the top of each fixture). */
function digFixture(name: string): Uint8Array {
  const text = readFileSync(new URL(`../../fixtures/dns/${name}`, import.meta.url), 'utf8');
  const hex = text.split('\n').filter((line) => !line.startsWith('#')).join('').trim();
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

describe('queries recorded from dig', () => {
  it('reads dig +noedns: RD and AD set (RFC 6840 5.7), one question, nothing else', () => {
    const bytes = digFixture('dig-mx-noedns.hex');
    const { message, fields } = decodeMessage(bytes);
    expect(message).toEqual({
      header: { id: 0xae8d, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: 2, rcode: 0 },
      questions: [{ name: 'example.test', type: 15, class: 1 }], answers: [], authority: [], additional: [],
    });
    expect(presentFlags(message.header)).toBe('flags: rd ad');
    expect(fields.map((f) => f.key)).toEqual(['field id', 'field flags', 'field qdcount', 'field ancount', 'field nscount', 'field arcount', 'field qname', 'field qtype', 'field qclass']);
    expect(encodeMessage(message)).toEqual(bytes);
  });

  it('reads dig\'s default EDNS query with its cookie (RFC 6891 6.1.2, RFC 7873 4)', () => {
    const bytes = digFixture('dig-a-edns.hex');
    const { message } = decodeMessage(bytes);
    expect(message.questions).toEqual([{ name: 'www.example.test', type: 1, class: 1 }]);
    expect(message.edns).toMatchObject({ udpSize: 1232, version: 0, dnssecOk: false });
    expect(message.edns?.options.map((o) => [o.code, o.data.length])).toEqual([[10, 8]]);
    expect(encodeMessage(message)).toEqual(bytes);
  });

  it('writes the query dig writes, but for the ID and AD bit', () => {
    const bytes = encodeQuery('example.test', 'MX', { id: 0xae8d, rd: true });
    const dig = digFixture('dig-mx-noedns.hex');
    dig[3] = dig[3]! & ~0x20;
    expect(bytes).toEqual(dig);
  });
});
