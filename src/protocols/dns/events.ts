import type { Direction, KnowledgeRef, LineEvent, TranscriptSink } from '../transcript.js';
import { keyedLines } from './lines.js';
import type { DnsMessage, DnsTransport } from './types.js';

/**
 * A DNS message in the one transcript: one LineEvent per line dig would print for it (the header,
 * the OPT pseudo-record, each question, each record), each with the knowledge key that explains
 * it, then the server's notes (`;; referral lab.test`). DNS has no session state (RFC 1035 4.2),
 * so `state` says only which half of the exchange a line belongs to: 'query' or 'response'.
 * The keys are listed in DNS_EVENT_KEYS.
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

/** The lines of a message (lines.ts), the header's key saying which transport carried it. */
export function messageLines(where: ExchangeWhere, direction: Direction, m: DnsMessage): LineEvent[] {
  return keyedLines(m).map((l) => line(where, direction, l.text, l.section === 'header' ? { key: 'header', params: { ...l.key.params, transport: where.transport } } : l.key));
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
