import type { CommandSpec } from './spec.js';
import { AUTHENTICATED, mailboxArg, text, userOf } from './util.js';

/**
 * CREATE (RFC 3501 6.3.3): a new mailbox; its missing superiors are made too. A trailing
 * delimiter (`Work/`) only says inferiors are meant, so it is dropped.
 * C: a1 CREATE Work/2024
 * S: a1 OK CREATE completed
 */
export const createSpec: CommandSpec = {
  name: 'CREATE',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'CREATE mailbox',
  rfc: 'RFC 3501 6.3.3',
  async handle(ctx, args) {
    const raw = text(args[0]);
    const name = mailboxArg({ type: 'atom', value: raw.endsWith('/') && raw.length > 1 ? raw.slice(0, -1) : raw });
    await ctx.services.store.createMailbox(userOf(ctx), name);
    return { text: `CREATE completed, ${name} exists now` };
  },
};
