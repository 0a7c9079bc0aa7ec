import { flagsResponses, SelectedMailbox } from '../selected-mailbox.js';
import { mailbox } from './args.js';
import { imapCommand, type AuthenticatedContext, type ImapOutcome } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2): open a mailbox. The untagged responses tell
 * the client everything it needs to number messages (EXISTS) and to cache safely
 * (UIDVALIDITY, UIDNEXT). EXAMINE opens read-only: no flag changes, no \Seen, no \Recent
 * claimed. The previous mailbox is left even if this one cannot be opened (the session
 * does that on a NO: deselectOnFailure).
 * C: a1 SELECT INBOX
 * S: * 3 EXISTS
 * S: * OK [UIDVALIDITY 1700000000] UIDs valid
 * S: a1 OK [READ-WRITE] SELECT completed
 */
async function open(ctx: AuthenticatedContext, name: string, readOnly: boolean): Promise<ImapOutcome> {
  const mb = await SelectedMailbox.open(ctx.services, ctx.user, name, readOnly);
  const replies = [
    ...flagsResponses(mb.knownKeywords(), readOnly),
    `* ${mb.exists} EXISTS`,
    `* ${mb.recentCount} RECENT`,
  ];
  const unseen = mb.firstUnseen();
  if (unseen !== null) replies.push(`* OK [UNSEEN ${unseen}] First unseen message`);
  replies.push(`* OK [UIDVALIDITY ${mb.uidValidity}] UIDs valid`, `* OK [UIDNEXT ${mb.predictedUidNext}] Predicted next UID`);
  const verb = readOnly ? 'EXAMINE' : 'SELECT';
  return { replies, code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${verb} completed, ${mb.name} is open`, next: 'selected', change: { selected: mb } };
}

export const selectSpec = imapCommand({
  name: 'SELECT',
  states: AUTHENTICATED,
  args: [mailbox],
  syntax: 'SELECT mailbox',
  rfc: 'RFC 3501 6.3.1',
  deselectOnFailure: true,
  handle: (ctx, [name]) => open(ctx, name, false),
});

export const examineSpec = imapCommand({
  name: 'EXAMINE',
  states: AUTHENTICATED,
  args: [mailbox],
  syntax: 'EXAMINE mailbox',
  rfc: 'RFC 3501 6.3.2',
  deselectOnFailure: true,
  handle: (ctx, [name]) => open(ctx, name, true),
});
