import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/i18n.js';
import { DNS_KEYS, DNS_KNOWLEDGE, describeDns } from '../../../src/protocols/dns/knowledge/index.js';
import { FIELD_WORDS } from '../../../src/protocols/dns/knowledge/fields.js';
import { REASON_WORDS } from '../../../src/protocols/dns/knowledge/words.js';
import type { DnsFormatReason } from '../../../src/protocols/dns/codec/errors.js';
import { RCODES, RR_TYPES } from '../../../src/protocols/dns/types.js';
import { FIELD_KEYS } from '../../../src/protocols/dns/codec/fields.js';
import { DNS_EVENT_KEYS } from '../../../src/protocols/dns/events.js';
import { RESOLVER_KEYS } from '../../../src/protocols/dns/resolver/events.js';

/** DNS knowledge: every table row and every key has words in both languages, with an RFC section. */
const RFC = /^RFC \d+ \d+(\.\d+)*$/;

describe('DNS knowledge tables', () => {
  it('has a record type for every RR_TYPES name, an RCODE row for every RCODES name, and NODATA', () => {
    for (const t of Object.keys(RR_TYPES)) expect(DNS_KNOWLEDGE.commands.has(t), t).toBe(true);
    for (const r of [...Object.keys(RCODES), 'NODATA']) expect(DNS_KNOWLEDGE.replies.has(r), r).toBe(true);
    expect(DNS_KNOWLEDGE.replies.get('NODATA')?.rfc).toBe('RFC 2308 2.2');
  });

  it('says DNS has no states rather than inventing some, and explains that as a term', () => {
    expect(DNS_KNOWLEDGE.states.size).toBe(0);
    expect(DNS_KNOWLEDGE.terms?.get('state')?.meaning.en).toMatch(/no session states/);
  });

  it('every row has an RFC section and both languages, different and non-empty', () => {
    const texts = [
      ...[...DNS_KNOWLEDGE.commands.values()].map((c) => ({ name: c.name, rfc: c.rfc, t: c.summary })),
      ...[...DNS_KNOWLEDGE.replies.values()].map((r) => ({ name: r.code, rfc: r.rfc, t: r.meaning })),
      ...[...(DNS_KNOWLEDGE.terms?.values() ?? [])].map((x) => ({ name: x.name, rfc: x.rfc, t: x.meaning })),
    ];
    for (const { name, rfc, t } of texts) {
      expect(rfc, name).toMatch(RFC);
      expect(t.en.length, name).toBeGreaterThan(20);
      expect(t.ja, name).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(t.ja).not.toBe(t.en);
    }
  });

  it('knows flags, sections and ideas by name in any case, and by alias', () => {
    const terms = DNS_KNOWLEDGE.terms;
    for (const [name, kind] of [['aa', 'flag'], ['rd', 'flag'], ['opcode', 'flag'], ['authority', 'section'], ['ttl', 'concept'], ['glue', 'concept'], ['edns0', 'concept'], ['negative caching', 'concept']] as const) {
      expect(terms?.get(name)?.kind, name).toBe(kind);
    }
    expect(terms?.get('resolver')?.name).toBe('recursive');
  });
});

describe('describeDns', () => {
  const samples: Record<string, Record<string, string | number>> = {
    header: { opcode: 'QUERY', rcode: 'NXDOMAIN', id: 4660, flags: 'qr aa rd' },
    flags: { flags: 'qr rd ra' },
    section: { name: 'authority' },
    rr: { type: 'MX', section: 'answer', name: 'example.test' },
    rcode: { name: 'REFUSED' },
  };

  it('describes every transcript key and every field key in both languages, with no placeholder left', () => {
    const keys = [...DNS_KEYS, ...Object.keys(FIELD_WORDS)];
    for (const key of keys) {
      for (const lang of LANGS) {
        const text = describeDns({ key, params: samples[key] ?? { name: 'example.test', type: 'MX', ttl: 60, rcode: 'NXDOMAIN', reason: 'cname-loop', server: '127.0.0.2', zone: 'test', target: 'a.test', version: 1, udpSize: 1232, size: 512, opcode: 5 } }, lang);
        expect(text, `${key} ${lang}`).toBeTruthy();
        expect(text, `${key} ${lang}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('describes every key the servers (events.ts) and the resolver (resolver/events.ts) emit, in both languages', () => {
    for (const key of [...DNS_EVENT_KEYS, ...RESOLVER_KEYS]) {
      expect(DNS_KEYS, key).toContain(key);
    }
  });

  it('has words for every reason the codec can give (DnsFormatReason)', () => {
    const reasons: Record<DnsFormatReason, true> = {
      truncated: true, 'pointer-loop': true, 'forward-pointer': true, 'too-many-pointers': true, 'label-too-long': true, 'name-too-long': true,
      'bad-label-type': true, 'count-mismatch': true, 'rdata-length': true, 'trailing-bytes': true, 'bad-opt': true, 'bad-value': true,
    };
    for (const reason of Object.keys(reasons)) expect(REASON_WORDS[reason], reason).toBeDefined();
  });

  it('has words for exactly the field keys the codec emits (codec/fields.ts FIELD_KEYS)', () => {
    expect(Object.keys(FIELD_WORDS).sort()).toEqual([...FIELD_KEYS].sort());
  });

  it('a response header names the status and explains it and the flags; a query header says query', () => {
    const en = describeDns({ key: 'header', params: samples.header as Record<string, string> }, 'en');
    expect(en).toMatch(/^Header of a response: opcode QUERY, status NXDOMAIN, id 4660/);
    expect(en).toContain('NXDOMAIN: RCODE 3, name error');
    expect(en).toContain('aa (authoritative answer)');
    expect(describeDns({ key: 'header', params: { opcode: 'QUERY', rcode: 'NOERROR', id: 1, flags: 'rd' } }, 'en')).toMatch(/^Header of a query/);
    expect(describeDns({ key: 'header', params: samples.header as Record<string, string> }, 'ja')).toMatch(/^応答のヘッダーです/);
  });

  it('a record says its section and type; NS with referral, A with glue and SOA in authority say why they are there', () => {
    expect(describeDns({ key: 'rr', params: { type: 'MX', section: 'answer' } }, 'en')).toMatch(/^MX record in the answer section .*mail exchanger/);
    expect(describeDns({ key: 'rr', params: { type: 'NS', section: 'authority', referral: 1 } }, 'en')).toContain('A referral');
    expect(describeDns({ key: 'rr', params: { type: 'A', section: 'additional', glue: 1 } }, 'ja')).toContain('グルー');
    expect(describeDns({ key: 'rr', params: { type: 'SOA', section: 'authority' } }, 'en')).toContain('RFC 2308 5');
  });

  it('accepts a `dns ` prefix, translates reasons, and knows nothing of other keys', () => {
    expect(describeDns({ key: 'dns question', params: { name: 'example.test', type: 'MX' } }, 'en')).toMatch(/^The question: records of type MX for example\.test/);
    expect(describeDns({ key: 'servfail', params: { reason: 'cname-loop' } }, 'ja')).toContain('CNAME の連鎖がループしています');
    expect(describeDns({ key: 'negative-cache-hit', params: { name: 'nope.example.test', type: 'A', rcode: 'NXDOMAIN', ttl: 42 } }, 'en')).toContain('for 42 more seconds');
    expect(describeDns({ key: 'notimp', params: { opcode: 5 } }, 'en')).toContain('opcode UPDATE');
    expect(describeDns({ key: 'toString' }, 'en')).toBeNull();
    expect(describeDns({ key: 'field constructor' }, 'en')).toBeNull();
  });
});
