import type { CommandSpec, ImapContext } from './spec.js';
import { SELECTED, selectedOf } from './util.js';

/**
 * CLOSE (RFC 3501 6.4.2): leave the mailbox, first removing every \Deleted message, with
 * no untagged EXPUNGE. After EXAMINE nothing is removed. UNSELECT (RFC 3691) leaves
 * without removing anything.
 * C: a1 CLOSE
 * S: a1 OK CLOSE completed
 */
async function expungeSilently(ctx: ImapContext): Promise<number> {
  const mb = selectedOf(ctx);
  if (mb.readOnly) return 0;
  const uids = mb.uidsWithFlag('\\Deleted');
  if (uids.length > 0) await ctx.services.store.remove(mb.account, mb.name, uids);
  mb.removeOwn(uids);
  return uids.length;
}

export const closeSpec: CommandSpec = {
  name: 'CLOSE',
  states: SELECTED,
  args: [],
  syntax: 'CLOSE',
  rfc: 'RFC 3501 6.4.2',
  async handle(ctx) {
    const removed = await expungeSilently(ctx);
    return { text: `CLOSE completed${removed > 0 ? `, ${removed} deleted message(s) removed` : ''}`, next: 'authenticated', selected: null };
  },
};

export const unselectSpec: CommandSpec = {
  name: 'UNSELECT',
  states: SELECTED,
  args: [],
  syntax: 'UNSELECT',
  rfc: 'RFC 3691 2',
  async handle() {
    return { text: 'UNSELECT completed, nothing was removed', next: 'authenticated', selected: null };
  },
};
