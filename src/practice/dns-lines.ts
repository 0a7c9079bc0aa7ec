import type { Lang } from '../i18n.js';
import { presentEdns, presentFlags, presentQuestion, presentRecord, presentStatus } from '../protocols/dns/codec/present.js';
import { typeName } from '../protocols/dns/codec/types.js';
import { DNS_KNOWLEDGE } from '../protocols/dns/knowledge/index.js';
import type { KnowledgeRef } from '../protocols/transcript.js';
import { RR_TYPES, type DnsMessage, type ResourceRecord } from '../protocols/dns/types.js';
import type { ShownLine } from './render.js';

/**
 * A DNS message as the practice shell shows it: the lines dig prints (the codec's present.ts), in
 * their sections, each with its knowledge key said in the reader's language. The query is the
 * client's side, the response the server's. Pure.
 */
type Section = 'answer' | 'authority' | 'additional';

/** A referral: no answer, no AA, NS records in authority (RFC 1034 4.3.2 step 3b); addresses in additional are glue. */
export function isReferral(m: DnsMessage): boolean {
  return m.header.qr && !m.header.aa && m.answers.length === 0 && m.authority.some((r) => r.type === RR_TYPES.NS);
}

function recordKey(m: DnsMessage, section: Section, r: ResourceRecord): KnowledgeRef {
  const params: Record<string, string | number> = { section, type: typeName(r.type), name: r.name };
  if (isReferral(m) && section === 'authority' && r.type === RR_TYPES.NS) params.referral = 1;
  if (isReferral(m) && section === 'additional' && (r.type === RR_TYPES.A || r.type === RR_TYPES.AAAA)) params.glue = 1;
  return { key: 'rr', params };
}

/** The message's lines with their keys: header (with flags), OPT, questions, then each section's records. */
export interface KeyedLine {
  text: string;
  key: KnowledgeRef;
  section: string;
}

export function messageKeys(m: DnsMessage): KeyedLine[] {
  const h = m.header;
  const flags = presentFlags(h).slice('flags: '.length);
  const status = presentStatus(h, m.edns);
  const rcode = /status: (\S+),/.exec(status)?.[1] ?? '';
  const opcode = /opcode: (\S+),/.exec(status)?.[1] ?? '';
  const out: KeyedLine[] = [{ text: `;; ->>HEADER<<- ${status}; ${presentFlags(h)}`.trimEnd(), key: { key: 'header', params: { opcode, rcode, id: h.id, flags } }, section: 'header' }];
  if (m.edns) out.push({ text: `; ${presentEdns(m.edns)}`, key: { key: 'opt', params: { udpSize: m.edns.udpSize, version: m.edns.version, do: m.edns.dnssecOk ? 1 : 0 } }, section: 'additional' });
  for (const q of m.questions) out.push({ text: presentQuestion(q), key: { key: 'question', params: { name: q.name, type: typeName(q.type) } }, section: 'question' });
  const sections: Array<[Section, ResourceRecord[]]> = [['answer', m.answers], ['authority', m.authority], ['additional', m.additional]];
  for (const [section, records] of sections) {
    for (const r of records) out.push({ text: presentRecord(r), key: recordKey(m, section, r), section });
  }
  return out;
}

/** The lines to show, section titles (`;; ANSWER SECTION:`) before each section's first record. */
export function shownLines(m: DnsMessage, direction: 'client' | 'server', lang: Lang): ShownLine[] {
  const out: ShownLine[] = [];
  let section = '';
  for (const line of messageKeys(m)) {
    if (line.section !== section && ['answer', 'authority', 'additional'].includes(line.section) && line.key.key === 'rr') {
      out.push({ direction, text: `;; ${line.section.toUpperCase()} SECTION:`, explanation: DNS_KNOWLEDGE.describe({ key: 'section', params: { name: line.section } }, lang) });
    }
    if (line.key.key === 'rr' || line.key.key === 'question') section = line.section;
    out.push({ direction, text: line.text, explanation: DNS_KNOWLEDGE.describe(line.key, lang) });
  }
  return out;
}

/** A negative answer's cache time: min(SOA TTL, SOA minimum) of the SOA in authority (RFC 2308 5), or null. */
export function negativeTtl(m: DnsMessage): number | null {
  const soa = m.authority.find((r) => r.data.kind === 'SOA');
  if (!soa || soa.data.kind !== 'SOA') return null;
  return Math.min(soa.ttl, soa.data.minimum);
}
