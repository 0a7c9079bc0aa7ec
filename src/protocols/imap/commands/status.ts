import { ResponseBuilder } from '../format.js';
import { mailbox, STATUS_ITEMS, statusItems, type StatusItem } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * STATUS (RFC 3501 6.3.10): counts of a mailbox without selecting it; RECENT only looks
 * and claims nothing.
 * C: a1 STATUS INBOX (MESSAGES UNSEEN UIDNEXT)
 * S: * STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDNEXT 4)
 * S: a1 OK STATUS completed
 */
export const statusSpec = imapCommand({
  name: 'STATUS',
  states: AUTHENTICATED,
  args: [mailbox, statusItems],
  syntax: `STATUS mailbox (${STATUS_ITEMS.join(' ')})`,
  rfc: 'RFC 3501 6.3.10',
  async handle(ctx, [name, wanted]) {
    const { store, recent: registry } = ctx.services;
    const st = await store.status(ctx.user, name);
    let recent = 0;
    if (wanted.includes('RECENT')) {
      const uids = (await store.list(ctx.user, name)).map((m) => m.uid);
      const fresh = registry.peek(ctx.user, name, st.uidValidity, uids);
      // As EXAMINE: what another process took out of new/ is no longer recent (RFC 3501 2.3.2).
      recent = (store.takeNew && fresh.length > 0 ? await store.takeNew(ctx.user, name, fresh, false) : fresh).length;
    }
    const values: Record<StatusItem, number> = { MESSAGES: st.messages, RECENT: recent, UIDNEXT: st.uidNext, UIDVALIDITY: st.uidValidity, UNSEEN: st.unseen };
    const list = wanted.map((item) => `${item} ${values[item]}`).join(' ');
    return { replies: [new ResponseBuilder().text('* STATUS ').astring(name).text(` (${list})`).toOut()], text: 'STATUS completed' };
  },
});
