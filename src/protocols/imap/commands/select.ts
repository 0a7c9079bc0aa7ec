import { SYSTEM_FLAGS } from '../../../mailstore/types.js';
import { SelectedMailbox } from '../selected-mailbox.js';
import type { Args, CommandResult, CommandSpec, ImapContext } from './spec.js';
import { AUTHENTICATED, mailboxArg, userOf } from './util.js';

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2): open a mailbox. The untagged responses tell
 * the client everything it needs to number messages (EXISTS) and to cache safely
 * (UIDVALIDITY, UIDNEXT). EXAMINE opens read-only: no flag changes, no \Seen, no \Recent
 * claimed. The previous mailbox is left first, even if this one cannot be opened.
 * C: a1 SELECT INBOX
 * S: * 3 EXISTS
 * S: * OK [UIDVALIDITY 1700000000] UIDs valid
 * S: a1 OK [READ-WRITE] SELECT completed
 */
async function open(ctx: ImapContext, args: Args, readOnly: boolean): Promise<CommandResult> {
  const mb = await SelectedMailbox.open(ctx.services, userOf(ctx), mailboxArg(args[0]), readOnly);
  const flags = [...SYSTEM_FLAGS, ...mb.keywords()].join(' ');
  ctx.untagged(`* FLAGS (${flags})`);
  ctx.untagged(readOnly ? '* OK [PERMANENTFLAGS ()] Read-only mailbox, no flag can be changed' : `* OK [PERMANENTFLAGS (${flags} \\*)] Flags that stay, \\* = new keywords too`);
  ctx.untagged(`* ${mb.exists} EXISTS`);
  ctx.untagged(`* ${mb.recentCount} RECENT`);
  const unseen = mb.firstUnseen();
  if (unseen !== null) ctx.untagged(`* OK [UNSEEN ${unseen}] First unseen message`);
  ctx.untagged(`* OK [UIDVALIDITY ${mb.uidValidity}] UIDs valid`);
  ctx.untagged(`* OK [UIDNEXT ${mb.predictedUidNext}] Predicted next UID`);
  const verb = readOnly ? 'EXAMINE' : 'SELECT';
  return { code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${verb} completed, ${mb.name} is open`, next: 'selected', selected: mb };
}

export const selectSpec: CommandSpec = {
  name: 'SELECT',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'SELECT mailbox',
  rfc: 'RFC 3501 6.3.1',
  deselectFirst: true,
  handle: (ctx, args) => open(ctx, args, false),
};

export const examineSpec: CommandSpec = {
  name: 'EXAMINE',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'EXAMINE mailbox',
  rfc: 'RFC 3501 6.3.2',
  deselectFirst: true,
  handle: (ctx, args) => open(ctx, args, true),
};
