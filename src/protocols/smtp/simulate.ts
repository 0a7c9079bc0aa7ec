import { failureReply, type FailStage, type FailureHit } from './failure-rules.js';
import type { SmtpContext, SmtpOutcome as Outcome } from './types.js';

/**
 * How a failure rule changes one reply of the session (see failure-rules.ts). The session
 * stays pure: a delay is a hint in the outcome that the server carries out, a drop closes
 * the connection with no reply, and the randomness lives in the injected rules.
 */
export interface Simulated {
  /** Replaces the normal outcome: a refusal (4xx/5xx) or a dropped connection. */
  instead: Outcome | null;
  /** Otherwise the normal reply goes out late, saying so. */
  delay: { ms: number; label: string } | null;
}

/** `hit`: already looked up (null: none); when omitted, the rules are asked here. */
export function simulatedFailure(ctx: SmtpContext, stage: FailStage, subject: string, hit?: FailureHit | null): Simulated | null {
  const found = hit !== undefined ? hit : (ctx.config.failures?.match(stage, subject) ?? null);
  if (!found) return null;
  const { action, rule } = found;
  switch (action.kind) {
    case 'delay':
      return { instead: null, delay: { ms: action.ms, label: rule.label } };
    case 'drop':
      // A server that dies mid-conversation: no reply at all (RFC 5321 3.8: the client treats the transaction as if it got a 451).
      return { instead: { replies: [], next: 'CLOSED', close: `dropped by l7lab ${rule.label} (simulated failure)` }, delay: null };
    case 'reply': {
      const line = failureReply({ rule, action }, stage === 'auth' ? null : subject);
      // 421 closes the channel (RFC 5321 3.8); any other code leaves the session as it was.
      const outcome: Outcome = action.code === 421 ? { replies: [line], next: 'CLOSED', close: 'simulated-421' } : { replies: [line] };
      return { instead: outcome, delay: null };
    }
  }
}

/** The normal outcome, late: its last reply line says by how much and why. */
export function delayed(outcome: Outcome, sim: Simulated | null): Outcome {
  if (!sim?.delay) return outcome;
  // The text changes, so keys given with the outcome no longer fit: the session reads them from the text.
  const { knowledge: _given, ...rest } = outcome;
  const replies = [...rest.replies];
  const last = replies.length - 1;
  replies[last] = `${replies[last]} (delayed ${sim.delay.ms} ms by l7lab ${sim.delay.label}: simulated slow server)`;
  return { ...rest, replies, delayMs: (rest.delayMs ?? 0) + sim.delay.ms };
}
