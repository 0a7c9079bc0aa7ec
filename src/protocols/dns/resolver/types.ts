/**
 * The recursive resolver's contract: what it needs injected (the network, the clock, the
 * transcript) and what it offers. The core (walk, cache, answer) touches no socket and no clock:
 * `exchange` is its only way out and `now` its only time, so the whole walk runs in unit tests
 * against in-memory authoritative servers with a fake clock.
 */
import type { Address } from '../../server.js';
import type { TranscriptSink } from '../../transcript.js';
import type { DnsMessage, DnsTransport } from '../types.js';
import type { DnsCache } from './cache.js';

/** Sends one query to one server over one transport and returns its reply; throws on timeout or a broken exchange. */
export type Exchange = (server: Address, query: DnsMessage, transport: DnsTransport) => Promise<DnsMessage>;

/**
 * Bounds on the work one client query may cause (RFC 1035 7.1 asks a resolver to bound its work,
 * so a bad zone cannot make it loop). Defaults are in src/limits.ts (the DNS resolver block).
 */
export interface ResolverLimits {
  /** Referrals followed for one client query, across CNAME hops and glueless NS lookups. */
  maxReferrals: number;
  /** Upstream queries sent for one client query. */
  maxQueries: number;
  /** Milliseconds (by `now()`) one client query may take before SERVFAIL. */
  maxTimeMs: number;
  /** CNAME records followed in one answer (RFC 1034 3.6.2: chains should be short; loops are errors). */
  maxCnameChain: number;
  /** Nesting of lookups of out-of-zone name server names without glue (RFC 1034 5.3.3 step 3). */
  maxGluelessDepth: number;
  /** RRsets and negative entries the cache keeps; the least recently used go first. */
  maxCacheEntries: number;
  /** Longest a positive RRset is kept, in seconds (RFC 2181 8 allows TTLs up to 2^31-1; a resolver caps them). */
  maxTtl: number;
  /** Longest a negative answer is kept, in seconds (RFC 2308 5: one to three hours is a reasonable cap). */
  maxNegativeTtl: number;
}

export interface ResolverOptions {
  /** The root servers to start from when nothing closer is cached (the lab's own root, never the Internet's). */
  rootHints: Address[];
  exchange: Exchange;
  /** Milliseconds since the epoch; the only clock the resolver reads. */
  now: () => number;
  sink?: TranscriptSink;
  limits?: Partial<ResolverLimits>;
  /**
   * The port to reach a server at the address a referral's glue names. The lab runs every
   * authoritative server on one port (each on its own 127.0.0.x), so the default is the root
   * hints' port; where they share 127.0.0.1 (macOS), the lab passes a port per name server.
   */
  portOf?: (host: string, nsName: string) => number;
  /** Query ids (RFC 5452 9.2: random, so a reply cannot be guessed); tests may fix them. */
  nextId?: () => number;
  /** The EDNS UDP size the resolver advertises upstream and to its clients (RFC 6891 6.2.5). */
  ednsUdpSize?: number;
}

/** Who asked: ties the resolver's transcript lines to the client's query (LineEvent session and port). */
export interface ResolveContext {
  session: string;
  port: number;
}

export interface Resolver {
  /** Answers a client's query (RD set: recursively; RD clear: from the cache only). Never throws. */
  resolve(query: DnsMessage, ctx: ResolveContext): Promise<DnsMessage>;
  readonly cache: DnsCache;
}
