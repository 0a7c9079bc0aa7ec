import { CLASS_IN, RR_TYPES, type ResourceRecord } from './types.js';
import { DEFAULT_TTL, soaOf, type ZoneRecord, type ZoneSpec } from './zones.js';

/**
 * The zones of one authoritative server, indexed for answering: records by owner name and type,
 * the names that exist, and the delegation points. Built once when the server starts; a query
 * then costs a few Map lookups. Names are compared in lower case (RFC 4343 3).
 */
export interface IndexedZone {
  origin: string;
  soa: ResourceRecord;
  /** owner -> TYPE -> the RRset (RFC 2181 5: the records of one name, class and type). */
  nodes: Map<string, Map<number, ResourceRecord[]>>;
  /** Every name with records, and every ancestor of one up to the apex: empty non-terminals exist (RFC 8020 2). */
  existing: Set<string>;
  /** Owners of NS records below the apex: zone cuts (RFC 1034 4.2.1). */
  cuts: Set<string>;
}

/** The parent of a name ('' for a TLD); null for the root. */
export function parentOf(name: string): string | null {
  if (name === '') return null;
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** True when `name` is `ancestor` or below it. */
export function isAtOrBelow(name: string, ancestor: string): boolean {
  if (ancestor === '') return true;
  return name === ancestor || name.endsWith(`.${ancestor}`);
}

function toRecord(r: ZoneRecord): ResourceRecord {
  return { name: r.name, type: RR_TYPES[r.data.kind], class: CLASS_IN, ttl: r.ttl ?? DEFAULT_TTL, data: r.data };
}

function indexZone(spec: ZoneSpec): IndexedZone {
  const origin = spec.origin.toLowerCase();
  const soa = toRecord(soaOf(spec));
  const apexNs = spec.ns.map((host): ZoneRecord => ({ name: spec.origin, data: { kind: 'NS', name: host } }));
  const nodes = new Map<string, Map<number, ResourceRecord[]>>();
  const existing = new Set<string>();
  const cuts = new Set<string>();
  for (const r of [soaOf(spec), ...apexNs, ...spec.records]) {
    const rr = toRecord({ ...r, name: r.name.toLowerCase() });
    if (!isAtOrBelow(rr.name, origin)) throw new Error(`${rr.name} is outside the zone ${origin || '.'}`);
    let node = nodes.get(rr.name);
    if (!node) nodes.set(rr.name, (node = new Map()));
    const set = node.get(rr.type);
    if (set) set.push(rr);
    else node.set(rr.type, [rr]);
    if (rr.type === RR_TYPES.NS && rr.name !== origin) cuts.add(rr.name);
    for (let n: string | null = rr.name; n !== null && isAtOrBelow(n, origin); n = parentOf(n)) {
      existing.add(n);
      if (n === origin) break;
    }
  }
  return { origin, soa, nodes, existing, cuts };
}

export class ZoneIndex {
  private readonly byOrigin = new Map<string, IndexedZone>();

  constructor(zones: readonly ZoneSpec[]) {
    for (const z of zones) this.byOrigin.set(z.origin.toLowerCase(), indexZone(z));
  }

  get origins(): string[] {
    return [...this.byOrigin.keys()];
  }

  /** The zone with the longest origin that contains the name (RFC 1034 4.3.2 step 2); null if none. */
  findZone(name: string): IndexedZone | null {
    for (let n: string | null = name; n !== null; n = parentOf(n)) {
      const zone = this.byOrigin.get(n);
      if (zone) return zone;
    }
    return null;
  }
}

/** The highest zone cut between the apex (exclusive) and the name (inclusive): below it the zone is not authoritative. */
export function cutAbove(zone: IndexedZone, name: string): string | null {
  if (zone.cuts.size === 0) return null;
  let found: string | null = null;
  for (let n: string | null = name; n !== null && n !== zone.origin; n = parentOf(n)) {
    if (zone.cuts.has(n)) found = n;
  }
  return found;
}

/** The RRset of a name and type, as the zone holds it (shared: callers must not change it). */
export function rrset(zone: IndexedZone, name: string, type: number): ResourceRecord[] | undefined {
  return zone.nodes.get(name)?.get(type);
}
