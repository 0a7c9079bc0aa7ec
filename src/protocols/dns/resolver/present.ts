/**
 * The resolver's own transcript lines: the upstream query (`? example.test. IN MX @127.0.0.2 (root)`)
 * and one-line summaries of its decisions. Records themselves are presented by the codec's present.ts.
 */
import { RR_TYPES, RCODES } from '../types.js';
import { dotted } from './names.js';

const TYPE_NAMES = new Map<number, string>(Object.entries(RR_TYPES).map(([k, v]) => [v, k]));
const RCODE_NAMES = new Map<number, string>(Object.entries(RCODES).map(([k, v]) => [v, k]));

/** A type as dig names it; unknown types as TYPEnn (RFC 3597 5). */
export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

export function rcodeName(rcode: number): string {
  return RCODE_NAMES.get(rcode) ?? `RCODE${rcode}`;
}

/** The upstream question, the server and which zone's server it is: `? example.test. IN MX @127.0.0.2 (root)`. */
export function queryLine(name: string, type: number, host: string, zone: string): string {
  return `? ${dotted(name)} IN ${typeName(type)} @${host} (${zone === '' ? 'root' : dotted(zone)})`;
}

/** TEMPORARY until the codec's present.ts lands (t1): a record as dig prints it. */
export function recordLine(r: import('../types.js').ResourceRecord): string {
  const d = r.data;
  const rdata =
    d.kind === 'A' || d.kind === 'AAAA' ? d.address
    : d.kind === 'NS' || d.kind === 'CNAME' || d.kind === 'PTR' ? dotted(d.name)
    : d.kind === 'MX' ? `${d.preference} ${dotted(d.exchange)}`
    : d.kind === 'TXT' ? d.strings.map((s) => JSON.stringify(s)).join(' ')
    : d.kind === 'SOA' ? `${dotted(d.mname)} ${dotted(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`
    : `\\# ${d.bytes.length}`;
  return `${dotted(r.name)} ${r.ttl} IN ${typeName(r.type)} ${rdata}`;
}
