/**
 * The resolver's cache: RRsets for their TTL (RFC 1035 7.4), negative answers for the SOA's
 * negative TTL (RFC 2308 5), and delegations (NS RRsets and their glue) so that a second lookup in
 * a zone skips the servers above it. TTLs count down by the injected clock; an answer taken from
 * the cache carries the time left, never the TTL it arrived with (RFC 1035 7.4). Bounded: the
 * least recently used entry goes first.
 */
import { negativeTtl } from '../negative.js';
import { RR_TYPES, type ResourceRecord } from '../types.js';
import { nameKey } from '../codec/names.js';

/**
 * How much a cached RRset is trusted (RFC 2181 5.4.1): an authoritative answer over data from the
 * authority section over glue from the additional section. Less trusted data never replaces more.
 */
export const RANK = { glue: 1, authority: 2, answer: 3 } as const;
export type Rank = (typeof RANK)[keyof typeof RANK];

/** NXDOMAIN: the name does not exist (any type). NODATA: the name exists without this type (RFC 2308 1, 2.2). */
export type NegativeKind = 'NXDOMAIN' | 'NODATA';

export interface NegativeHit {
  kind: NegativeKind;
  /** The SOA to put in the authority section, its TTL the seconds left (RFC 2308 5). */
  soa: ResourceRecord;
  ttl: number;
}

export interface Delegation {
  zone: string;
  servers: Array<{ name: string; addresses: string[] }>;
}

type Entry =
  | { kind: 'rrset'; records: ResourceRecord[]; expiresAt: number; rank: Rank }
  | { kind: NegativeKind; soa: ResourceRecord; expiresAt: number };

export interface CacheLimits {
  maxEntries: number;
  maxTtl: number;
  maxNegativeTtl: number;
}

/** The name and each of its ancestors up to the root: `a.b` -> `a.b`, `b`, ''. */
function selfAndAncestors(name: string): string[] {
  const labels = nameKey(name).split('.').filter((l) => l !== '');
  return [...labels.map((_, i) => labels.slice(i).join('.')), ''];
}

const rrsetKey = (name: string, type: number): string => `${nameKey(name)}/${type}`;
const nodataKey = (name: string, type: number): string => `${nameKey(name)}/${type}/-`;
const nxdomainKey = (name: string): string => `${nameKey(name)}/*/-`;

export class DnsCache {
  /** Insertion order is recency order: a hit moves its entry to the end, eviction takes the first. */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly limits: CacheLimits,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  flush(): void {
    this.entries.clear();
  }

  /**
   * Keeps one RRset (records of one name and type). Its TTL is the smallest of its records':
   * an RRset has one TTL (RFC 2181 5.2). TTL 0 means "use it for this transaction only, do not
   * cache" (RFC 1035 3.2.1). Returns the TTL kept, 0 when nothing was kept.
   */
  putRRset(records: ResourceRecord[], rank: Rank): number {
    const first = records[0];
    if (!first) return 0;
    const ttl = Math.min(this.limits.maxTtl, ...records.map((r) => r.ttl));
    if (ttl <= 0) return 0;
    const key = rrsetKey(first.name, first.type);
    const old = this.live(key);
    if (old?.kind === 'rrset' && old.rank > rank) return 0;
    const copies = records.map((r) => ({ ...r, ttl }));
    this.set(key, { kind: 'rrset', records: copies, expiresAt: this.now() + ttl * 1000, rank });
    this.entries.delete(nodataKey(first.name, first.type));
    this.entries.delete(nxdomainKey(first.name));
    return ttl;
  }

  /**
   * Keeps a negative answer for min(SOA TTL, SOA MINIMUM) seconds (RFC 2308 3, 5): NXDOMAIN for
   * the name whatever the type, NODATA for the name and type. Without an SOA it is not kept (RFC 2308 5).
   * Returns the TTL kept, 0 when nothing was kept.
   */
  putNegative(kind: NegativeKind, name: string, type: number, soa: ResourceRecord): number {
    if (soa.data.kind !== 'SOA') return 0;
    const ttl = Math.min(negativeTtl(soa), this.limits.maxNegativeTtl);
    if (ttl <= 0) return 0;
    const key = kind === 'NXDOMAIN' ? nxdomainKey(name) : nodataKey(name, type);
    this.set(key, { kind, soa: { ...soa, ttl }, expiresAt: this.now() + ttl * 1000 });
    return ttl;
  }

  /**
   * The RRset with the seconds it has left as every record's TTL, or undefined. `minRank`:
   * glue and referral data serve the walk but are never handed to a client as an answer
   * (RFC 2181 5.4.1), so answers ask for RANK.answer.
   */
  getRRset(name: string, type: number, minRank: Rank = RANK.glue): ResourceRecord[] | undefined {
    const entry = this.touch(rrsetKey(name, type));
    if (entry?.kind !== 'rrset' || entry.rank < minRank) return undefined;
    const ttl = this.secondsLeft(entry.expiresAt);
    return entry.records.map((r) => ({ ...r, ttl }));
  }

  /** A cached NXDOMAIN for the name, else a cached NODATA for the name and type. */
  getNegative(name: string, type: number): NegativeHit | undefined {
    const entry = this.touch(nxdomainKey(name)) ?? this.touch(nodataKey(name, type));
    if (!entry || entry.kind === 'rrset') return undefined;
    const ttl = this.secondsLeft(entry.expiresAt);
    return { kind: entry.kind, soa: { ...entry.soa, ttl }, ttl };
  }

  /**
   * The deepest zone at or above `name` whose NS RRset is cached and that `usable` accepts, with
   * the cached addresses of each name server (RFC 1034 5.3.3 step 2: start from the closest
   * known servers; a set whose glue has expired gives way to the zone above).
   */
  closestDelegation(name: string, usable: (d: Delegation) => boolean = () => true): Delegation | undefined {
    for (const zone of selfAndAncestors(name)) {
      const ns = this.getRRset(zone, RR_TYPES.NS);
      if (!ns) continue;
      const servers = ns.flatMap((r) => (r.data.kind === 'NS' ? [{ name: r.data.name, addresses: this.addressesOf(r.data.name) }] : []));
      const delegation = { zone, servers };
      if (usable(delegation)) return delegation;
    }
    return undefined;
  }

  /** The cached IPv4 then IPv6 addresses of a name. */
  addressesOf(name: string): string[] {
    const records = [...(this.getRRset(name, RR_TYPES.A) ?? []), ...(this.getRRset(name, RR_TYPES.AAAA) ?? [])];
    return records.flatMap((r) => (r.data.kind === 'A' || r.data.kind === 'AAAA' ? [r.data.address] : []));
  }

  private secondsLeft(expiresAt: number): number {
    return Math.max(0, Math.floor((expiresAt - this.now()) / 1000));
  }

  /** The entry if it has not expired; an expired one is dropped. */
  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A live entry, made the most recently used. */
  private touch(key: string): Entry | undefined {
    const entry = this.live(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  private set(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.limits.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
