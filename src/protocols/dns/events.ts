import type { Direction, KnowledgeRef, LineEvent, TranscriptSink } from '../transcript.js';
import { presentEdns, presentFlags, presentQuestion, presentRecord, presentStatus } from './codec/present.js';
import { opcodeName, rcodeName, typeName } from './codec/types.js';
import { RR_TYPES, type DnsMessage, type DnsTransport, type ResourceRecord } from './types.js';

/**
 * A DNS message in the one transcript: one LineEvent per line dig would print for it (the header,
 * the OPT pseudo-record, each question, each record), each with the knowledge key that explains
 * it, then the server's notes (`;; referral lab.test`). DNS has no session state (RFC 1035 4.2),
 * so `state` says only which half of the exchange a line belongs to: 'query' or 'response'.
 * The keys are listed in /work/notes/dns-keys.md and DNS_EVENT_KEYS.
 */
export const DNS_EVENT_KEYS = [
  'header', 'question', 'rr', 'opt', 'nodata', 'referral', 'truncated', 'dropped', 'refused', 'formerr', 'badvers', 'notimp', 'servfail',
] as const;

/** Where the lines of one exchange belong: the session (a UDP exchange or a TCP connection) and the client's port. */
export interface ExchangeWhere {
  session: string;
  port: number;
  transport: DnsTransport;
}

function line(where: ExchangeWhere, direction: Direction, text: string, knowledge: KnowledgeRef): LineEvent {
  return {
    event: 'line',
    protocol: 'dns',
    session: where.session,
    port: where.port,
    direction,
    text,
    state: direction === 'client' ? 'query' : 'response',
    knowledge,
    layer: 'L7',
    time: new Date().toISOString(),
  };
}

/** The lines of a message: header, OPT, questions, then each section's records. */
export function messageLines(where: ExchangeWhere, direction: Direction, m: DnsMessage): LineEvent[] {
  const h = m.header;
  const rcode = h.rcode + (m.edns ? m.edns.extendedRcode << 4 : 0);
  const flags = presentFlags(h).slice('flags: '.length);
  const out = [
    line(where, direction, `;; ->>HEADER<<- ${presentStatus(h, m.edns)}; ${presentFlags(h)}`, {
      key: 'header',
      params: { opcode: opcodeName(h.opcode), rcode: rcodeName(rcode), id: h.id, flags, transport: where.transport },
    }),
  ];
  if (m.edns) {
    const { udpSize, version } = m.edns;
    out.push(line(where, direction, `; ${presentEdns(m.edns)}`, { key: 'opt', params: { udpSize, version, do: m.edns.dnssecOk ? 1 : 0 } }));
  }
  for (const q of m.questions) out.push(line(where, direction, presentQuestion(q), { key: 'question', params: { name: q.name, type: typeName(q.type) } }));
  // A referral: no answer, no AA, NS records in authority (RFC 1034 4.3.2 step 3b); addresses beside them are glue.
  const referral = h.qr && !h.aa && m.answers.length === 0 && m.authority.some((r) => r.type === RR_TYPES.NS);
  const sections: Array<['answer' | 'authority' | 'additional', ResourceRecord[]]> = [['answer', m.answers], ['authority', m.authority], ['additional', m.additional]];
  for (const [section, records] of sections) {
    for (const r of records) {
      const params: Record<string, string | number> = { section, type: typeName(r.type), name: r.name };
      if (referral && section === 'authority' && r.type === RR_TYPES.NS) params['referral'] = 1;
      if (referral && section === 'additional' && (r.type === RR_TYPES.A || r.type === RR_TYPES.AAAA)) params['glue'] = 1;
      out.push(line(where, direction, presentRecord(r), { key: 'rr', params }));
    }
  }
  return out;
}

/** A server's note as a dig-style comment line: `;; referral lab.test`. */
export function noteLine(where: ExchangeWhere, note: KnowledgeRef): LineEvent {
  const values = Object.values(note.params ?? {}).map(String);
  return line(where, 'server', `;; ${note.key}${values.length > 0 ? ` ${values.join(' ')}` : ''}`, note);
}

/** Emit a message's lines and the notes after it; nothing is built without a sink. */
export function emitMessage(sink: TranscriptSink | undefined, where: ExchangeWhere, direction: Direction, m: DnsMessage, notes: readonly KnowledgeRef[] = []): void {
  if (!sink) return;
  for (const e of messageLines(where, direction, m)) sink(e);
  for (const n of notes) sink(noteLine(where, n));
}

export function emitNote(sink: TranscriptSink | undefined, where: ExchangeWhere, note: KnowledgeRef): void {
  sink?.(noteLine(where, note));
}
