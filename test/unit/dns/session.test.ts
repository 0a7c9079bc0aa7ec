import { describe, expect, it } from 'vitest';
import { createAuthority } from '../../../src/protocols/dns/session.js';
import { RCODES, RR_TYPES, type DnsMessage, type RrTypeName } from '../../../src/protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, LAB_ZONES, SOA_MINIMUM, zonesOf } from '../../../src/protocols/dns/zones.js';
import { DNS_EDNS_UDP_SIZE } from '../../../src/limits.js';

const [ROOT, TLD, SLD] = AUTHORITATIVE_SERVERS.map((s) => createAuthority(zonesOf(s))) as [
  ReturnType<typeof createAuthority>,
  ReturnType<typeof createAuthority>,
  ReturnType<typeof createAuthority>,
];

function query(name: string, type: RrTypeName | number, more: Partial<DnsMessage['header']> & { edns?: DnsMessage['edns'] } = {}): DnsMessage {
  const { edns, ...header } = more;
  return {
    header: { id: 4660, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: 0, rcode: 0, ...header },
    questions: [{ name, type: typeof type === 'number' ? type : RR_TYPES[type], class: 1 }],
    answers: [],
    authority: [],
    additional: [],
    ...(edns ? { edns } : {}),
  };
}

function answer(server: typeof ROOT, q: DnsMessage): DnsMessage {
  const r = server.answer(q);
  if (r === 'drop') throw new Error('dropped');
  return r.response;
}

/** A section as `name TYPE data` strings, for table rows that read like dig. */
function lines(records: DnsMessage['answers']): string[] {
  const typeName = (t: number) => Object.entries(RR_TYPES).find(([, n]) => n === t)?.[0] ?? `TYPE${t}`;
  return records.map((r) => {
    const d = r.data;
    const v = d.kind === 'A' || d.kind === 'AAAA' ? d.address : d.kind === 'MX' ? `${d.preference} ${d.exchange}` : 'name' in d ? d.name : d.kind === 'SOA' ? d.mname : d.kind === 'TXT' ? d.strings.join(' ') : '?';
    return `${r.name} ${typeName(r.type)} ${v}`;
  });
}

type Row = [string, typeof ROOT, string, RrTypeName, { rcode: number; aa: boolean; answer?: string[]; authority?: string[]; additional?: string[] }];

