import type { CommandSpec } from './spec.js';
import { ImapNoError } from './spec.js';
import { AUTHENTICATED, mailboxArg, userOf } from './util.js';

/**
 * DELETE (RFC 3501 6.3.4): remove a mailbox and its messages; INBOX cannot be deleted.
 * The mailbox this session has open is refused too, so its view never points at nothing.
 * C: a1 DELETE Work/2023
 * S: a1 OK DELETE completed
 */
export const deleteSpec: CommandSpec = {
  name: 'DELETE',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'DELETE mailbox',
  rfc: 'RFC 3501 6.3.4',
  async handle(ctx, args) {
    const name = mailboxArg(args[0]);
    if (name === 'INBOX') throw new ImapNoError('INBOX cannot be deleted (RFC 3501 6.3.4)', 'CANNOT');
    if (ctx.session.selected?.name === name) throw new ImapNoError(`${name} is selected: CLOSE or UNSELECT it first`, 'INUSE');
    await ctx.services.store.deleteMailbox(userOf(ctx), name);
    return { text: `DELETE completed, ${name} is gone` };
  },
};
