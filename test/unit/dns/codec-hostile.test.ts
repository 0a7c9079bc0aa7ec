import { describe, expect, it } from 'vitest';
import { decodeMessage, DnsFormatError, encodeMessage, encodeQuery } from '../../../src/protocols/dns/codec/index.js';
import type { DnsFormatReason } from '../../../src/protocols/dns/codec/index.js';
import { CLASS_IN, RR_TYPES } from '../../../src/protocols/dns/types.js';

/** A header with these counts (QD, AN, NS, AR) and the given body, as bytes. */
function packet(counts: [number, number, number, number], body: string): Uint8Array {
  const hex = '12340100' + counts.map((n) => n.toString(16).padStart(4, '0')).join('') + body.replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function failure(bytes: Uint8Array): DnsFormatError {
  try {
    decodeMessage(bytes);
  } catch (err) {
    if (err instanceof DnsFormatError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

const Q = '0000010001'; // the root name, QTYPE A, QCLASS IN
const EX = '076578616d706c65 0474657374 00'; // example.test.

describe('DnsFormatError for hostile input (issue 17)', () => {
  const cases: Array<[DnsFormatReason, Uint8Array, number]> = [
    ['truncated', packet([0, 0, 0, 0], '').subarray(0, 11), 11],
    ['truncated', packet([1, 0, 0, 0], '07 6578616d'), 12],
    ['truncated', packet([1, 0, 0, 0], EX + '00'), 26],
    ['pointer-loop', packet([1, 0, 0, 0], 'c00c 00010001'), 12],
    ['pointer-loop', packet([1, 0, 0, 0], '01 61 c00c 00010001'), 14],
    ['forward-pointer', packet([1, 0, 0, 0], 'c010 00010001 00'), 12],
    ['bad-label-type', packet([1, 0, 0, 0], '41 00010001'), 12],
    ['bad-label-type', packet([1, 0, 0, 0], '80 00010001'), 12],
    ['name-too-long', packet([1, 0, 0, 0], ('3f' + '61'.repeat(63)).repeat(4) + '00 00010001'), 12 + 64 * 3],
    ['count-mismatch', packet([2, 0, 0, 0], Q), 17],
    ['count-mismatch', packet([1, 3, 0, 0], Q), 17],
    ['rdata-length', packet([0, 1, 0, 0], '00 0001 0001 0000012c 0005 c0000201 ff'), 23],
    ['rdata-length', packet([0, 1, 0, 0], '00 000f 0001 0000012c 0002 000a 00'), 25],
    ['truncated', packet([0, 1, 0, 0], '00 0001 0001 0000012c 0004 c000'), 23],
    ['trailing-bytes', packet([1, 0, 0, 0], Q + 'ff'), 17],
    ['bad-opt', packet([0, 0, 0, 1], '01 61 00 0029 1000 00000000 0000'), 12],
    ['bad-opt', packet([0, 0, 0, 2], '00 0029 1000 00000000 0000 00 0029 1000 00000000 0000'), 23],
    ['rdata-length', packet([0, 0, 0, 1], '00 0029 1000 00000000 0003 000a00'), 23],
  ];
  it.each(cases)('%s at the offset where it happens (%#)', (reason, bytes, offset) => {
    const err = failure(bytes);
    expect(err.reason).toBe(reason);
    expect(err.offset).toBe(offset);
  });

  it('stops a chain of pointers to pointers after 127 jumps (each legal, together a slow name)', () => {
    // answer 1: root owner, TYPE65 RDATA = a root at 23 and n pointers, each to the one before;
    // answer 2: owner = a pointer to the last of them, so its name takes n + 1 jumps
    const hex16 = (v: number): string => v.toString(16).padStart(4, '0');
    const chain = (n: number): Uint8Array => {
      const pointers = Array.from({ length: n }, (_, i) => hex16(0xc000 | (i === 0 ? 23 : 24 + 2 * (i - 1)))).join('');
      const first = '00 0041 0001 00000000' + hex16(1 + 2 * n) + '00' + pointers;
      return packet([0, 2, 0, 0], first + hex16(0xc000 | (24 + 2 * (n - 1))) + '0001 0001 00000000 0004 7f000001');
    };
    expect(decodeMessage(chain(126)).message.answers[1]!.name).toBe('');
    const err = failure(chain(127));
    expect([err.reason, err.offset]).toEqual(['too-many-pointers', 24]);
  });

  it('keeps the fields read before the error, for the hex view', () => {
    const err = failure(packet([1, 0, 0, 0], 'c00c 00010001'));
    expect(err.fields?.map((f) => f.key)).toEqual(['field id', 'field flags', 'field qdcount', 'field ancount', 'field nscount', 'field arcount']);
  });

  it('accepts trailing bytes when asked to ignore them', () => {
    expect(decodeMessage(packet([1, 0, 0, 0], Q + 'ff'), { trailing: 'ignore' }).message.questions).toHaveLength(1);
  });

  it('follows a chain of pointers that each point further back (RFC 1035 4.1.4)', () => {
    // 12: example.test.  30: "www" -> 12   36: "a" -> 30
    const bytes = packet([3, 0, 0, 0], `${EX} 0001 0001  03777777 c00c 0001 0001  0161 c01e 0001 0001`);
    expect(decodeMessage(bytes).message.questions.map((q) => q.name)).toEqual(['example.test', 'www.example.test', 'a.www.example.test']);
  });

  it('refuses to encode a label over 63 octets or a name over 255 (RFC 1035 2.3.4)', () => {
    const encodeName = (name: string): unknown => encodeQuery(name, 'A', { id: 1, rd: true });
    expect(() => encodeName('a'.repeat(64) + '.test')).toThrow(expect.objectContaining({ reason: 'label-too-long' }));
    expect(() => encodeName(Array(5).fill('a'.repeat(63)).join('.'))).toThrow(expect.objectContaining({ reason: 'name-too-long' }));
    expect(() => encodeName('a..test')).toThrow(expect.objectContaining({ reason: 'bad-value' }));
    expect(encodeName(Array(3).fill('a'.repeat(63)).join('.') + '.' + 'b'.repeat(61))).toBeInstanceOf(Uint8Array);
  });

  it('refuses an address that is not one', () => {
    const message = { header: { id: 1, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, z: 0, rcode: 0 }, questions: [], authority: [], additional: [],
      answers: [{ name: 'a.test', type: RR_TYPES.A, class: CLASS_IN, ttl: 1, data: { kind: 'A' as const, address: '1.2.3' } }] };
    expect(() => encodeMessage(message)).toThrow(expect.objectContaining({ reason: 'bad-value' }));
  });
});
