import { StepRestart, LessonQuit } from './control.js';
import { fillValue, type Connection, type LessonContext } from './context.js';
import { msg } from './messages.js';
import { note, say, warn } from './present.js';
import { wayOut, type WayOut } from './way-out.js';

/**
 * Out-of-step recovery. A step starts from a session state (read from the server's own
 * transcript events, never from reply text) and, for a line that answers a continuation,
 * from an open exchange. After a miss the tutor compares: still there, and the learner just
 * retries; moved away, and it says so in one line, explains, and offers a way out of the
 * state the learner is actually in (way-out.ts), Reset (a fresh lab with the earlier steps
 * replayed, as resume does) or Skip (the same, then the step's own suggestion), or Quit.
 */
export interface StepStart {
  state: string | null;
  /** The step answers a continuation that was open when it began. */
  awaiting: boolean;
}

export type OffPath = 'state' | 'closed' | 'exchange';

export function stepStart(conn: Connection | undefined, continues: boolean): StepStart {
  return { state: conn?.state ?? null, awaiting: continues && (conn?.awaiting ?? false) };
}

/** Where the session is now, compared with where the step started; null when still on the path. */
export function offPath(start: StepStart, conn: Connection): OffPath | null {
  if (conn.client.closed) return 'closed';
  // An answer the server rejected ends the exchange (RFC 4954 4: 501 cancels AUTH), whatever the state says.
  if (start.awaiting && !conn.awaiting) return 'exchange';
  if (start.state !== null && conn.state !== null && conn.state !== start.state) return 'state';
  return null;
}

export function sayOffPath(ctx: LessonContext, why: OffPath, start: StepStart, conn: Connection): void {
  if (why === 'state') warn(ctx, msg(ctx.lang, 'offPath', { now: conn.state ?? '?', want: start.state ?? '?' }));
  else warn(ctx, msg(ctx.lang, why === 'closed' ? 'offPathClosed' : 'offPathExchange'));
  note(ctx, msg(ctx.lang, why === 'exchange' ? 'exchangeWhy' : 'offPathWhy'));
}

/** The command that leads back, and why; `opener` is the command that began the exchange this step answers. */
export function wayOutText(ctx: LessonContext, why: OffPath, start: StepStart, conn: Connection, opener: string | undefined): string {
  if (why === 'exchange' && opener) return msg(ctx.lang, 'reopenHint', { command: opener });
  const w = why === 'closed' ? undefined : wayOut(conn.protocol, conn.state ?? '', start.state);
  if (!w) return msg(ctx.lang, 'noWayOut');
  return msg(ctx.lang, 'wayOutHint', { command: wayOutCommand(ctx, w, conn.name), text: w.text[ctx.lang] });
}

/** The way out's command; a login repeats the lesson's own (its account, its password) on this connection. */
export function wayOutCommand(ctx: LessonContext, w: WayOut, connection: string): string {
  const same = w.same;
  const own = same && ctx.lesson.steps.find((s) => s.kind === 'send' && s.connection === connection && same.test(s.command));
  const command = own && own.kind === 'send' ? fillValue(ctx, own.command).replace(/^\S+(?= LOGIN )/i, '{tag}') : w.command;
  return command.replace('{tag}', 'a9');
}

type RecoveryChoice = 'retry' | 'way-out' | 'reset' | 'skip' | 'quit';

/** The menu when off the path; returns only for Retry (after showing a way out, the learner retries). */
export async function recover(ctx: LessonContext, why: OffPath, start: StepStart, conn: Connection, opener: string | undefined): Promise<void> {
  const choice = await ctx.prompts.select<RecoveryChoice>(msg(ctx.lang, 'whatNow'), [
    { name: msg(ctx.lang, 'retry'), value: 'retry' },
    { name: msg(ctx.lang, 'wayOutChoice'), value: 'way-out' },
    { name: msg(ctx.lang, 'resetChoice'), value: 'reset' },
    { name: msg(ctx.lang, 'skipRebuild'), value: 'skip' },
    { name: msg(ctx.lang, 'quitChoice'), value: 'quit' },
  ]);
  if (choice === 'way-out') say(ctx, wayOutText(ctx, why, start, conn, opener));
  if (choice === 'reset' || choice === 'skip') throw new StepRestart(choice === 'skip');
  if (choice === 'quit') throw new LessonQuit();
}

type RebuildChoice = 'reset' | 'skip' | 'go-on' | 'quit';

/**
 * When retrying in place cannot work (a message already ended, a mailbox already changed):
 * Reset or Skip on a rebuilt lab, Quit, and, where the step allows it, go on without it.
 * Returns only for go-on.
 */
export async function rebuildMenu(ctx: LessonContext, title: string, goOn: boolean): Promise<void> {
  const choice = await ctx.prompts.select<RebuildChoice>(title, [
    { name: msg(ctx.lang, 'resetChoice'), value: 'reset' },
    { name: msg(ctx.lang, 'skipRebuild'), value: 'skip' },
    ...(goOn ? [{ name: msg(ctx.lang, 'checkGoOn'), value: 'go-on' as const }] : []),
    { name: msg(ctx.lang, 'quitChoice'), value: 'quit' },
  ]);
  if (choice === 'reset' || choice === 'skip') throw new StepRestart(choice === 'skip');
  if (choice === 'quit') throw new LessonQuit();
}

/** What the learner can do after a line (or request) the step did not want, where the session is still on the path. */
export type MissChoice = 'retry' | 'hint' | 'answer' | 'skip';

/**
 * The menu after a miss: retry, hint, answer, Reset (a rebuilt lab) or Skip, or Quit. Reset
 * and Quit leave the step here (they throw); the step shows the hint or the answer itself.
 */
export async function missMenu(ctx: LessonContext): Promise<MissChoice> {
  const choice = await ctx.prompts.select<MissChoice | 'reset' | 'quit'>(msg(ctx.lang, 'whatNow'), [
    { name: msg(ctx.lang, 'retry'), value: 'retry' },
    { name: msg(ctx.lang, 'hint'), value: 'hint' },
    { name: msg(ctx.lang, 'answer'), value: 'answer' },
    { name: msg(ctx.lang, 'resetChoice'), value: 'reset' },
    { name: msg(ctx.lang, 'skip'), value: 'skip' },
    { name: msg(ctx.lang, 'quitChoice'), value: 'quit' },
  ]);
  if (choice === 'reset') throw new StepRestart(false);
  if (choice === 'quit') throw new LessonQuit();
  return choice;
}
