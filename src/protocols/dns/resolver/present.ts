/**
 * The resolver's own transcript lines: the upstream query (`? example.test. IN MX @127.0.0.2 (root)`),
 * and, until the codec's present.ts lands, the reply's header and records as dig prints them.
 */
import { presentName } from '../codec/names.js';
import { opcodeName, rcodeName, typeName } from '../codec/types.js';
import type { DnsMessage, ResourceRecord } from '../types.js';

/** The upstream question, the server and which zone's server it is: `? example.test. IN MX @127.0.0.2 (root)`. */
export function queryLine(name: string, type: number, host: string, zone: string): string {
  return `? ${presentName(name)} IN ${typeName(type)} @${host} (${zone === '' ? 'root' : presentName(zone)})`;
}

/** The header's flags as dig prints them: `qr aa rd` (RFC 1035 4.1.1). */
export function flagWords(h: DnsMessage['header']): string {
  const on: Array<[boolean, string]> = [[h.qr, 'qr'], [h.aa, 'aa'], [h.tc, 'tc'], [h.rd, 'rd'], [h.ra, 'ra']];
  return on.flatMap(([set, word]) => (set ? [word] : [])).join(' ');
}

/** TEMPORARY until the codec's present.ts lands (t1): dig's header line. */
export function headerLine(m: DnsMessage): string {
  const h = m.header;
  return `;; opcode: ${opcodeName(h.opcode)}, status: ${rcodeName(h.rcode)}, id: ${h.id}, flags: ${flagWords(h)}`;
}

/** TEMPORARY until the codec's present.ts lands (t1): a record as dig prints it. */
export function recordLine(r: ResourceRecord): string {
  const d = r.data;
  const rdata =
    d.kind === 'A' || d.kind === 'AAAA' ? d.address
    : d.kind === 'NS' || d.kind === 'CNAME' || d.kind === 'PTR' ? presentName(d.name)
    : d.kind === 'MX' ? `${d.preference} ${presentName(d.exchange)}`
    : d.kind === 'TXT' ? d.strings.map((s) => JSON.stringify(s)).join(' ')
    : d.kind === 'SOA' ? `${presentName(d.mname)} ${presentName(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`
    : `\\# ${d.bytes.length}`;
  return `${presentName(r.name)} ${r.ttl} IN ${typeName(r.type)} ${rdata}`;
}
