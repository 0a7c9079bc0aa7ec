import { z } from 'zod';
import { base, layer, localized, name } from './schema-parts.js';

/**
 * What a lesson may say about mail authentication (the spf-dkim lesson): the `authcheck` step,
 * and the `dkim` option of a `data` step. The checks themselves are src/mailauth's; these only
 * say which to run, on what, and what the lesson expects.
 */

/** The results of Authentication-Results (RFC 8601 2.7.1 DKIM, 2.7.2 SPF, RFC 7489 11.2 DMARC). */
export const authResult = z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

export const AUTH_CHECKS = ['spf', 'dkim', 'dmarc'] as const;
export type AuthCheckName = (typeof AUTH_CHECKS)[number];

/**
 * `authcheck`: what a receiving server would check of the newest message in `account`'s
 * mailbox, over the lab DNS. SPF takes the connecting address from the Received field the lab's
 * own server put on top of the message (RFC 5321 4.4) and the MAIL FROM from the envelope the
 * store kept with it (RFC 5321 2.3.1); `ip`, `mailFrom` and `helo` stand in for them when given.
 * DKIM verifies the message's signatures (RFC 6376 6); DMARC ties both to the header From
 * (RFC 7489 3.1). Nothing is typed: the step shows each check step by step.
 */
export const authcheck = z.strictObject({
  ...base,
  kind: z.literal('authcheck'),
  lab: name.optional(),
  account: z.string().min(1),
  mailbox: z.string().min(1).default('INBOX'),
  /** Which checks to run and show, in this order; all three when absent. */
  checks: z.array(z.enum(AUTH_CHECKS)).min(1).optional(),
  /** Given values instead of the message's own (the connecting address, MAIL FROM, HELO). */
  ip: z.string().min(1).optional(),
  mailFrom: z.string().optional(),
  helo: z.string().min(1).optional(),
  text: localized.optional(),
  /** The result each check must give; a check not named here is shown but not judged. */
  expect: z.strictObject({ spf: authResult.optional(), dkim: authResult.optional(), dmarc: authResult.optional() }).default({}),
  explain: localized,
  layer: layer.optional(),
});

/**
 * A `data` step's `dkim`: `sign` signs the prepared message with the lab key before it goes out
 * and shows the DKIM-Signature field it added (RFC 6376 3.5); `reuse` puts the signature of the
 * last signed data step in front of this step's message, unchanged: a replayed signature over
 * changed content, which verify must reject.
 */
export const dkimOption = z.enum(['sign', 'reuse']);
export type DkimOption = z.infer<typeof dkimOption>;
