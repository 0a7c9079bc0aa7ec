import { NoSuchMailboxError, type MailStore, type MessageMeta } from '../../mailstore/types.js';
import { renderFitted } from '../../ui/tables.js';
import { explain, note, say, warn } from '../present.js';
import { rebuildMenu } from '../recovery.js';
import { mismatch, out, tr, type LessonContext } from '../context.js';
import { labNamed } from '../lab-named.js';
import { msg } from '../messages.js';
import type { StepOf } from '../schema.js';

/**
 * `check`: the server side, straight from the lab's mail store: which messages a mailbox
 * holds and which flags the newest has. What POP3 deleted or IMAP marked \Seen is visible here.
 */

/** One header's value (RFC 5322 2.2.3: unfolded), enough to label a row. */
export function headerOf(raw: Buffer, name: string): string {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return m ? (m[1] as string).trim() : '';
}

/** The mailbox's messages, oldest first; none when the mailbox does not exist yet (nothing delivered to it). */
export async function listOrEmpty(store: MailStore, account: string, mailbox: string): Promise<MessageMeta[]> {
  try {
    return await store.list(account, mailbox);
  } catch (err) {
    if (err instanceof NoSuchMailboxError) return [];
    throw err;
  }
}

/** What is wrong with the mailbox, in the learner's words (never a pattern); empty when all is well. */
function problems(ctx: LessonContext, step: StepOf<'check'>, metas: MessageMeta[], newestRaw: string | null): string[] {
  const e = step.expect;
  const l = ctx.lang;
  const found: string[] = [];
  const newest = metas[metas.length - 1];
  if (e.messages !== undefined && metas.length !== e.messages) found.push(msg(l, 'checkMessages', { want: e.messages, got: metas.length }));
  for (const flag of e.flags ?? []) if (!newest?.flags.includes(flag)) found.push(msg(l, 'checkFlag', { flag }));
  for (const flag of e.noFlags ?? []) if (newest?.flags.includes(flag)) found.push(msg(l, 'checkNoFlag', { flag }));
  if (e.contains !== undefined && !(newestRaw !== null && new RegExp(e.contains, 'im').test(newestRaw))) found.push(e.about ? tr(ctx, e.about) : msg(l, 'checkContains'));
  return found;
}

export async function runCheck(ctx: LessonContext, step: StepOf<'check'>): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  const store = labNamed(ctx, step.lab).lab.store;
  const metas = await listOrEmpty(store, step.account, step.mailbox);
  const rows: Array<Array<string | number>> = [];
  let newestRaw: string | null = null;
  for (const meta of metas) {
    const raw = await store.read(step.account, step.mailbox, meta.uid);
    newestRaw = raw.toString('utf8');
    rows.push([meta.uid, meta.size, meta.flags.join(' ') || '-', headerOf(raw, 'from'), headerOf(raw, 'subject')]);
  }
  const l = ctx.lang;
  out(ctx, msg(l, 'checkHeader', { account: step.account, mailbox: step.mailbox, count: metas.length }));
  // Fits the terminal (ui/tables.ts): size gives way first, then long senders and subjects are cut with ….
  const columns = [{ head: msg(l, 'colUid') }, { head: msg(l, 'colSize'), drop: 1 }, { head: msg(l, 'colFlags'), min: 5 }, { head: msg(l, 'colFrom'), min: 12 }, { head: msg(l, 'colSubject'), min: 12 }];
  if (rows.length > 0) out(ctx, renderFitted(columns, rows));
  const wrong = problems(ctx, step, metas, newestRaw);
  if (wrong.length > 0) {
    warn(ctx, msg(l, 'checkFailed', { what: wrong.join('; ') }));
    if (ctx.ownMessage && step.expect.contains !== undefined) note(ctx, msg(l, 'checkOwnMessage'));
    if (ctx.auto || ctx.quiet) mismatch(ctx, step.id, 'server side as expected', wrong.join('; '));
    else {
      // Never "done" on a failed check: rebuild the lab (the replay sends the prepared message), or go on without it.
      await rebuildMenu(ctx, msg(l, 'checkChoice'), true);
      ctx.stepFailed = true;
    }
  }
  explain(ctx, tr(ctx, step.explain));
}
