import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, DnsFormatError, encodeMessage, encodeQuery } from '../../../src/protocols/dns/codec/index.js';
import { labelText } from '../../../src/protocols/dns/codec/reader.js';
import type { DnsMessage } from '../../../src/protocols/dns/types.js';
import { messageArb } from './codec-arbitraries.js';
import { fromPacket, toPacket } from './dns-packet-shape.js';

const runs = { seed: 1035, numRuns: 300 };

/** The header's RCODE field is four bits; EDNS carries the rest (RFC 6891 6.1.3). Both codecs move the high bits to OPT. */
function asOnWire(m: DnsMessage): DnsMessage {
  const header = { ...m.header, rcode: m.header.rcode & 0xf };
  if (!m.edns) return { ...m, header };
  return { ...m, header, edns: { ...m.edns, extendedRcode: m.edns.extendedRcode | (m.header.rcode >> 4) } };
}

/** Decoding anything either succeeds or throws DnsFormatError, never another exception. */
function decodesOrFormatError(bytes: Uint8Array): boolean {
  try {
    decodeMessage(bytes);
    decodeMessage(bytes, { fields: false });
  } catch (err) {
    if (!(err instanceof DnsFormatError)) throw err;
  }
  return true;
}

describe('DNS codec against dns-packet (issue 17)', () => {
  it('our encode, read by dns-packet, is the message', () => {
    fc.assert(fc.property(messageArb, (m) => {
      expect(fromPacket(encodeMessage(m))).toEqual(asOnWire(m));
    }), runs);
  });

  it('dns-packet encode, read by our decode, is the message', () => {
    fc.assert(fc.property(messageArb, (m) => {
      expect(decodeMessage(toPacket(m)).message).toEqual(asOnWire(m));
    }), runs);
  });

  it('fields tile the message: in order, no gaps, no overlaps (the hex view shows every byte once)', () => {
    fc.assert(fc.property(messageArb, (m) => {
      const bytes = encodeMessage(m);
      const { message, fields } = decodeMessage(bytes);
      let at = 0;
      for (const f of fields) {
        expect(f.offset).toBe(at);
        at += f.length;
      }
      expect(at).toBe(bytes.length);
      expect(decodeMessage(bytes, { fields: false })).toEqual({ message, fields: [] });
    }), runs);
  });

  it('any octets in labels survive encode and decode as \\DDD escapes (RFC 1035 5.1, RFC 2181 11)', () => {
    const labels = fc.array(fc.uint8Array({ minLength: 1, maxLength: 63 }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(labels, (octets) => {
      const name = octets.map((l) => labelText(l, 0, l.length)).join('.');
      const bytes = encodeQuery(name, 'A', { id: 1, rd: false });
      expect([...bytes.subarray(12, bytes.length - 5)]).toEqual(octets.flatMap((l) => [l.length, ...l]));
      expect(decodeMessage(bytes).message.questions[0]!.name).toBe(name);
    }), runs);
  });

  it('truncation keeps a prefix of the records within maxSize, OPT kept, TC exactly when answers or authority went', () => {
    fc.assert(fc.property(messageArb, fc.integer({ min: 12, max: 700 }), (m, maxSize) => {
      const full = encodeMessage(m);
      const bytes = encodeMessage(m, { maxSize });
      const back = decodeMessage(bytes).message;
      const records = (x: DnsMessage): unknown[] => [...x.answers, ...x.authority, ...x.additional];
      if (full.length <= maxSize) expect(bytes).toEqual(full);
      if (records(back).length > 0) expect(bytes.length).toBeLessThanOrEqual(maxSize);
      expect(records(m).slice(0, records(back).length)).toEqual(records(back));
      expect(back.edns !== undefined).toBe(m.edns !== undefined);
      const lost = back.answers.length + back.authority.length < m.answers.length + m.authority.length;
      expect(back.header.tc).toBe(m.header.tc || lost);
    }), runs);
  });

  it('random bytes decode or throw DnsFormatError, nothing else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), decodesOrFormatError), { seed: 1035, numRuns: 500 });
  });

  it('random bytes behind a plausible header decode or throw DnsFormatError', () => {
    const header = fc.tuple(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }));
    fc.assert(fc.property(header, fc.uint8Array({ maxLength: 200 }), ([top, counts], body) => {
      const bytes = new Uint8Array([...top, ...counts.flatMap((n) => [0, n]), ...body]);
      return decodesOrFormatError(bytes);
    }), { seed: 1035, numRuns: 500 });
  });

  it('mutated valid messages decode or throw DnsFormatError', () => {
    const mutation = fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(messageArb, mutation, fc.nat(), (m, changes, cut) => {
      const bytes = encodeMessage(m);
      for (const [at, value] of changes) bytes[at % bytes.length] = value;
      decodesOrFormatError(bytes);
      return decodesOrFormatError(bytes.subarray(0, cut % (bytes.length + 1)));
    }), runs);
  });
});
