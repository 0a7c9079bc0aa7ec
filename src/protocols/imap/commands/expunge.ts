import { ImapNoError } from '../errors.js';
import type { SequenceSet } from '../sequence.js';
import { seqSet } from './args.js';
import { imapCommand, type ImapOutcome, type SelectedContext } from '../types.js';
import { SELECTED } from './util.js';

/**
 * EXPUNGE (RFC 3501 6.4.3): remove every \Deleted message for good, telling the client
 * each removed sequence number; UID EXPUNGE (RFC 4315 2.1) only those in a UID set, so
 * a client never removes what another device marked. Numbers are sent highest first, so
 * no EXPUNGE line shifts the number of one still to come.
 * C: a1 EXPUNGE
 * S: * 3 EXPUNGE
 * S: a1 OK EXPUNGE completed
 */
async function expunge(ctx: SelectedContext, set: SequenceSet | null): Promise<ImapOutcome> {
  const mb = ctx.selected;
  if (mb.readOnly) throw new ImapNoError('The mailbox was opened with EXAMINE: nothing can be removed', 'READ-ONLY');
  const inSet = set ? new Set(mb.resolve(set, true).map((m) => m.entry.uid)) : null;
  const uids = mb.uidsWithFlag('\\Deleted').filter((uid) => inSet === null || inSet.has(uid));
  if (uids.length > 0) await ctx.services.store.remove(mb.account, mb.name, uids);
  return { replies: mb.removeOwn(uids), text: `${ctx.name} completed, ${uids.length} message(s) removed` };
}

export const expungeSpec = imapCommand({
  name: 'EXPUNGE',
  states: SELECTED,
  args: [],
  syntax: 'EXPUNGE',
  rfc: 'RFC 3501 6.4.3',
  handle: (ctx) => expunge(ctx, null),
});

export const uidExpungeSpec = imapCommand({
  name: 'UID EXPUNGE',
  states: SELECTED,
  args: [seqSet],
  syntax: 'UID EXPUNGE uid-set',
  rfc: 'RFC 4315 2.1',
  handle: (ctx, [set]) => expunge(ctx, set),
});
