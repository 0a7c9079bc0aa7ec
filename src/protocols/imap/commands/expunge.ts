import type { Args, CommandResult, CommandSpec, ImapContext } from './spec.js';
import { ImapNoError } from './spec.js';
import { SELECTED, selectedOf, sequenceArg } from './util.js';

/**
 * EXPUNGE (RFC 3501 6.4.3): remove every \Deleted message for good, telling the client
 * each removed sequence number; UID EXPUNGE (RFC 4315 2.1) only those in a UID set, so
 * a client never removes what another device marked. Numbers are sent highest first, so
 * no EXPUNGE line shifts the number of one still to come.
 * C: a1 EXPUNGE
 * S: * 3 EXPUNGE
 * S: a1 OK EXPUNGE completed
 */
async function expunge(ctx: ImapContext, args: Args, byUid: boolean): Promise<CommandResult> {
  const mb = selectedOf(ctx);
  if (mb.readOnly) throw new ImapNoError('The mailbox was opened with EXAMINE: nothing can be removed', 'READ-ONLY');
  const inSet = byUid ? new Set(mb.resolve(sequenceArg(args[0]), true).map((m) => m.entry.uid)) : null;
  const uids = mb.uidsWithFlag('\\Deleted').filter((uid) => inSet === null || inSet.has(uid));
  if (uids.length > 0) await ctx.services.store.remove(mb.account, mb.name, uids);
  for (const line of mb.removeOwn(uids)) ctx.untagged(line);
  return { text: `${ctx.name} completed, ${uids.length} message(s) removed` };
}

export const expungeSpec: CommandSpec = {
  name: 'EXPUNGE',
  states: SELECTED,
  args: [],
  syntax: 'EXPUNGE',
  rfc: 'RFC 3501 6.4.3',
  handle: (ctx, args) => expunge(ctx, args, false),
};

export const uidExpungeSpec: CommandSpec = {
  name: 'UID EXPUNGE',
  states: SELECTED,
  args: ['seq-set'],
  syntax: 'UID EXPUNGE uid-set',
  rfc: 'RFC 4315 2.1',
  handle: (ctx, args) => expunge(ctx, args, true),
};
