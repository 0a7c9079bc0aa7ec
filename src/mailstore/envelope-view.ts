import type { MessageSummary } from './inspect.js';
import type { Envelope } from './types.js';

/**
 * The envelope beside the header, as `l7lab mail` shows it. The envelope (MAIL FROM, RCPT TO,
 * RFC 5321 3.3) says who the message was really sent from and to; the header (From:, To:,
 * Cc:, RFC 5322 3.6) is what the sender wrote for people to read. They differ on purpose:
 * a Bcc recipient is in the envelope only (RFC 5322 3.6.3), and curl sends no header at all.
 * What the envelope adds is marked with "+".
 */
export const ENVELOPE_MARK = '+';

export interface EnvelopeView {
  /** The From addresses, then "+sender" when the envelope sender is not among them. */
  from: string;
  /** The To and Cc addresses, then "+recipient" for each envelope recipient not among them. */
  to: string;
  /** Envelope recipients the header does not name: the Bcc recipients. */
  envelopeOnly: string[];
  /** The envelope sender is not in the From header (or there is none). */
  senderDiffers: boolean;
}

const lower = (s: string) => s.toLowerCase();

/** Addresses without display names: a narrow column shows what matters. */
export function envelopeView(s: MessageSummary, env: Envelope | null): EnvelopeView {
  const headerFrom = s.fromAddresses.join(', ');
  const headerTo = s.recipientAddresses.join(', ');
  if (!env || headerNamesAll(s, env)) return { from: headerFrom, to: headerTo, envelopeOnly: [], senderDiffers: false };
  const named = new Set(s.recipientAddresses.map(lower));
  const seen = new Set<string>();
  const envelopeOnly = env.to.filter((r) => {
    const key = lower(r);
    if (named.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const senderDiffers = !s.fromAddresses.map(lower).includes(lower(env.from));
  // The null reverse-path (bounces, RFC 5321 4.5.5) is written <>.
  const sender = env.from === '' ? '<>' : env.from;
  return {
    from: join(headerFrom, senderDiffers ? [`${ENVELOPE_MARK}${sender}`] : []),
    to: join(headerTo, envelopeOnly.map((r) => `${ENVELOPE_MARK}${r}`)),
    envelopeOnly,
    senderDiffers,
  };
}

/**
 * The usual message: the header names the envelope's sender and every recipient as written
 * (its addresses are lowercase): nothing to add, found without the sets (`mail list` asks once a row).
 */
function headerNamesAll(s: MessageSummary, env: Envelope): boolean {
  if (!s.fromAddresses.includes(env.from)) return false;
  for (const r of env.to) if (!s.recipientAddresses.includes(r)) return false;
  return true;
}

function join(header: string, added: string[]): string {
  return [header, ...added].filter((p) => p.length > 0).join(', ');
}
