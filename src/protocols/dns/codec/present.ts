import type { DnsHeader, DnsMessage, DnsQuestion, EdnsOpt, RData, ResourceRecord } from '../types.js';
import { presentName } from './names.js';
import { hexBytes } from './text.js';
import { className, opcodeName, rcodeName, typeName } from './types.js';

/**
 * Messages as dig prints them (RFC 1035 5.1 master-file presentation), for the transcript, the
 * practice shell and lessons. Pure text, no colour; fields separated by one space.
 */

/** `example.test. 300 IN MX 10 mx.example.test.` */
export function presentRecord(rr: ResourceRecord): string {
  return `${presentName(rr.name)} ${rr.ttl} ${className(rr.class)} ${typeName(rr.type)} ${presentRData(rr.data)}`;
}

/** dig's question line: `;example.test. IN MX`. */
export function presentQuestion(q: DnsQuestion): string {
  return `;${presentName(q.name)} ${className(q.class)} ${typeName(q.type)}`;
}

/** RDATA in its type's master-file form; other types in RFC 3597 5's generic form `\# 3 000100`. */
export function presentRData(data: RData): string {
  switch (data.kind) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return presentName(data.name);
    case 'MX':
      return `${data.preference} ${presentName(data.exchange)}`;
    case 'TXT':
      return data.strings.map(quoteString).join(' ');
    case 'SOA':
      return `${presentName(data.mname)} ${presentName(data.rname)} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'raw':
      return data.bytes.length === 0 ? '\\# 0' : `\\# ${data.bytes.length} ${hexBytes(data.bytes).replace(/ /g, '')}`;
  }
}

/** A <character-string> in quotes, `"` and `\` escaped, control characters as \DDD (RFC 1035 5.1). */
export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c === 0x7f) out += '\\' + String(c).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

/** dig's first header line: `opcode: QUERY, status: NXDOMAIN, id: 4660`. */
export function presentStatus(h: DnsHeader, edns?: EdnsOpt): string {
  const rcode = h.rcode + (edns ? edns.extendedRcode << 4 : 0);
  return `opcode: ${opcodeName(h.opcode)}, status: ${rcodeName(rcode)}, id: ${h.id}`;
}

/** dig's flags: `flags: qr aa rd`, in dig's order; AD and CD are the low two Z bits (RFC 4035 3.2). */
export function presentFlags(h: DnsHeader): string {
  const names: string[] = [];
  if (h.qr) names.push('qr');
  if (h.aa) names.push('aa');
  if (h.tc) names.push('tc');
  if (h.rd) names.push('rd');
  if (h.ra) names.push('ra');
  if (h.z & 0x2) names.push('ad');
  if (h.z & 0x1) names.push('cd');
  return `flags: ${names.join(' ')}`;
}

/** dig's counts: `QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1` (the OPT record counts, as on the wire). */
export function presentCounts(m: DnsMessage): string {
  const additional = m.additional.length + (m.edns ? 1 : 0);
  return `QUERY: ${m.questions.length}, ANSWER: ${m.answers.length}, AUTHORITY: ${m.authority.length}, ADDITIONAL: ${additional}`;
}

/** dig's OPT pseudosection line: `EDNS: version: 0, flags: do; udp: 1232`. */
export function presentEdns(edns: EdnsOpt): string {
  return `EDNS: version: ${edns.version}, flags:${edns.dnssecOk ? ' do' : ''}; udp: ${edns.udpSize}`;
}

/** The whole message as dig's sections: header, OPT, question, answer, authority, additional. */
export function presentMessage(m: DnsMessage): string[] {
  const lines = [`;; ->>HEADER<<- ${presentStatus(m.header, m.edns)}`, `;; ${presentFlags(m.header)}; ${presentCounts(m)}`];
  if (m.edns) lines.push('', ';; OPT PSEUDOSECTION:', `; ${presentEdns(m.edns)}`);
  if (m.questions.length > 0) lines.push('', ';; QUESTION SECTION:', ...m.questions.map(presentQuestion));
  const sections: Array<[string, ResourceRecord[]]> = [['ANSWER', m.answers], ['AUTHORITY', m.authority], ['ADDITIONAL', m.additional]];
  for (const [title, records] of sections) {
    if (records.length > 0) lines.push('', `;; ${title} SECTION:`, ...records.map(presentRecord));
  }
  return lines;
}