const NX = RCODES.NXDOMAIN;
const OK = RCODES.NOERROR;
const rows: Row[] = [
  ['root refers test. to the TLD server with glue', ROOT, 'www.example.test', 'A', { rcode: OK, aa: false, answer: [], authority: ['test NS a.tld.test'], additional: ['a.tld.test A 127.0.0.3'] }],
  ['root answers its own NS with AA', ROOT, '', 'NS', { rcode: OK, aa: true, answer: [' NS a.root.test'] }],
  ['root: a TLD that does not exist is NXDOMAIN with the root SOA', ROOT, 'nope', 'A', { rcode: NX, aa: true, answer: [], authority: [' SOA a.root.test'] }],
  ['glue in the root is not authoritative data: a referral', ROOT, 'a.root.test', 'A', { rcode: OK, aa: false, authority: ['test NS a.tld.test'] }],
  ['the TLD refers example.test with its glue', TLD, 'example.test', 'MX', { rcode: OK, aa: false, authority: ['example.test NS ns.example.test'], additional: ['ns.example.test A 127.0.0.4'] }],
  ['the TLD refers example.net (com./net. for the mail flow)', TLD, 'mail.example.net', 'A', { rcode: OK, aa: false, authority: ['example.net NS ns.example.net'] }],
  ['no glue for an NS outside the parent', TLD, 'other.test', 'A', { rcode: OK, aa: false, authority: ['other.test NS ns.example.com'], additional: [] }],
  ['the TLD is authoritative for names it holds', TLD, 'a.root.test', 'A', { rcode: OK, aa: true, answer: ['a.root.test A 127.0.0.2'] }],
  ['MX with the exchanges\' addresses in additional', SLD, 'example.test', 'MX', { rcode: OK, aa: true, answer: ['example.test MX 10 mail.example.test', 'example.test MX 20 backup.example.test'], additional: ['mail.example.test A 127.0.0.1', 'backup.example.test A 127.0.0.1'] }],
  ['example.net MX for the mail flow', SLD, 'example.net', 'MX', { rcode: OK, aa: true, answer: ['example.net MX 10 mail.example.net'] }],
  ['AAAA', SLD, 'www.lab.test', 'AAAA', { rcode: OK, aa: true, answer: ['www.lab.test AAAA ::1'] }],
  ['TXT', SLD, 'lab.test', 'TXT', { rcode: OK, aa: true, answer: ['lab.test TXT l7lab: the lab host, 127.0.0.1'] }],
  ['a CNAME and its in-zone target', SLD, 'www.example.test', 'A', { rcode: OK, aa: true, answer: ['www.example.test CNAME example.test', 'example.test A 127.0.0.1'] }],
  ['a chain of CNAMEs', SLD, 'web.example.test', 'A', { rcode: OK, aa: true, answer: ['web.example.test CNAME www.example.test', 'www.example.test CNAME example.test', 'example.test A 127.0.0.1'] }],
  ['a CNAME out of the zone stops at the CNAME', SLD, 'shop.example.test', 'A', { rcode: OK, aa: true, answer: ['shop.example.test CNAME www.example.com'], authority: [] }],
  ['asking for the CNAME itself', SLD, 'www.example.test', 'CNAME', { rcode: OK, aa: true, answer: ['www.example.test CNAME example.test'] }],
  ['NODATA: the name, not the type', SLD, 'nomx.example.test', 'MX', { rcode: OK, aa: true, answer: [], authority: ['example.test SOA ns.example.test'] }],
  ['NXDOMAIN with the zone SOA', SLD, 'missing.example.test', 'A', { rcode: NX, aa: true, answer: [], authority: ['example.test SOA ns.example.test'] }],
  ['an empty non-terminal is NODATA, not NXDOMAIN', SLD, 'b.example.test', 'A', { rcode: OK, aa: true, answer: [], authority: ['example.test SOA ns.example.test'] }],
  ['PTR for a lab address', SLD, '2.0.0.127.in-addr.arpa', 'PTR', { rcode: OK, aa: true, answer: ['2.0.0.127.in-addr.arpa PTR a.root.test'] }],
  ['names compare without case', SLD, 'WWW.Lab.TEST', 'A', { rcode: OK, aa: true, answer: ['www.lab.test A 127.0.0.1'] }],
  ['a name outside every zone is REFUSED', SLD, 'example.org', 'A', { rcode: RCODES.REFUSED, aa: false, answer: [], authority: [] }],
  ['the TLD server refuses what the root serves', TLD, 'org', 'A', { rcode: RCODES.REFUSED, aa: false }],
  ['NS at the apex with glue', SLD, 'example.com', 'NS', { rcode: OK, aa: true, answer: ['example.com NS ns.example.com'], additional: ['ns.example.com A 127.0.0.4'] }],
];

