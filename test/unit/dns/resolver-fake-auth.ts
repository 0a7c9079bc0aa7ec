/**
 * TEMPORARY: a tiny authoritative answer function for the resolver tests until the lab's own
 * (protocols/dns/session.ts, H2) lands; then the tests use that one and this file goes.
 */
import { RR_TYPES, type DnsMessage, type ResourceRecord } from '../../../src/protocols/dns/types.js';

export interface FakeZone {
  origin: string;
  records: ResourceRecord[];
}

const lc = (s: string): string => s.toLowerCase();
const below = (name: string, zone: string): boolean => zone === '' || lc(name) === lc(zone) || lc(name).endsWith(`.${lc(zone)}`);

export function fakeAuthoritative(zones: FakeZone[], query: DnsMessage): DnsMessage {
  const q = query.questions[0] as DnsMessage['questions'][number];
  const header = { ...query.header, qr: true, aa: false, ra: false, rcode: 0 };
  const base: DnsMessage = { header, questions: query.questions, answers: [], authority: [], additional: [] };
  const zone = zones.filter((z) => below(q.name, z.origin)).sort((a, b) => b.origin.length - a.origin.length)[0];
  if (!zone) return { ...base, header: { ...header, rcode: 5 } };
  const cut = zone.records.find((r) => r.type === RR_TYPES.NS && lc(r.name) !== lc(zone.origin) && below(q.name, r.name));
  if (cut) {
    const ns = zone.records.filter((r) => r.type === RR_TYPES.NS && lc(r.name) === lc(cut.name));
    const names = ns.map((r) => (r.data.kind === 'NS' ? lc(r.data.name) : ''));
    return { ...base, authority: ns, additional: zone.records.filter((r) => r.type === RR_TYPES.A && names.includes(lc(r.name))) };
  }
  const soaRec = zone.records.find((r) => r.type === RR_TYPES.SOA) as ResourceRecord;
  const answers: ResourceRecord[] = [];
  let name = q.name;
  for (let hops = 0; hops < 10; hops++) {
    const at = zone.records.filter((r) => lc(r.name) === lc(name));
    const match = at.filter((r) => r.type === q.type);
    if (match.length > 0) return { ...base, header: { ...header, aa: true }, answers: [...answers, ...match] };
    const cname = at.find((r) => r.data.kind === 'CNAME');
    if (cname?.data.kind === 'CNAME') {
      answers.push(cname);
      name = cname.data.name;
      if (!below(name, zone.origin)) return { ...base, header: { ...header, aa: true }, answers };
      continue;
    }
    const exists = zone.records.some((r) => below(r.name, name));
    const negTtl = soaRec.data.kind === 'SOA' ? Math.min(soaRec.ttl, soaRec.data.minimum) : 0;
    return { ...base, header: { ...header, aa: true, rcode: exists ? 0 : 3 }, answers, authority: [{ ...soaRec, ttl: negTtl }] };
  }
  return { ...base, header: { ...header, aa: true }, answers };
}
