import type { MessageSummary } from './inspect.js';
import type { Envelope } from './types.js';

/**
 * Which captured mail a search names, the one rule for `l7lab mail wait` and the web API's
 * filters: case-insensitive substrings; `to` of an envelope recipient or a To/Cc address,
 * `from` of the envelope sender or the From header, `subject` of the decoded subject. The
 * envelope counts (RFC 5321 3.3: a Bcc recipient is only there). All given criteria must match.
 */
export interface MailCriteria {
  to?: string;
  from?: string;
  subject?: string;
}

const has = (values: readonly string[], needle: string | undefined) => needle === undefined || values.some((v) => v.toLowerCase().includes(needle.toLowerCase()));

export function matchesMail(s: MessageSummary, envelope: Envelope | null | undefined, c: MailCriteria): boolean {
  return has([...(envelope?.to ?? []), ...s.recipientAddresses, s.to, s.cc], c.to) && has([envelope?.from ?? '', ...s.fromAddresses, s.from], c.from) && has([s.subject], c.subject);
}
