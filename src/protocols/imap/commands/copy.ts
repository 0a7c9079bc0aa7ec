import { NoSuchMailboxError } from '../../../mailstore/types.js';
import { ImapNoError } from '../errors.js';
import { formatSequenceSet, type SequenceSet } from '../sequence.js';
import { mailbox, seqSet } from './args.js';
import { imapCommand, type ImapOutcome, type SelectedContext } from '../types.js';
import { SELECTED } from './util.js';

/**
 * COPY (RFC 3501 6.4.7) with COPYUID (RFC 4315 3): copies keep their flags and internal
 * date and get new UIDs in the target; COPYUID pairs old and new UIDs in order.
 * C: a1 COPY 1:2 Archive
 * S: a1 OK [COPYUID 1700000001 3:4 1:2] COPY completed
 */
async function copy(ctx: SelectedContext, set: SequenceSet, target: string, byUid: boolean): Promise<ImapOutcome> {
  const mb = ctx.selected;
  const uids = mb.resolve(set, byUid).map((m) => m.entry.uid);
  if (uids.some((uid) => mb.isGone(uid))) throw new ImapNoError('Some of the messages were expunged by another session; nothing was copied', 'EXPUNGEISSUED');
  if (uids.length === 0) return { replies: [], text: `${ctx.name} completed, no messages matched` };
  const { store } = ctx.services;
  try {
    const created = await store.copy(mb.account, mb.name, uids, target);
    const { uidValidity } = await store.status(mb.account, target);
    return { replies: [], code: `COPYUID ${uidValidity} ${formatSequenceSet(uids)} ${formatSequenceSet(created)}`, text: `${ctx.name} completed, ${uids.length} message(s) copied to ${target}` };
  } catch (err) {
    if (err instanceof NoSuchMailboxError) throw new ImapNoError(`Mailbox does not exist: ${target}`, 'TRYCREATE');
    throw err;
  }
}

export const copySpec = imapCommand({
  name: 'COPY',
  states: SELECTED,
  args: [seqSet, mailbox],
  syntax: 'COPY sequence-set mailbox',
  rfc: 'RFC 3501 6.4.7, RFC 4315 3',
  handle: (ctx, [set, target]) => copy(ctx, set, target, false),
});

export const uidCopySpec = imapCommand({
  name: 'UID COPY',
  states: SELECTED,
  args: [seqSet, mailbox],
  syntax: 'UID COPY uid-set mailbox',
  rfc: 'RFC 3501 6.4.8, RFC 4315 3',
  handle: (ctx, [set, target]) => copy(ctx, set, target, true),
});
