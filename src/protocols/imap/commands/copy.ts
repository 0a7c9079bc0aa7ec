import { NoSuchMailboxError } from '../../../mailstore/types.js';
import { formatSequenceSet } from '../sequence.js';
import type { Args, CommandResult, CommandSpec, ImapContext } from './spec.js';
import { ImapNoError } from './spec.js';
import { mailboxArg, SELECTED, selectedOf, sequenceArg } from './util.js';

/**
 * COPY (RFC 3501 6.4.7) with COPYUID (RFC 4315 3): copies keep their flags and internal
 * date and get new UIDs in the target; COPYUID pairs old and new UIDs in order.
 * C: a1 COPY 1:2 Archive
 * S: a1 OK [COPYUID 1700000001 3:4 1:2] COPY completed
 */
async function copy(ctx: ImapContext, args: Args, byUid: boolean): Promise<CommandResult> {
  const mb = selectedOf(ctx);
  const target = mailboxArg(args[1]);
  const uids = mb.resolve(sequenceArg(args[0]), byUid).map((m) => m.entry.uid);
  if (uids.some((uid) => mb.isGone(uid))) throw new ImapNoError('Some of the messages were expunged by another session; nothing was copied', 'EXPUNGEISSUED');
  if (uids.length === 0) return { text: `${ctx.name} completed, no messages matched` };
  const { store } = ctx.services;
  try {
    const created = await store.copy(mb.account, mb.name, uids, target);
    const { uidValidity } = await store.status(mb.account, target);
    return { code: `COPYUID ${uidValidity} ${formatSequenceSet(uids)} ${formatSequenceSet(created)}`, text: `${ctx.name} completed, ${uids.length} message(s) copied to ${target}` };
  } catch (err) {
    if (err instanceof NoSuchMailboxError) throw new ImapNoError(`Mailbox does not exist: ${target}`, 'TRYCREATE');
    throw err;
  }
}

export const copySpec: CommandSpec = {
  name: 'COPY',
  states: SELECTED,
  args: ['seq-set', 'astring'],
  syntax: 'COPY sequence-set mailbox',
  rfc: 'RFC 3501 6.4.7, RFC 4315 3',
  handle: (ctx, args) => copy(ctx, args, false),
};

export const uidCopySpec: CommandSpec = {
  name: 'UID COPY',
  states: SELECTED,
  args: ['seq-set', 'astring'],
  syntax: 'UID COPY uid-set mailbox',
  rfc: 'RFC 3501 6.4.8, RFC 4315 3',
  handle: (ctx, args) => copy(ctx, args, true),
};
