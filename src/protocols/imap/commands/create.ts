import { newMailbox } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * CREATE (RFC 3501 6.3.3): a new mailbox; its missing superiors are made too. A trailing
 * delimiter (`Work/`) only says inferiors are meant, so it is dropped.
 * C: a1 CREATE Work/2024
 * S: a1 OK CREATE completed
 */
export const createSpec = imapCommand({
  name: 'CREATE',
  states: AUTHENTICATED,
  args: [newMailbox],
  syntax: 'CREATE mailbox',
  rfc: 'RFC 3501 6.3.3',
  async handle(ctx, [name]) {
    await ctx.services.store.createMailbox(ctx.user, name);
    return { replies: [], text: `CREATE completed, ${name} exists now` };
  },
});
