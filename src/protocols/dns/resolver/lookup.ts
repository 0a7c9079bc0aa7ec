/**
 * The resolver's algorithm for one question (RFC 1034 5.3.3): look in the cache first (step 1),
 * else walk from the closest known servers (steps 2-4); when the answer is a CNAME, start again
 * at its target (RFC 1034 3.6.2, 5.3.3 step 4c), however many zones the chain crosses, with a
 * bound on its length and a check for loops.
 */
import { RCODES, RR_TYPES, type ResourceRecord } from '../types.js';
import { RANK, type NegativeHit } from './cache.js';
import { nameKey, presentName } from '../codec/names.js';
import { negativeTtl } from '../negative.js';
import { typeName } from '../codec/types.js';
import type { ResolverLog } from './events.js';
import { walk, type Outcome, type WalkEnv, type WalkState } from './walk.js';

export interface LookupResult {
  rcode: number;
  /** The CNAMEs followed, then the records of the final name. */
  answers: ResourceRecord[];
  /** The SOA of a negative answer, its TTL the negative TTL (RFC 2308 3). */
  authority: ResourceRecord[];
  /** Why the answer is SERVFAIL, for the transcript. */
  failure?: string;
}

/** RFC 1034 5.3.3 step 1: the answer, a CNAME to follow, or a negative answer, from the cache. */
export function fromCache(env: WalkEnv, log: ResolverLog, name: string, type: number): Outcome | undefined {
  const shown = `${presentName(name)} ${typeName(type)}`;
  const records = type === RR_TYPES.ANY ? undefined : env.cache.getRRset(name, type, RANK.answer);
  if (records) {
    log.note(`cache hit: ${shown}, ${records[0]?.ttl ?? 0} s left`, 'cache-hit', { name, type: typeName(type), ttl: records[0]?.ttl ?? 0 });
    return { kind: 'answer', chain: [], records };
  }
  const cname = type === RR_TYPES.CNAME ? undefined : env.cache.getRRset(name, RR_TYPES.CNAME, RANK.answer);
  if (cname?.[0]?.data.kind === 'CNAME') {
    log.note(`cache hit: ${presentName(name)} CNAME, ${cname[0].ttl} s left`, 'cache-hit', { name, type: 'CNAME', ttl: cname[0].ttl });
    return { kind: 'cname', chain: cname, target: cname[0].data.name };
  }
  const negative: NegativeHit | undefined = env.cache.getNegative(name, type);
  if (negative) {
    const params = { name, type: typeName(type), rcode: negative.kind, ttl: negative.ttl };
    log.note(`negative cache hit: ${shown} is ${negative.kind}, ${negative.ttl} s left`, 'negative-cache-hit', params);
    return { kind: 'negative', negative: negative.kind, chain: [], name, soa: negative.soa };
  }
  log.note(`cache miss: ${shown}`, 'cache-miss', { name, type: typeName(type) });
  return undefined;
}

/** RRsets as we hand them on: one TTL per RRset, the smallest (RFC 2181 5.2), never above our cap. */
function oneTtl(records: ResourceRecord[], maxTtl: number): ResourceRecord[] {
  const ttls = new Map<string, number>();
  for (const r of records) {
    const key = `${nameKey(r.name)}/${r.type}`;
    ttls.set(key, Math.min(ttls.get(key) ?? maxTtl, r.ttl));
  }
  return records.map((r) => ({ ...r, ttl: ttls.get(`${nameKey(r.name)}/${r.type}`) ?? r.ttl }));
}

/** SERVFAIL carries no partial chain: a client must not take half an answer for one (RFC 1035 4.1.1 "unable to process"). */
const servfail = (_chain: ResourceRecord[], failure: string): LookupResult => ({ rcode: RCODES.SERVFAIL, answers: [], authority: [], failure });

export async function lookup(env: WalkEnv, state: WalkState, qname: string, type: number): Promise<LookupResult> {
  const chain: ResourceRecord[] = [];
  const seen = new Set([nameKey(qname)]);
  let name = qname;
  for (;;) {
    const outcome = fromCache(env, state.log, name, type) ?? (await walk(env, state, name, type));
    if (outcome.kind === 'servfail') return servfail(chain, outcome.reason);
    for (const cname of outcome.chain) {
      chain.push(cname);
      const target = cname.data.kind === 'CNAME' ? nameKey(cname.data.name) : '';
      if (chain.length > env.limits.maxCnameChain) return servfail(chain, 'cname-chain-too-long');
      // A name met twice is a loop: no answer will ever come (RFC 1034 3.6.2).
      if (seen.has(target) && outcome.kind !== 'answer') return servfail(chain, 'cname-loop');
      seen.add(target);
    }
    if (outcome.kind === 'answer') return { rcode: RCODES.NOERROR, answers: oneTtl([...chain, ...outcome.records], env.limits.maxTtl), authority: [] };
    if (outcome.kind === 'negative') {
      const soa = outcome.soa?.data.kind === 'SOA' ? [{ ...outcome.soa, ttl: negativeTtl(outcome.soa) }] : [];
      const rcode = outcome.negative === 'NXDOMAIN' ? RCODES.NXDOMAIN : RCODES.NOERROR;
      return { rcode, answers: oneTtl(chain, env.limits.maxTtl), authority: soa };
    }
    name = outcome.target;
  }
}
