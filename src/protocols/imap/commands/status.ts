import { ProtocolSyntaxError } from '../../errors.js';
import { ResponseBuilder } from '../format.js';
import type { CommandSpec } from './spec.js';
import { AUTHENTICATED, mailboxArg, userOf } from './util.js';

/**
 * STATUS (RFC 3501 6.3.10): counts of a mailbox without selecting it; RECENT only looks
 * and claims nothing.
 * C: a1 STATUS INBOX (MESSAGES UNSEEN UIDNEXT)
 * S: * STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDNEXT 4)
 * S: a1 OK STATUS completed
 */
const ITEMS = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN'] as const;
type Item = (typeof ITEMS)[number];
const SYNTAX = `STATUS mailbox (${ITEMS.join(' ')})`;

export const statusSpec: CommandSpec = {
  name: 'STATUS',
  states: AUTHENTICATED,
  args: ['astring', 'list'],
  syntax: SYNTAX,
  rfc: 'RFC 3501 6.3.10',
  async handle(ctx, args) {
    const name = mailboxArg(args[0]);
    const wanted = (args[1]?.type === 'list' ? args[1].items : []).map((t) => {
      const item = t.type === 'atom' ? t.value.toUpperCase() : '';
      if (!(ITEMS as readonly string[]).includes(item)) throw new ProtocolSyntaxError(`unknown STATUS item; use ${ITEMS.join(', ')}`, SYNTAX);
      return item as Item;
    });
    const user = userOf(ctx);
    const st = await ctx.services.store.status(user, name);
    let recent = 0;
    if (wanted.includes('RECENT')) {
      const uids = (await ctx.services.store.list(user, name)).map((m) => m.uid);
      recent = ctx.services.recent.peek(user, name, st.uidValidity, uids).length;
    }
    const values: Record<Item, number> = { MESSAGES: st.messages, RECENT: recent, UIDNEXT: st.uidNext, UIDVALIDITY: st.uidValidity, UNSEEN: st.unseen };
    const list = wanted.map((item) => `${item} ${values[item]}`).join(' ');
    ctx.untagged(new ResponseBuilder().text('* STATUS ').astring(name).text(` (${list})`).toOut());
    return { text: 'STATUS completed' };
  },
};
