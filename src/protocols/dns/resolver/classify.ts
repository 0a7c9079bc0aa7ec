/**
 * What one upstream reply means for the name being resolved (RFC 1034 5.3.3 step 4): an answer
 * (possibly after CNAMEs the server followed itself), a CNAME to chase elsewhere, a referral to a
 * closer zone, a negative answer (NXDOMAIN or NODATA, RFC 2308 2.1, 2.2), or a reply from a server
 * that cannot help (step 4d: "delete the server from SLIST"). Pure.
 */
import { RCODES, RR_TYPES, type DnsMessage, type ResourceRecord } from '../types.js';
import { inZone, nameKey } from '../codec/names.js';

export type Verdict =
  | { kind: 'answer'; chain: ResourceRecord[]; records: ResourceRecord[] }
  | { kind: 'cname'; chain: ResourceRecord[]; target: string; referral?: Referral }
  | Referral
  | { kind: 'negative'; negative: 'NXDOMAIN' | 'NODATA'; chain: ResourceRecord[]; name: string; soa?: ResourceRecord }
  | { kind: 'loop'; chain: ResourceRecord[] }
  | { kind: 'lame'; reason: string };

export interface Referral {
  kind: 'referral';
  zone: string;
  ns: ResourceRecord[];
  glue: ResourceRecord[];
}

const sameName = (a: string, b: string): boolean => nameKey(a) === nameKey(b);

/**
 * Follows the CNAMEs the server put in its answer section, from `name` (RFC 1034 3.6.2, 4.3.2
 * step 3a), keeping only records in the server's bailiwick (`zone`): a server may not speak for
 * names outside its zone (RFC 2181 5.4.1).
 */
function followAnswer(reply: DnsMessage, name: string, type: number, zone: string) {
  const answers = reply.answers.filter((r) => inZone(r.name, zone));
  const chain: ResourceRecord[] = [];
  const seen = new Set([nameKey(name)]);
  let current = name;
  for (;;) {
    const records = answers.filter((r) => sameName(r.name, current) && (r.type === type || type === RR_TYPES.ANY));
    if (records.length > 0 || type === RR_TYPES.CNAME) return { chain, current, records, loop: false };
    const cname = answers.find((r) => sameName(r.name, current) && r.data.kind === 'CNAME');
    if (cname?.data.kind !== 'CNAME') return { chain, current, records, loop: false };
    chain.push(cname);
    current = cname.data.name;
    if (seen.has(nameKey(current))) return { chain, current, records: [], loop: true };
    seen.add(nameKey(current));
  }
}

/** The NS RRset of a delegation closer to `name` than `zone`, with the glue for its servers that lies in `zone`. */
function referral(reply: DnsMessage, name: string, zone: string): Referral | { kind: 'lame'; reason: string } | undefined {
  const ns = reply.authority.filter((r) => r.data.kind === 'NS');
  const cut = ns[0]?.name;
  if (cut === undefined) return undefined;
  // Only a strictly closer zone is progress; an NS set for the same zone or above is an "upward referral" (RFC 1034 5.3.3 4d).
  if (sameName(cut, zone) || !inZone(cut, zone) || !inZone(name, cut)) return { kind: 'lame', reason: 'upward-referral' };
  const delegation = ns.filter((r) => sameName(r.name, cut));
  const servers = new Set(delegation.map((r) => (r.data.kind === 'NS' ? nameKey(r.data.name) : '')));
  const glue = reply.additional.filter((r) => (r.type === RR_TYPES.A || r.type === RR_TYPES.AAAA) && servers.has(nameKey(r.name)) && inZone(r.name, zone));
  return { kind: 'referral', zone: cut, ns: delegation, glue };
}

export function classify(reply: DnsMessage, name: string, type: number, zone: string): Verdict {
  const rcode = reply.header.rcode;
  if (rcode !== RCODES.NOERROR && rcode !== RCODES.NXDOMAIN) return { kind: 'lame', reason: `rcode-${rcode}` };
  const followed = followAnswer(reply, name, type, zone);
  const { chain, current } = followed;
  if (followed.loop) return { kind: 'loop', chain };
  if (followed.records.length > 0) return { kind: 'answer', chain, records: followed.records };
  const soa = reply.authority.find((r) => r.data.kind === 'SOA' && inZone(current, r.name) && inZone(r.name, zone));
  // NXDOMAIN after a CNAME is about the chain's last name (RFC 2308 2.1).
  if (rcode === RCODES.NXDOMAIN) return { kind: 'negative', negative: 'NXDOMAIN', chain, name: current, ...(soa ? { soa } : {}) };
  if (soa) return { kind: 'negative', negative: 'NODATA', chain, name: current, soa };
  const cut = referral(reply, current, zone);
  // The server followed a CNAME out of its zone, perhaps with a referral towards the target: chase it (RFC 1034 5.3.3 step 4c).
  if (chain.length > 0) return { kind: 'cname', chain, target: current, ...(cut?.kind === 'referral' ? { referral: cut } : {}) };
  if (cut) return cut;
  // An authoritative empty answer without an SOA is NODATA we may not cache (RFC 2308 5).
  if (reply.header.aa) return { kind: 'negative', negative: 'NODATA', chain, name: current };
  return { kind: 'lame', reason: 'no-answer' };
}
