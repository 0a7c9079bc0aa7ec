/**
 * The lab's recursive resolver (RFC 1034 5.3.3, RFC 1035 7): answers a client by walking from the
 * lab's root through the delegations itself, caching what it learns (RFC 1035 7.4) and what does
 * not exist (RFC 2308), and putting each step in the transcript. Pure core: the network is the
 * injected `exchange` (exchange.ts is the socket one), the clock the injected `now`.
 */
import { DNS_EDNS_UDP_SIZE, DNS_RESOLVER_LIMITS } from '../../../limits.js';
import { randomInt } from 'node:crypto';
import { CLASS_IN, RCODES, RR_TYPES, type DnsMessage } from '../types.js';
import { DnsCache } from './cache.js';
import { ResolverLog } from './events.js';
import { fromCache, lookup, type LookupResult } from './lookup.js';
import { refusal, respond } from './respond.js';
import type { ResolveContext, Resolver, ResolverLimits, ResolverOptions } from './types.js';
import { BudgetExceeded, type WalkEnv, type WalkState } from './walk.js';

export type { Exchange, ResolveContext, Resolver, ResolverLimits, ResolverOptions } from './types.js';
export { DnsCache } from './cache.js';

export function createResolver(opts: ResolverOptions): Resolver {
  const limits: ResolverLimits = { ...DNS_RESOLVER_LIMITS, ...opts.limits };
  const cache = new DnsCache(opts.now, { maxEntries: limits.maxCacheEntries, maxTtl: limits.maxTtl, maxNegativeTtl: limits.maxNegativeTtl });
  const defaultPort = opts.rootHints[0]?.port ?? 53;
  const env: WalkEnv = {
    rootHints: opts.rootHints,
    exchange: opts.exchange,
    now: opts.now,
    cache,
    limits,
    portOf: opts.portOf ?? (() => defaultPort),
    nextId: opts.nextId ?? (() => randomInt(0, 0x10000)),
    ednsUdpSize: opts.ednsUdpSize ?? DNS_EDNS_UDP_SIZE,
  };
  const resolve = async (query: DnsMessage, ctx: ResolveContext): Promise<DnsMessage> => {
    const refused = refusal(query, CLASS_IN);
    if (refused !== undefined) return respond(query, { rcode: refused }, env.ednsUdpSize);
    const log = new ResolverLog(opts.sink, opts.now, ctx);
    const question = query.questions[0] as DnsMessage['questions'][number];
    const result = query.header.rd ? await recurse(env, log, question.name, question.type) : fromCacheOnly(env, log, question.name, question.type);
    if (result.failure) log.note(`SERVFAIL: ${result.failure}`, 'servfail', { reason: result.failure });
    return respond(query, result, env.ednsUdpSize);
  };
  return { resolve, cache };
}

async function recurse(env: WalkEnv, log: ResolverLog, name: string, type: number): Promise<LookupResult> {
  const state: WalkState = {
    log,
    budget: { started: env.now(), queries: 0, referrals: 0 },
    depth: 0,
    addressesOf: async (nsName, inner) => {
      const found = await lookup(env, inner, nsName, RR_TYPES.A);
      // The chain before them holds only CNAMEs: every A record is the name server's.
      return found.answers.flatMap((r) => (r.data.kind === 'A' ? [r.data.address] : []));
    },
  };
  try {
    return await lookup(env, state, name, type);
  } catch (err) {
    // A spent budget (RFC 1035 7.1) or a bug: the client gets SERVFAIL, never silence.
    const failure = err instanceof BudgetExceeded ? err.reason : 'internal';
    return { rcode: RCODES.SERVFAIL, answers: [], authority: [], failure };
  }
}

/**
 * RD=0: the client asks what we already know (RFC 1034 4.3.1: without recursion a server answers
 * from its own data): the cached answer, the cached CNAME, or the cached negative answer. A miss
 * is REFUSED rather than a walk the client did not ask for.
 */
function fromCacheOnly(env: WalkEnv, log: ResolverLog, name: string, type: number): LookupResult {
  const cached = fromCache(env, log, name, type);
  switch (cached?.kind) {
    case 'answer':
      return { rcode: RCODES.NOERROR, answers: cached.records, authority: [] };
    case 'cname':
      return { rcode: RCODES.NOERROR, answers: cached.chain, authority: [] };
    case 'negative':
      return { rcode: cached.negative === 'NXDOMAIN' ? RCODES.NXDOMAIN : RCODES.NOERROR, answers: [], authority: cached.soa ? [cached.soa] : [] };
    default:
      return { rcode: RCODES.REFUSED, answers: [], authority: [] };
  }
}
