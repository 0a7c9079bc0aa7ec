import { mailbox } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * RENAME (RFC 3501 6.3.5): inferiors move along. Renaming INBOX moves its messages into
 * the new mailbox and leaves INBOX empty (the store does that).
 * C: a1 RENAME Work Archive
 * S: a1 OK RENAME completed
 */
export const renameSpec = imapCommand({
  name: 'RENAME',
  states: AUTHENTICATED,
  args: [mailbox, mailbox],
  syntax: 'RENAME existing-mailbox new-mailbox',
  rfc: 'RFC 3501 6.3.5',
  async handle(ctx, [from, to]) {
    await ctx.services.store.renameMailbox(ctx.user, from, to);
    return { replies: [], text: `RENAME completed, ${from} is now ${to}` };
  },
});
