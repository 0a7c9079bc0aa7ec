import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/protocols/dns/resolver/classify.js';
import { CLASS_IN, RCODES, RR_TYPES, type DnsMessage, type ResourceRecord } from '../../../src/protocols/dns/types.js';
import { rr, soa } from './resolver-harness.js';

function reply(parts: Partial<Omit<DnsMessage, 'header'>> & { aa?: boolean; rcode?: number }): DnsMessage {
  return {
    header: { id: 1, qr: true, opcode: 0, aa: parts.aa ?? false, tc: false, rd: false, ra: false, z: 0, rcode: parts.rcode ?? RCODES.NOERROR },
    questions: [{ name: 'www.example.test', type: RR_TYPES.A, class: CLASS_IN }],
    answers: parts.answers ?? [],
    authority: parts.authority ?? [],
    additional: parts.additional ?? [],
  };
}

const ns = (zone: string, host: string): ResourceRecord => rr(zone, 300, { kind: 'NS', name: host });
const a = (name: string, address: string): ResourceRecord => rr(name, 300, { kind: 'A', address });

describe('classify: what one upstream reply means for the walk (RFC 1034 5.3.3 step 4)', () => {
  it('a referral to a closer zone keeps only the glue inside the asking zone\'s bailiwick', () => {
    const v = classify(
      reply({ authority: [ns('example.test', 'ns1.example.test'), ns('example.test', 'ns.evil.example')], additional: [a('ns1.example.test', '127.0.0.4'), a('ns.evil.example', '192.0.2.66')] }),
      'www.example.test', RR_TYPES.A, 'test',
    );
    expect(v).toMatchObject({ kind: 'referral', zone: 'example.test', glue: [{ name: 'ns1.example.test' }] });
    expect(v.kind === 'referral' && v.glue).toHaveLength(1);
  });

  it.each([
    ['an upward referral (NS for the same zone)', reply({ authority: [ns('test', 'ns.test')] }), 'upward-referral'],
    ['an upward referral (NS for the root)', reply({ authority: [ns('', 'a.root.test')] }), 'upward-referral'],
    ['REFUSED', reply({ rcode: RCODES.REFUSED }), 'rcode-5'],
    ['SERVFAIL', reply({ rcode: RCODES.SERVFAIL }), 'rcode-2'],
    ['an empty non-authoritative reply', reply({}), 'no-answer'],
  ])('%s: the server cannot help', (_what, r, reason) => {
    expect(classify(r, 'www.example.test', RR_TYPES.A, 'test')).toEqual({ kind: 'lame', reason });
  });

  it('ignores answer records for names outside the server\'s zone (RFC 2181 5.4.1)', () => {
    const r = reply({ aa: true, answers: [a('www.example.test', '192.0.2.66')] });
    expect(classify(r, 'www.example.test', RR_TYPES.A, 'other.test').kind).not.toBe('answer');
    expect(classify(r, 'www.example.test', RR_TYPES.A, 'example.test')).toMatchObject({ kind: 'answer', records: [{ name: 'www.example.test' }] });
  });

  it('tells NXDOMAIN from NODATA and keeps the SOA of the zone (RFC 2308 2.1, 2.2)', () => {
    const nx = classify(reply({ aa: true, rcode: RCODES.NXDOMAIN, authority: [soa('example.test')] }), 'www.example.test', RR_TYPES.A, 'example.test');
    expect(nx).toMatchObject({ kind: 'negative', negative: 'NXDOMAIN', name: 'www.example.test', soa: { name: 'example.test' } });
    const nodata = classify(reply({ aa: true, authority: [soa('example.test')] }), 'www.example.test', RR_TYPES.A, 'example.test');
    expect(nodata).toMatchObject({ kind: 'negative', negative: 'NODATA' });
    const noSoa = classify(reply({ aa: true }), 'www.example.test', RR_TYPES.A, 'example.test');
    expect(noSoa).toEqual({ kind: 'negative', negative: 'NODATA', chain: [], name: 'www.example.test' });
  });

  it('a CNAME that leaves the zone is a CNAME to chase; one that comes back to its start is a loop', () => {
    const out = reply({ aa: true, answers: [rr('www.example.test', 300, { kind: 'CNAME', name: 'web.example.net' })] });
    expect(classify(out, 'www.example.test', RR_TYPES.A, 'example.test')).toMatchObject({ kind: 'cname', target: 'web.example.net' });
    const loop = reply({ aa: true, answers: [rr('www.example.test', 300, { kind: 'CNAME', name: 'x.example.test' }), rr('x.example.test', 300, { kind: 'CNAME', name: 'WWW.example.test' })] });
    expect(classify(loop, 'www.example.test', RR_TYPES.A, 'example.test')).toMatchObject({ kind: 'loop' });
  });
});
