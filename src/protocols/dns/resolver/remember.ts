/**
 * What the cache keeps of a usable upstream reply: the answer's RRsets, the CNAMEs on the way,
 * a referral's NS RRset and glue (so the next lookup in that zone starts there), and a negative
 * answer with its SOA (RFC 2308 5). Only records the classifier kept (in the server's bailiwick).
 */
import type { DnsMessage, ResourceRecord } from '../types.js';
import { RANK, type DnsCache, type Rank } from './cache.js';
import type { Referral, Verdict } from './classify.js';
import { nameKey } from './names.js';

/** Groups records into RRsets: same owner (case-insensitively) and type (RFC 2181 5). */
export function rrsets(records: ResourceRecord[]): ResourceRecord[][] {
  const sets = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    const key = `${nameKey(r.name)}/${r.type}`;
    const set = sets.get(key);
    if (set) set.push(r);
    else sets.set(key, [r]);
  }
  return [...sets.values()];
}

function rememberReferral(cache: DnsCache, referral: Referral): void {
  cache.putRRset(referral.ns, RANK.authority);
  for (const set of rrsets(referral.glue)) cache.putRRset(set, RANK.glue);
}

export function remember(cache: DnsCache, reply: DnsMessage, verdict: Verdict): void {
  // An authoritative answer outranks what a referral or a non-authoritative answer said (RFC 2181 5.4.1).
  const answerRank: Rank = reply.header.aa ? RANK.answer : RANK.authority;
  switch (verdict.kind) {
    case 'answer':
      for (const set of rrsets([...verdict.chain, ...verdict.records])) cache.putRRset(set, answerRank);
      return;
    case 'cname':
      for (const set of rrsets(verdict.chain)) cache.putRRset(set, answerRank);
      if (verdict.referral) rememberReferral(cache, verdict.referral);
      return;
    case 'referral':
      rememberReferral(cache, verdict);
      return;
    case 'negative': {
      for (const set of rrsets(verdict.chain)) cache.putRRset(set, answerRank);
      const type = reply.questions[0]?.type ?? 0;
      if (verdict.soa) cache.putNegative(verdict.negative, verdict.name, type, verdict.soa);
      return;
    }
    default:
      return;
  }
}
