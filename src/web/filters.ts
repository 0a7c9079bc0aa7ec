import type { Known } from './catalog.js';

/**
 * `GET /api/messages` filters, as `l7lab mail wait` matches: case-insensitive substrings;
 * `to` of an envelope recipient or a To/Cc address, `from` of the envelope sender or the
 * From header, `subject` of the decoded subject; `since`: received at or after that instant.
 * All given filters must match.
 */
export interface Filters {
  to?: string;
  from?: string;
  subject?: string;
  since?: Date;
}

const has = (values: readonly string[], needle: string | undefined) => needle === undefined || values.some((v) => v.toLowerCase().includes(needle.toLowerCase()));

export function matches(k: Known, f: Filters): boolean {
  const { entry: e, summary: s } = k;
  if (f.since && new Date(e.date) < f.since) return false;
  return (
    has([...(e.envelope?.to ?? []), ...s.recipientAddresses, s.to, s.cc], f.to) &&
    has([e.envelope?.from ?? '', ...s.fromAddresses, s.from], f.from) &&
    has([s.subject], f.subject)
  );
}
