/**
 * What the cache keeps of a usable upstream reply: the answer's RRsets, the CNAMEs on the way,
 * a referral's NS RRset and glue (so the next lookup in that zone starts there), and a negative
 * answer with its SOA (RFC 2308 5). Only records the classifier kept (in the server's bailiwick).
 * Returns what was kept of the answer and of negative answers, for the transcript.
 */
import { nameKey } from '../codec/names.js';
import type { DnsMessage, ResourceRecord } from '../types.js';
import { RANK, type DnsCache, type NegativeKind, type Rank } from './cache.js';
import type { Referral, Verdict } from './classify.js';

export type Stored = { name: string; type: number; ttl: number; negative?: NegativeKind };

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

function rememberSets(cache: DnsCache, records: ResourceRecord[], rank: Rank): Stored[] {
  return rrsets(records).flatMap((set) => {
    const ttl = cache.putRRset(set, rank);
    const first = set[0];
    return ttl > 0 && first ? [{ name: first.name, type: first.type, ttl }] : [];
  });
}

export function remember(cache: DnsCache, reply: DnsMessage, verdict: Verdict): Stored[] {
  // An authoritative answer outranks what a referral or a non-authoritative answer said (RFC 2181 5.4.1).
  const answerRank: Rank = reply.header.aa ? RANK.answer : RANK.authority;
  switch (verdict.kind) {
    case 'answer':
      return rememberSets(cache, [...verdict.chain, ...verdict.records], answerRank);
    case 'cname':
      if (verdict.referral) rememberReferral(cache, verdict.referral);
      return rememberSets(cache, verdict.chain, answerRank);
    case 'referral':
      rememberReferral(cache, verdict);
      return [];
    case 'negative': {
      const stored = rememberSets(cache, verdict.chain, answerRank);
      const type = reply.questions[0]?.type ?? 0;
      const ttl = verdict.soa ? cache.putNegative(verdict.negative, verdict.name, type, verdict.soa) : 0;
      return ttl > 0 ? [...stored, { name: verdict.name, type, ttl, negative: verdict.negative }] : stored;
    }
    default:
      return [];
  }
}
