/**
 * One name, one type, walked down from the closest servers we know (RFC 1034 5.3.3): ask a server
 * with RD=0, follow referrals to closer zones using their glue (or, without glue, the name
 * server's address looked up on its own), move to the next server when one fails, and stop at an
 * answer, a CNAME to chase, or a negative answer. The work is bounded by the query's budget.
 */
import type { Address } from '../../server.js';
import { CLASS_IN, RCODES, type DnsMessage, type DnsTransport } from '../types.js';
import type { Delegation, DnsCache } from './cache.js';
import { classify, type Referral, type Verdict } from './classify.js';
import type { ResolverLog } from './events.js';
import { inZone, nameKey, presentName } from '../codec/names.js';
import { logStored, logVerdict } from './verdict-lines.js';
import { remember } from './remember.js';
import type { Exchange, ResolverLimits } from './types.js';

export interface WalkEnv {
  rootHints: Address[];
  exchange: Exchange;
  now: () => number;
  cache: DnsCache;
  limits: ResolverLimits;
  portOf: (host: string, nsName: string) => number;
  nextId: () => number;
  ednsUdpSize: number;
}

/** The work one client query has done so far: one object, shared by its CNAME hops and glueless lookups. */
export interface Budget {
  started: number;
  queries: number;
  referrals: number;
}

export interface WalkState {
  log: ResolverLog;
  budget: Budget;
  /** Nesting of glueless name server lookups. */
  depth: number;
  /** Looks up a name server's addresses when a referral brought no glue. */
  addressesOf(nsName: string, state: WalkState): Promise<string[]>;
}

export type BudgetReason = 'too-many-queries' | 'timeout' | 'too-many-referrals';

/** The query's budget is spent: the resolver gives up with SERVFAIL rather than loop (RFC 1035 7.1). */
export class BudgetExceeded extends Error {
  constructor(readonly reason: BudgetReason) {
    super(`resolver budget exceeded: ${reason}`);
  }
}

export type Outcome = Exclude<Verdict, Referral | { kind: 'lame' } | { kind: 'loop' }> | { kind: 'servfail'; reason: string };

interface ServerSet {
  zone: string;
  servers: Array<{ name: string; addresses: Address[] }>;
}

const rootSet = (env: WalkEnv): ServerSet => ({ zone: '', servers: env.rootHints.map((a) => ({ name: '', addresses: [a] })) });

function toServerSet(env: WalkEnv, zone: string, servers: Array<{ name: string; addresses: string[] }>): ServerSet {
  return { zone, servers: servers.map((s) => ({ name: s.name, addresses: s.addresses.map((host) => ({ host, port: env.portOf(host, s.name) })) })) };
}

/**
 * A cached delegation can be used when one of its servers has a cached address, or a name outside
 * the zone that can be looked up; in-zone servers whose glue has expired cannot be reached.
 */
const reachable = (d: Delegation): boolean => d.servers.some((s) => s.addresses.length > 0 || !inZone(s.name, d.zone));

/** RFC 1034 5.3.3 step 2: the closest zone whose servers are cached and reachable, else the root hints. */
function startSet(env: WalkEnv, name: string): ServerSet {
  const cached = env.cache.closestDelegation(name, reachable);
  return cached ? toServerSet(env, cached.zone, cached.servers) : rootSet(env);
}

function referralSet(env: WalkEnv, referral: Referral): ServerSet {
  const servers = referral.ns.flatMap((r) => {
    if (r.data.kind !== 'NS') return [];
    const ns = r.data.name;
    const addresses = referral.glue.flatMap((g) => (nameKey(g.name) === nameKey(ns) && (g.data.kind === 'A' || g.data.kind === 'AAAA') ? [g.data.address] : []));
    return [{ name: ns, addresses }];
  });
  return toServerSet(env, referral.zone, servers);
}

export async function walk(env: WalkEnv, state: WalkState, name: string, type: number): Promise<Outcome> {
  let set = startSet(env, name);
  let fromCache = set.zone !== '';
  for (;;) {
    const verdict = await askSet(env, state, set, name, type);
    if (!verdict) {
      if (!fromCache) return { kind: 'servfail', reason: 'all-servers-failed' };
      // Every cached server of the zone failed (their addresses may have changed): start once more
      // from the root (RFC 1034 5.3.3 step 4d, then step 2).
      state.log.note(`no server of ${presentName(set.zone)} answered; starting again from the root`, 'restart-from-root', { zone: set.zone });
      set = rootSet(env);
      fromCache = false;
      continue;
    }
    if (verdict.kind === 'loop') return { kind: 'servfail', reason: 'cname-loop' };
    if (verdict.kind !== 'referral') return verdict;
    state.budget.referrals += 1;
    if (state.budget.referrals > env.limits.maxReferrals) throw new BudgetExceeded('too-many-referrals');
    set = referralSet(env, verdict);
    // Servers just named by a referral are fresh: if they fail, a restart would only meet them again.
    fromCache = false;
  }
}

