import type { MessageAuth } from '../../mailauth/index.js';
import type { AuthResult } from '../../mailauth/types.js';
import type { AuthEngine } from '../auth-engine.js';
import { labAuthEngine } from '../auth-engine-lab.js';
import { authMsg } from '../auth-messages.js';
import { newestAuthSource, type AuthSource } from '../auth-source.js';
import { authLines, resultOf, type AuthLine, type AuthOutcome } from '../auth-view.js';
import { mismatch, out, tr, type LessonContext } from '../context.js';
import { labNamed } from '../exchange.js';
import { dnsMsg } from '../dns-messages.js';
import { code, explain, good, heading, note, say, warn } from '../present.js';
import { rebuildMenu } from '../recovery.js';
import { AUTH_CHECKS, type AuthCheckName } from '../schema-auth.js';
import type { StepOf } from '../schema.js';

/**
 * `authcheck`: what a receiving server checks of the newest message in a mailbox, over the lab
 * DNS, shown step by step: SPF for the connecting address and the MAIL FROM (RFC 7208), DKIM
 * verify (RFC 6376 6), DMARC for the header From (RFC 7489 3.1, 6.6): the engine runs all three
 * as a receiver does, the step shows the ones it names, then the Authentication-Results field
 * that records them all (RFC 8601). Nothing is typed; a result other
 * than the lesson's is said, and (as after a failed mailbox check) the learner rebuilds the lab
 * or goes on.
 */
type AuthStepDef = StepOf<'authcheck'>;

interface Inputs {
  ip: string;
  mailFrom: string;
  helo: string;
}

function inputs(step: AuthStepDef, source: AuthSource): Inputs | null {
  const ip = step.ip ?? source.ip;
  if (ip === null) return null;
  return { ip, mailFrom: step.mailFrom ?? source.mailFrom, helo: step.helo ?? source.helo ?? '' };
}

/** A receiver runs all three (DMARC builds on SPF and DKIM, RFC 7489 4.2); the step shows the ones it names. */
function shownOf(auth: MessageAuth, order: readonly AuthCheckName[]): AuthOutcome {
  return { ...(order.includes('spf') ? { spf: auth.spf } : {}), ...(order.includes('dkim') ? { dkim: auth.dkim } : {}), ...(order.includes('dmarc') ? { dmarc: auth.dmarc } : {}) };
}

function show(ctx: LessonContext, lines: readonly AuthLine[]): void {
  for (const line of lines) {
    if (line.kind === 'head') heading(ctx, line.text);
    if (line.kind === 'wire') code(ctx, line.text);
    if (line.kind === 'text') note(ctx, `  ${line.text}`);
    if (line.kind === 'result') (line.ok === false ? warn : good)(ctx, `  → ${line.text}${line.ok === null ? '' : line.ok ? ' ✓' : ' ✗'}`);
  }
}

/** The checks whose result is not the one the step expects: `want` and `got` for each. */
export function misses(order: readonly AuthCheckName[], outcome: AuthOutcome, expect: AuthStepDef['expect']): Array<{ check: AuthCheckName; want: AuthResult; got: string }> {
  const found: Array<{ check: AuthCheckName; want: AuthResult; got: string }> = [];
  for (const check of order) {
    const want = expect[check];
    const got = resultOf(outcome, check);
    if (want !== undefined && got !== want) found.push({ check, want, got: got ?? '-' });
  }
  return found;
}

/** What the step expects, as `spf=pass dkim=fail`, for the checks it judges. */
const wanted = (order: readonly AuthCheckName[], expect: AuthStepDef['expect']): string =>
  order.flatMap((c) => (expect[c] === undefined ? [] : [`${c}=${expect[c]}`])).join(' ') || order.join(' ');

/** Not as the step expects: said (`why`), recorded under --auto, else the learner rebuilds the lab or goes on. */
async function failed(ctx: LessonContext, step: AuthStepDef, want: string, got: string, why: string): Promise<void> {
  warn(ctx, why);
  if (ctx.ownMessage) note(ctx, authMsg(ctx.lang, 'ownMessageChecked'));
  if (ctx.auto || ctx.quiet) return mismatch(ctx, step.id, want, got);
  await rebuildMenu(ctx, authMsg(ctx.lang, 'authChoice'), true);
  ctx.stepFailed = true;
}

export async function runAuthcheck(ctx: LessonContext, step: AuthStepDef, engine: AuthEngine = labAuthEngine): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  const lab = labNamed(ctx, step.lab).lab;
  if (!lab.dns) throw new Error(dnsMsg(ctx.lang, 'labNoDns'));
  const order = step.checks ?? AUTH_CHECKS;
  const source = await newestAuthSource(lab.store, step.account, step.mailbox);
  const given = source ? inputs(step, source) : null;
  if (!source || !given) {
    const why = source ? authMsg(ctx.lang, 'noTrace') : authMsg(ctx.lang, 'noMessage', { account: step.account, mailbox: step.mailbox });
    await failed(ctx, step, wanted(order, step.expect), source ? 'no Received field' : 'no message', why);
    return explain(ctx, tr(ctx, step.explain), step.layer);
  }
  if (order.includes('spf')) note(ctx, authMsg(ctx.lang, step.ip || step.mailFrom !== undefined || step.helo ? 'spfGiven' : 'spfInputs', { ...given, helo: given.helo || '-' }));
  const auth = await engine.checkMessage({ ...given, message: source.raw }, engine.dnsFor(lab.dns));
  const outcome = shownOf(auth, order);
  show(ctx, authLines(ctx.lang, order, outcome, step.expect, (s) => engine.stepText(ctx.lang, s)));
  note(ctx, authMsg(ctx.lang, 'resultsHead'));
  for (const line of engine.authenticationResults(source.receivedBy ?? 'lab', auth).split('\r\n')) code(ctx, line.replace(/^\t/, '    '));
  out(ctx, '');
  const wrong = misses(order, outcome, step.expect);
  if (wrong.length > 0) {
    const [want, got] = [wrong.map((m) => `${m.check}=${m.want}`).join(' '), wrong.map((m) => `${m.check}=${m.got}`).join(' ')];
    await failed(ctx, step, want, got, authMsg(ctx.lang, 'notExpected', { want, got }));
  }
  explain(ctx, tr(ctx, step.explain), step.layer);
}
