import { ImapNoError } from '../errors.js';
import { mailbox } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * DELETE (RFC 3501 6.3.4): remove a mailbox and its messages; INBOX cannot be deleted.
 * The mailbox this session has open is refused too, so its view never points at nothing.
 * C: a1 DELETE Work/2023
 * S: a1 OK DELETE completed
 */
export const deleteSpec = imapCommand({
  name: 'DELETE',
  states: AUTHENTICATED,
  args: [mailbox],
  syntax: 'DELETE mailbox',
  rfc: 'RFC 3501 6.3.4',
  async handle(ctx, [name]) {
    if (name === 'INBOX') throw new ImapNoError('INBOX cannot be deleted (RFC 3501 6.3.4)', 'CANNOT');
    if (ctx.selected?.name === name) throw new ImapNoError(`${name} is selected: CLOSE or UNSELECT it first`, 'INUSE');
    await ctx.services.store.deleteMailbox(ctx.user, name);
    return { replies: [], text: `DELETE completed, ${name} is gone` };
  },
});
