import { negativeTtl } from './negative.js';
import type { KnowledgeRef } from '../transcript.js';
import { typeName } from './codec/types.js';
import { baseResponse, screenQuery, type DnsReply } from './screen.js';
import { RCODES, RR_TYPES, type DnsMessage, type ResourceRecord } from './types.js';
import { cutAbove, rrset, ZoneIndex, type IndexedZone } from './zone-index.js';
import type { ZoneSpec } from './zones.js';

/**
 * The authoritative answer (RFC 1034 4.3.2, the algorithm a name server runs for a query): pure,
 * no sockets, no clock, the same for every query. DNS keeps no state between queries (RFC 1035
 * 4.2), so unlike SMTP or IMAP there is no session state machine: each query is answered alone,
 * and the transcript calls its lines 'query' and 'response'.
 *
 *   a name in one of our zones        AA, the RRset (CNAME followed inside the zone)
 *   a name below a zone cut           referral: NS in authority, glue in additional, no AA
 *   no such name                      NXDOMAIN + SOA in authority (RFC 2308 2.1)
 *   the name, but not that type       NOERROR, empty answer + SOA (NODATA, RFC 2308 2.2)
 *   a name in none of our zones       REFUSED (RFC 1035 4.1.1; RFC 8906: answer, never stay silent)
 *   ANY                               one RRset, not all (RFC 8482 4.1)
 */

/** CNAMEs followed inside one zone before giving the chain to the resolver: l7lab's choice, above any lab chain. */
const MAX_CNAME_HOPS = 8;
/** Types that ask for a zone transfer (RFC 5936, RFC 1995): the lab offers none. */
const TRANSFER_TYPES = new Set([251, 252]);

export interface Authority {
  /** Answer one decoded query (already screened or not: this screens it again). */
  answer(query: DnsMessage): DnsReply | 'drop';
  /** The origins this server is authoritative for. */
  readonly origins: string[];
}

export function createAuthority(zones: readonly ZoneSpec[]): Authority {
  const index = new ZoneIndex(zones);
  return { answer: (query) => authoritativeAnswer(query, index), origins: index.origins };
}

export function authoritativeAnswer(query: DnsMessage, index: ZoneIndex): DnsReply | 'drop' {
  const screened = screenQuery(query);
  if (screened !== null) return screened;
  const q = query.questions[0]!;
  const name = q.name.toLowerCase();
  const zone = index.findZone(name);
  if (!zone) return { response: baseResponse(query, RCODES.REFUSED), notes: [{ key: 'refused', params: { reason: 'not-our-zone' } }] };
  const cut = cutAbove(zone, name);
  if (cut !== null) return referral(query, zone, cut);
  if (TRANSFER_TYPES.has(q.type)) return { response: baseResponse(query, RCODES.REFUSED), notes: [{ key: 'refused', params: { reason: 'transfer' } }] };
  return answerInZone(query, zone, name, q.type);
}

/** The SOA for a negative answer: its TTL is min(SOA TTL, MINIMUM) (RFC 2308 3). */
function negativeSoa(zone: IndexedZone): ResourceRecord {
  return { ...zone.soa, ttl: negativeTtl(zone.soa) };
}

/** A referral (RFC 1034 4.3.2 step 3b): the child's NS RRset in authority, glue we hold in additional, no AA. */
function referral(query: DnsMessage, zone: IndexedZone, cut: string): DnsReply {
  const response = baseResponse(query, RCODES.NOERROR);
  const nsSet = rrset(zone, cut, RR_TYPES.NS) ?? [];
  response.authority = nsSet.map(copy);
  response.additional = addressesOf(zone, nsSet);
  return { response, notes: [{ key: 'referral', params: { zone: cut } }] };
}

/** A and AAAA records this zone holds for the hosts some records name (glue, MX exchanges: RFC 1035 3.3.9, 3.3.11). */
function addressesOf(zone: IndexedZone, records: ResourceRecord[]): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const r of records) {
    const host = r.data.kind === 'NS' ? r.data.name : r.data.kind === 'MX' ? r.data.exchange : null;
    if (host === null) continue;
    for (const type of [RR_TYPES.A, RR_TYPES.AAAA]) out.push(...(rrset(zone, host.toLowerCase(), type) ?? []).map(copy));
  }
  return out;
}

function copy(r: ResourceRecord): ResourceRecord {
  return { ...r };
}

function answerInZone(query: DnsMessage, zone: IndexedZone, qname: string, qtype: number): DnsReply {
  const response = baseResponse(query, RCODES.NOERROR, true);
  const notes: KnowledgeRef[] = [];
  let name = qname;
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const node = zone.nodes.get(name);
    if (!node) {
      // The name does not exist, or exists only as an empty non-terminal (RFC 8020 2). After a
      // CNAME the rcode speaks of the last name of the chain (RFC 6604 3).
      const exists = zone.existing.has(name);
      response.header.rcode = exists ? RCODES.NOERROR : RCODES.NXDOMAIN;
      return negative(response, zone, notes, name, qtype, exists);
    }
    const wanted = qtype === RR_TYPES.ANY ? firstRrset(node) : node.get(qtype);
    if (wanted) {
      response.answers.push(...wanted.map(copy));
      response.additional = addressesOf(zone, wanted);
      return { response, notes };
    }
    const cname = node.get(RR_TYPES.CNAME)?.[0];
    if (!cname || cname.data.kind !== 'CNAME') return negative(response, zone, notes, name, qtype, true);
    // An alias: the CNAME, then the canonical name's data if this zone holds it (RFC 1034 3.6.2, 4.3.2 step 3a).
    response.answers.push(copy(cname));
    const target = cname.data.name.toLowerCase();
    if (!inZone(zone, target)) return { response, notes };
    name = target;
  }
  return { response, notes };
}

/** Inside the zone and above every cut: the zone's own data. */
function inZone(zone: IndexedZone, name: string): boolean {
  const inside = zone.origin === '' || name === zone.origin || name.endsWith(`.${zone.origin}`);
  return inside && cutAbove(zone, name) === null;
}

/** RFC 8482 4.1: ANY gets one RRset of the name, not all of them, so it cannot amplify. */
function firstRrset(node: Map<number, ResourceRecord[]>): ResourceRecord[] | undefined {
  return node.values().next().value;
}

function negative(response: DnsMessage, zone: IndexedZone, notes: KnowledgeRef[], name: string, qtype: number, exists: boolean): DnsReply {
  response.authority = [negativeSoa(zone)];
  if (exists) notes.push({ key: 'nodata', params: { name, type: typeName(qtype) } });
  return { response, notes };
}
