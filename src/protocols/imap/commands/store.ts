import { normalizeFlags } from '../../../mailstore/flags.js';
import { ImapNoError } from '../errors.js';
import type { SequenceSet } from '../sequence.js';
import { seqSet, storeFlags, storeOperation, type StoreOperation } from './args.js';
import { imapCommand, type ImapOutcome, type SelectedContext } from '../types.js';
import { SELECTED } from './util.js';

/**
 * STORE (RFC 3501 6.4.6): change flags on the server, where every device sees them.
 * FLAGS replaces, +FLAGS adds, -FLAGS removes; .SILENT skips the untagged FETCH that
 * reports the result (a change made meanwhile by another session is still reported).
 * C: a1 STORE 2 +FLAGS (\Seen)
 * S: * 2 FETCH (FLAGS (\Seen))
 * S: a1 OK STORE completed
 */
const SYNTAX = 'STORE sequence-set FLAGS|+FLAGS|-FLAGS[.SILENT] (flag ...)';

function apply(op: StoreOperation['op'], current: readonly string[], given: readonly string[]): string[] {
  if (op === 'set') return normalizeFlags(given);
  if (op === 'add') return normalizeFlags([...current, ...given]);
  const drop = new Set(given.map((f) => f.toLowerCase()));
  return current.filter((f) => !drop.has(f.toLowerCase()));
}

async function store(ctx: SelectedContext, set: SequenceSet, { op, silent }: StoreOperation, given: string[], byUid: boolean): Promise<ImapOutcome> {
  const mb = ctx.selected;
  if (mb.readOnly) throw new ImapNoError('The mailbox was opened with EXAMINE: flags cannot change', 'READ-ONLY');
  // A keyword new to the mailbox is announced first (RFC 3501 7.2.6), even with .SILENT.
  const replies: string[] = mb.announceKeywords(op === 'remove' ? [] : given);
  let gone = 0;
  for (const { seq, entry } of mb.resolve(set, byUid)) {
    if (mb.isGone(entry.uid)) {
      gone++;
      continue;
    }
    // .SILENT hides only this command's own result (RFC 3501 6.4.6): a change another
    // session made meanwhile must still reach the client, so it stays unreported.
    const othersChanged = mb.unreported(entry);
    const flags = apply(op, entry.flags, given);
    entry.flags = flags;
    await ctx.services.store.setFlags(mb.account, mb.name, entry.uid, flags);
    if (!silent || !othersChanged) mb.told(entry);
    if (!silent) replies.push(`* ${seq} FETCH (${byUid ? `UID ${entry.uid} ` : ''}FLAGS (${mb.flagsOf(entry).join(' ')}))`);
  }
  if (gone > 0) return { replies, status: 'NO', code: 'EXPUNGEISSUED', text: `${gone} of the messages were expunged by another session` };
  return { replies, text: `${ctx.name} completed` };
}

export const storeSpec = imapCommand({
  name: 'STORE',
  states: SELECTED,
  args: [seqSet, storeOperation, storeFlags],
  syntax: SYNTAX,
  rfc: 'RFC 3501 6.4.6',
  holdExpunges: true,
  handle: (ctx, [set, operation, flags]) => store(ctx, set, operation, flags, false),
});

export const uidStoreSpec = imapCommand({
  name: 'UID STORE',
  states: SELECTED,
  args: [seqSet, storeOperation, storeFlags],
  syntax: `UID ${SYNTAX.replace('sequence-set', 'uid-set')}`,
  rfc: 'RFC 3501 6.4.8',
  handle: (ctx, [set, operation, flags]) => store(ctx, set, operation, flags, true),
});
