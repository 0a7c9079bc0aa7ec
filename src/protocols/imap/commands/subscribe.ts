import { mailbox } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * SUBSCRIBE / UNSUBSCRIBE (RFC 3501 6.3.6, 6.3.7): the list LSUB shows, kept on the
 * server so every device shows the same folders.
 * C: a1 SUBSCRIBE Work
 * S: a1 OK SUBSCRIBE completed
 */
export const subscribeSpec = imapCommand({
  name: 'SUBSCRIBE',
  states: AUTHENTICATED,
  args: [mailbox],
  syntax: 'SUBSCRIBE mailbox',
  rfc: 'RFC 3501 6.3.6',
  async handle(ctx, [name]) {
    // RFC 3501 6.3.6 lets a server refuse a name that does not exist; status() throws then.
    await ctx.services.store.status(ctx.user, name);
    await ctx.services.store.setSubscribed(ctx.user, name, true);
    return { replies: [], text: `SUBSCRIBE completed, ${name} is subscribed` };
  },
});

export const unsubscribeSpec = imapCommand({
  name: 'UNSUBSCRIBE',
  states: AUTHENTICATED,
  args: [mailbox],
  syntax: 'UNSUBSCRIBE mailbox',
  rfc: 'RFC 3501 6.3.7',
  async handle(ctx, [name]) {
    await ctx.services.store.setSubscribed(ctx.user, name, false);
    return { replies: [], text: `UNSUBSCRIBE completed, ${name} is not subscribed` };
  },
});
