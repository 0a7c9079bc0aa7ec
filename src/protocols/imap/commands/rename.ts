import type { CommandSpec } from './spec.js';
import { AUTHENTICATED, mailboxArg, userOf } from './util.js';

/**
 * RENAME (RFC 3501 6.3.5): inferiors move along. Renaming INBOX moves its messages into
 * the new mailbox and leaves INBOX empty (the store does that).
 * C: a1 RENAME Work Archive
 * S: a1 OK RENAME completed
 */
export const renameSpec: CommandSpec = {
  name: 'RENAME',
  states: AUTHENTICATED,
  args: ['astring', 'astring'],
  syntax: 'RENAME existing-mailbox new-mailbox',
  rfc: 'RFC 3501 6.3.5',
  async handle(ctx, args) {
    const from = mailboxArg(args[0]);
    const to = mailboxArg(args[1]);
    await ctx.services.store.renameMailbox(userOf(ctx), from, to);
    return { text: `RENAME completed, ${from} is now ${to}` };
  },
};
