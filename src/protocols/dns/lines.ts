import type { KnowledgeRef } from '../transcript.js';
import { presentEdns, presentFlags, presentQuestion, presentRecord, presentStatus } from './codec/present.js';
import { opcodeName, rcodeName, typeName } from './codec/types.js';
import { RR_TYPES, type DnsMessage, type ResourceRecord } from './types.js';

/**
 * A DNS message as the lines dig prints for it, each with the knowledge key that explains it: the
 * one rendering the servers' transcript (events.ts), the practice shell and the lessons share. Pure.
 */
export type LineSection = 'header' | 'question' | 'answer' | 'authority' | 'additional';

export interface KeyedLine {
  text: string;
  key: KnowledgeRef;
  /** The OPT pseudo-record's line is in `additional`, where it travels. */
  section: LineSection;
}

/** A referral: no answer, no AA, NS records in authority (RFC 1034 4.3.2 step 3b); addresses beside them are glue. */
export function isReferral(m: DnsMessage): boolean {
  return m.header.qr && !m.header.aa && m.answers.length === 0 && m.authority.some((r) => r.type === RR_TYPES.NS);
}

function recordKey(referral: boolean, section: 'answer' | 'authority' | 'additional', r: ResourceRecord): KnowledgeRef {
  const params: Record<string, string | number> = { section, type: typeName(r.type), name: r.name };
  if (referral && section === 'authority' && r.type === RR_TYPES.NS) params.referral = 1;
  if (referral && section === 'additional' && (r.type === RR_TYPES.A || r.type === RR_TYPES.AAAA)) params.glue = 1;
  return { key: 'rr', params };
}

/** Header (with its flags), OPT, questions, then each section's records. */
export function keyedLines(m: DnsMessage): KeyedLine[] {
  const h = m.header;
  const rcode = h.rcode + (m.edns ? m.edns.extendedRcode << 4 : 0);
  const flags = presentFlags(h).slice('flags: '.length);
  const header = { key: 'header', params: { opcode: opcodeName(h.opcode), rcode: rcodeName(rcode), id: h.id, flags } };
  const out: KeyedLine[] = [{ text: `;; ->>HEADER<<- ${presentStatus(h, m.edns)}; ${presentFlags(h)}`.trimEnd(), key: header, section: 'header' }];
  if (m.edns) {
    const { udpSize, version } = m.edns;
    out.push({ text: `; ${presentEdns(m.edns)}`, key: { key: 'opt', params: { udpSize, version, do: m.edns.dnssecOk ? 1 : 0 } }, section: 'additional' });
  }
  for (const q of m.questions) out.push({ text: presentQuestion(q), key: { key: 'question', params: { name: q.name, type: typeName(q.type) } }, section: 'question' });
  const referral = isReferral(m);
  const sections: Array<['answer' | 'authority' | 'additional', ResourceRecord[]]> = [['answer', m.answers], ['authority', m.authority], ['additional', m.additional]];
  for (const [section, records] of sections) {
    for (const r of records) out.push({ text: presentRecord(r), key: recordKey(referral, section, r), section });
  }
  return out;
}
