import { describe, expect, it } from 'vitest';
import { DNS_EVENT_KEYS, messageLines, noteLine } from '../../../src/protocols/dns/events.js';
import { createAuthority } from '../../../src/protocols/dns/session.js';
import type { DnsMessage } from '../../../src/protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, zonesOf } from '../../../src/protocols/dns/zones.js';

const where = { session: 'dns-1', port: 5300, transport: 'tcp' as const };
const root = createAuthority(zonesOf(AUTHORITATIVE_SERVERS[0]!));
const query: DnsMessage = {
  header: { id: 4660, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: 0, rcode: 0 },
  questions: [{ name: 'www.example.test', type: 1, class: 1 }],
  answers: [],
  authority: [],
  additional: [],
  edns: { udpSize: 4096, extendedRcode: 0, version: 0, dnssecOk: true, options: [] },
};

describe('a DNS message in the transcript, one line per line dig prints', () => {
  it('gives the query its header, OPT and question lines, as the client\'s', () => {
    const lines = messageLines(where, 'client', query);
    expect(lines.map((l) => [l.text, l.knowledge?.key, l.state, l.direction])).toEqual([
      [';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660; flags: rd', 'header', 'query', 'client'],
      ['; EDNS: version: 0, flags: do; udp: 4096', 'opt', 'query', 'client'],
      [';www.example.test. IN A', 'question', 'query', 'client'],
    ]);
    expect(lines[0]?.knowledge?.params).toEqual({ opcode: 'QUERY', rcode: 'NOERROR', id: 4660, flags: 'rd', transport: 'tcp' });
    expect(lines.every((l) => l.protocol === 'dns' && l.layer === 'L7' && l.session === 'dns-1' && l.port === 5300)).toBe(true);
  });

  it('marks a referral\'s NS records and their glue', () => {
    const reply = root.answer(query);
    if (reply === 'drop') throw new Error('dropped');
    const rr = messageLines(where, 'server', reply.response).filter((l) => l.knowledge?.key === 'rr');
    expect(rr.map((l) => l.knowledge?.params)).toEqual([
      { section: 'authority', type: 'NS', name: 'test', referral: 1 },
      { section: 'additional', type: 'A', name: 'a.tld.test', glue: 1 },
    ]);
    expect(rr.map((l) => l.text)).toEqual(['test. 300 IN NS a.tld.test.', 'a.tld.test. 300 IN A 127.0.0.3']);
  });

  it('writes a note as a dig-style comment with its parameters', () => {
    expect(noteLine(where, { key: 'nodata', params: { name: 'nomx.example.test', type: 'MX' } }).text).toBe(';; nodata nomx.example.test MX');
    expect(noteLine(where, { key: 'dropped', params: { reason: 'rate-limited' } })).toMatchObject({ direction: 'server', state: 'response' });
  });

  it('lists every key it can emit', () => {
    expect(new Set(DNS_EVENT_KEYS).size).toBe(DNS_EVENT_KEYS.length);
    for (const k of ['header', 'question', 'rr', 'opt', 'referral', 'nodata', 'refused', 'formerr', 'badvers', 'notimp', 'servfail', 'dropped', 'truncated']) {
      expect(DNS_EVENT_KEYS).toContain(k);
    }
  });
});
