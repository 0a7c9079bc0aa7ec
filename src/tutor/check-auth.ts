import { isIP } from 'node:net';
import type { Step, StepOf } from './schema.js';
import { AUTH_CHECKS } from './schema-auth.js';

/**
 * What the checker says about mail-authentication steps (the spf-dkim lesson), beyond the schema:
 * an authcheck expects only results its methods can give, for checks it runs, of a message some
 * earlier step delivered; given values are an IP address and a mailbox; a data step that reuses
 * a DKIM signature comes after one that signed, and a signed message has a From field.
 */
export interface AuthProblem {
  field: string;
  message: string;
}

/**
 * The results each method can give: SPF RFC 7208 2.6 (all seven); DKIM RFC 8601 2.7.1 (no
 * softfail; "policy" is not one a lab check gives); DMARC RFC 7489 11.2 (none pass fail temperror permerror).
 */
const CAN_GIVE: Record<(typeof AUTH_CHECKS)[number], readonly string[]> = {
  spf: ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'],
  dkim: ['pass', 'fail', 'neutral', 'none', 'temperror', 'permerror'],
  dmarc: ['pass', 'fail', 'none', 'temperror', 'permerror'],
};

function delivers(step: Step): boolean {
  return step.kind === 'data' || step.kind === 'relay';
}

function authcheckProblems(step: StepOf<'authcheck'>, earlier: readonly Step[], seeded: boolean): AuthProblem[] {
  const out: AuthProblem[] = [];
  const runs = step.checks ?? AUTH_CHECKS;
  if (new Set(runs).size !== runs.length) out.push({ field: 'checks', message: 'a check is named twice' });
  for (const check of AUTH_CHECKS) {
    const want = step.expect[check];
    if (want === undefined) continue;
    if (!runs.includes(check)) out.push({ field: `expect.${check}`, message: `the step does not run ${check} (checks: ${runs.join(', ')})` });
    else if (!CAN_GIVE[check].includes(want)) out.push({ field: `expect.${check}`, message: `${check} never gives "${want}" (it gives ${CAN_GIVE[check].join(', ')})` });
  }
  if (step.ip !== undefined && isIP(step.ip) === 0) out.push({ field: 'ip', message: `"${step.ip}" is not an IPv4 or IPv6 address` });
  // RFC 5321 4.1.2: a reverse-path is a mailbox or empty (the null sender).
  if (step.mailFrom !== undefined && step.mailFrom !== '' && !/^[^@\s<>]+@[^@\s<>]+$/.test(step.mailFrom)) out.push({ field: 'mailFrom', message: `"${step.mailFrom}" is not an address (or empty for the null sender)` });
  if (!seeded && !earlier.some(delivers)) out.push({ field: 'account', message: 'no earlier step delivers a message to check (a data or relay step, or the lab\'s seed)' });
  return out;
}

/** RFC 6376 5.4: the From field must be signed, so a message to sign needs one. */
function dataProblems(step: StepOf<'data'>, earlier: readonly Step[]): AuthProblem[] {
  if (step.dkim === 'reuse' && !earlier.some((s) => s.kind === 'data' && s.dkim === 'sign')) {
    return [{ field: 'dkim', message: 'reuse needs an earlier data step with dkim: sign, whose signature it reuses' }];
  }
  const end = step.body.indexOf('');
  const head = end < 0 ? step.body : step.body.slice(0, end);
  if (step.dkim !== undefined && !head.some((l) => /^from:/i.test(l))) {
    return [{ field: 'body', message: 'a DKIM-signed message needs a From field in its header section (RFC 6376 5.4)' }];
  }
  return [];
}

export function authProblems(step: Step, steps: readonly Step[], seeded: boolean): AuthProblem[] {
  const earlier = steps.slice(0, Math.max(0, steps.indexOf(step)));
  if (step.kind === 'authcheck') return authcheckProblems(step, earlier, seeded);
  if (step.kind === 'data') return dataProblems(step, earlier);
  return [];
}
