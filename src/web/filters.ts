import { matchesMail, type MailCriteria } from '../mailstore/match.js';
import type { Known } from './catalog.js';

/**
 * `GET /api/messages` filters: the criteria of `l7lab mail wait` (mailstore/match.ts) and
 * `since`: received at or after that instant. All given filters must match.
 */
export interface Filters extends MailCriteria {
  since?: Date;
}

export function matches(k: Known, f: Filters): boolean {
  if (f.since && new Date(k.entry.date) < f.since) return false;
  return matchesMail(k.summary, k.entry.envelope, f);
}
