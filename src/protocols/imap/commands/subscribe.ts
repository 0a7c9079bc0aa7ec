import type { CommandSpec } from './spec.js';
import { AUTHENTICATED, mailboxArg, userOf } from './util.js';

/**
 * SUBSCRIBE / UNSUBSCRIBE (RFC 3501 6.3.6, 6.3.7): the list LSUB shows, kept on the
 * server so every device shows the same folders.
 * C: a1 SUBSCRIBE Work
 * S: a1 OK SUBSCRIBE completed
 */
export const subscribeSpec: CommandSpec = {
  name: 'SUBSCRIBE',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'SUBSCRIBE mailbox',
  rfc: 'RFC 3501 6.3.6',
  async handle(ctx, args) {
    const name = mailboxArg(args[0]);
    // RFC 3501 6.3.6 lets a server refuse a name that does not exist; status() throws then.
    await ctx.services.store.status(userOf(ctx), name);
    await ctx.services.store.setSubscribed(userOf(ctx), name, true);
    return { text: `SUBSCRIBE completed, ${name} is subscribed` };
  },
};

export const unsubscribeSpec: CommandSpec = {
  name: 'UNSUBSCRIBE',
  states: AUTHENTICATED,
  args: ['astring'],
  syntax: 'UNSUBSCRIBE mailbox',
  rfc: 'RFC 3501 6.3.7',
  async handle(ctx, args) {
    const name = mailboxArg(args[0]);
    await ctx.services.store.setSubscribed(userOf(ctx), name, false);
    return { text: `UNSUBSCRIBE completed, ${name} is not subscribed` };
  },
};
