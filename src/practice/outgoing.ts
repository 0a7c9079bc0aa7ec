import type { SentLine } from '../conversation/pairing.js';
import type { Lang } from '../i18n.js';
import { explainSmtpContentLine } from '../protocols/smtp/knowledge/index.js';
import { explainClient } from '../explain/explainer.js';
import { msg } from './messages.js';
import type { DataCollector } from './multiline.js';

/** A line the shell sends and, when known before sending, what to say about it. */
export interface Outgoing extends SentLine {
  /** Always shown (a dot-stuffing note); undefined: the lab's event, else `fallback`, else the tables. */
  note?: string | null;
  /** Shown when the lab has no event for the line. */
  fallback?: string | null;
}

/** The message's size as the server will store it: typed lines with CRLF, before dot-stuffing. */
function messageSize(lines: readonly string[]): { size: number; lines: number } {
  return { size: lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 2, 0), lines: lines.length };
}

/**
 * A typed message as it goes on the wire (RFC 5321 4.5.2): the first line says what message
 * lines are, each stuffed line says what changed, the final dot says the message is complete.
 */
export function dataOutgoing(data: DataCollector, lang: Lang): Outgoing[] {
  const typed = data.lines;
  return data.wire().map((text, i) => {
    if (i === typed.length) return { text, fallback: explainSmtpContentLine('data-end', messageSize(typed), lang) };
    const original = typed[i] as string;
    if (original !== text) return { text, content: true, note: msg(lang, 'stuffed', { typed: original, wire: text }) };
    return { text, content: true, note: i === 0 ? explainClient('smtp', text, 'data', lang).explanation : null };
  });
}

/** A literal's lines: the first says they are counted octets. */
export function literalOutgoing(lines: readonly string[], lang: Lang): Outgoing[] {
  const note = msg(lang, 'literalLine');
  return lines.map((text, i) => ({ text, content: true, note: i === 0 ? note : null }));
}