/** RFC 1034 5.3.3 step 3: try each server of the set in turn until one gives a usable reply. */
async function askSet(env: WalkEnv, state: WalkState, set: ServerSet, name: string, type: number): Promise<Exclude<Verdict, { kind: 'lame' }> | undefined> {
  for (const server of set.servers) {
    const addresses = server.addresses.length > 0 ? server.addresses : await glueless(env, state, server.name, set.zone);
    for (const address of addresses) {
      const session = state.log.nextExchange();
      const reply = await send(env, state, session, address, set.zone, name, type);
      if (!reply) continue;
      const verdict = classify(reply, name, type, set.zone);
      logVerdict(state.log, session, verdict, address.host, type);
      if (verdict.kind === 'lame') continue;
      logStored(state.log, remember(env.cache, reply, verdict));
      return verdict;
    }
  }
  return undefined;
}

/**
 * A referral named a server without glue: look its address up first, unless the name lies in the
 * zone it serves (its address could only come from itself) or the nesting is too deep.
 */
async function glueless(env: WalkEnv, state: WalkState, nsName: string, zone: string): Promise<Address[]> {
  if (nsName === '' || inZone(nsName, zone) || state.depth >= env.limits.maxGluelessDepth) return [];
  state.log.note(`no glue for ${presentName(nsName)}: looking up its address first`, 'resolve-ns', { name: nsName });
  const hosts = await state.addressesOf(nsName, { ...state, depth: state.depth + 1 });
  return hosts.map((host) => ({ host, port: env.portOf(host, nsName) }));
}

function spend(env: WalkEnv, state: WalkState): void {
  const budget = state.budget;
  if (budget.queries >= env.limits.maxQueries) throw new BudgetExceeded('too-many-queries');
  if (env.now() - budget.started > env.limits.maxTimeMs) throw new BudgetExceeded('timeout');
  budget.queries += 1;
}

function upstreamQuery(env: WalkEnv, name: string, type: number): DnsMessage {
  return {
    header: { id: env.nextId(), qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: 0, rcode: RCODES.NOERROR },
    questions: [{ name, type, class: CLASS_IN }],
    answers: [],
    authority: [],
    additional: [],
    edns: { udpSize: env.ednsUdpSize, extendedRcode: 0, version: 0, dnssecOk: false, options: [] },
  };
}

/** A reply answers our query when it is a response with our id and our question (RFC 5452 9.1). */
function matches(query: DnsMessage, reply: DnsMessage): boolean {
  const q = query.questions[0];
  const r = reply.questions[0];
  return reply.header.qr && reply.header.id === query.header.id && !!q && !!r && nameKey(q.name) === nameKey(r.name) && q.type === r.type;
}

/** One exchange over one transport: the query line, then the reply's lines, or a note saying why there is none. */
async function exchangeOnce(env: WalkEnv, state: WalkState, session: string, server: Address, zone: string, query: DnsMessage, transport: DnsTransport): Promise<DnsMessage | undefined> {
  spend(env, state);
  const q = query.questions[0] as DnsMessage['questions'][number];
  state.log.query(session, server.host, zone, q.name, q.type, transport);
  try {
    const reply = await env.exchange(server, query, transport);
    if (matches(query, reply)) {
      state.log.reply(session, reply, transport);
      return reply;
    }
    state.log.exchangeNote(session, `the reply from ${server.host} does not match the query: ignored`, 'upstream-mismatch', { server: server.host });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    state.log.exchangeNote(session, `no reply from ${server.host} (${reason}): trying the next server`, 'upstream-timeout', { server: server.host, reason });
  }
  return undefined;
}

/** One upstream query over UDP, again over TCP when the reply was truncated (RFC 1035 4.2.1, RFC 7766 5). */
async function send(env: WalkEnv, state: WalkState, session: string, server: Address, zone: string, name: string, type: number): Promise<DnsMessage | undefined> {
  const query = upstreamQuery(env, name, type);
  const reply = await exchangeOnce(env, state, session, server, zone, query, 'udp');
  if (!reply?.header.tc) return reply;
  state.log.exchangeNote(session, `truncated (TC): asking ${server.host} again over TCP`, 'tcp-retry', { server: server.host });
  return exchangeOnce(env, state, session, server, zone, query, 'tcp');
}