describe('authoritative answers (RFC 1034 4.3.2)', () => {
  it.each(rows)('%s', (_what, server, name, type, want) => {
    const r = answer(server, query(name, type, { rd: true }));
    expect(r.header.qr).toBe(true);
    expect(r.header.id).toBe(4660);
    expect(r.header.rcode).toBe(want.rcode);
    expect(r.header.aa).toBe(want.aa);
    expect(r.header.rd).toBe(true);
    expect(r.header.ra).toBe(false);
    expect(r.questions).toEqual([{ name, type: RR_TYPES[type], class: 1 }]);
    if (want.answer) expect(lines(r.answers)).toEqual(want.answer);
    if (want.authority) expect(lines(r.authority)).toEqual(want.authority);
    if (want.additional) expect(lines(r.additional)).toEqual(want.additional);
  });

  it('gives the negative SOA the TTL min(SOA TTL, MINIMUM) (RFC 2308 3)', () => {
    for (const name of ['missing.example.test', 'nomx.example.test']) {
      const soa = answer(SLD, query(name, 'MX')).authority[0]!;
      expect(soa.ttl).toBe(SOA_MINIMUM);
      expect(soa.data.kind === 'SOA' && soa.data.minimum).toBe(SOA_MINIMUM);
    }
    const positive = answer(SLD, query('example.test', 'SOA')).answers[0]!;
    expect(positive.ttl).toBeGreaterThan(SOA_MINIMUM);
  });

  it('notes what the answer is: referral, nodata, refused', () => {
    const notes = (server: typeof ROOT, name: string, type: RrTypeName) => {
      const r = server.answer(query(name, type));
      return r === 'drop' ? 'drop' : r.notes.map((n) => n.key);
    };
    expect(notes(ROOT, 'example.test', 'A')).toEqual(['referral']);
    expect(notes(SLD, 'nomx.example.test', 'MX')).toEqual(['nodata']);
    expect(notes(SLD, 'missing.example.test', 'A')).toEqual([]);
    expect(notes(SLD, 'example.org', 'A')).toEqual(['refused']);
  });

  it('answers ANY with one RRset only (RFC 8482 4.1)', () => {
    const r = answer(SLD, query('example.test', 'ANY'));
    expect(r.header.aa).toBe(true);
    expect(r.answers.length).toBeGreaterThan(0);
    expect(new Set(r.answers.map((a) => a.type)).size).toBe(1);
  });

  it('refuses zone transfers', () => {
    expect(answer(SLD, query('example.test', 252)).header.rcode).toBe(RCODES.REFUSED);
  });

  it('does not hand out the zone\'s records for the caller to change', () => {
    const first = answer(SLD, query('lab.test', 'A'));
    first.answers[0]!.ttl = 1;
    expect(answer(SLD, query('lab.test', 'A')).answers[0]!.ttl).not.toBe(1);
  });
});

describe('screening every query', () => {
  it('drops a response (QR set): answering could make two servers talk forever', () => {
    expect(SLD.answer(query('lab.test', 'A', { qr: true }))).toBe('drop');
  });

  it('answers other opcodes NOTIMP (RFC 1035 4.1.1)', () => {
    const r = answer(SLD, query('lab.test', 'A', { opcode: 5 }));
    expect(r.header.rcode).toBe(RCODES.NOTIMP);
    expect(r.header.opcode).toBe(5);
    expect(r.answers).toEqual([]);
  });

  it('answers FORMERR for zero or two questions (RFC 9619)', () => {
    const none = { ...query('lab.test', 'A'), questions: [] };
    const two = query('lab.test', 'A');
    two.questions.push({ name: 'example.test', type: 1, class: 1 });
    for (const q of [none, two]) {
      const r = answer(SLD, q);
      expect(r.header.rcode).toBe(RCODES.FORMERR);
      expect(r.header.id).toBe(4660);
    }
  });

  it('answers FORMERR for an OPT question and REFUSED for class CH', () => {
    expect(answer(SLD, query('lab.test', 'OPT')).header.rcode).toBe(RCODES.FORMERR);
    const ch = query('version.bind', 'TXT');
    ch.questions[0]!.class = 3;
    expect(answer(SLD, ch).header.rcode).toBe(RCODES.REFUSED);
  });

  it('answers an unknown EDNS version BADVERS with our version 0 (RFC 6891 6.1.3)', () => {
    const edns = { udpSize: 4096, extendedRcode: 0, version: 1, dnssecOk: false, options: [] };
    const r = answer(SLD, query('lab.test', 'A', { edns }));
    expect(r.header.rcode).toBe(0);
    expect(r.edns).toMatchObject({ extendedRcode: 1, version: 0, udpSize: DNS_EDNS_UDP_SIZE });
    expect((r.edns!.extendedRcode << 4) | r.header.rcode).toBe(16);
  });

  it('keeps RD as asked: false stays false', () => {
    expect(answer(SLD, query('lab.test', 'A', { rd: false })).header.rd).toBe(false);
  });
});

describe('the zone data', () => {
  it('defines every zone a server names, and every zone has a server', () => {
    const served = AUTHORITATIVE_SERVERS.flatMap((s) => zonesOf(s).map((z) => z.origin));
    expect(new Set(served)).toEqual(new Set(LAB_ZONES.map((z) => z.origin)));
  });
});
