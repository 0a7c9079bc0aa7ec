import type { SelectedContext } from '../types.js';
import { imapCommand } from '../types.js';
import { SELECTED } from './util.js';

/**
 * CLOSE (RFC 3501 6.4.2): leave the mailbox, first removing every \Deleted message, with
 * no untagged EXPUNGE. After EXAMINE nothing is removed. UNSELECT (RFC 3691) leaves
 * without removing anything.
 * C: a1 CLOSE
 * S: a1 OK CLOSE completed
 */
async function expungeSilently(ctx: SelectedContext): Promise<number> {
  const mb = ctx.selected;
  if (mb.readOnly) return 0;
  const uids = mb.uidsWithFlag('\\Deleted');
  if (uids.length > 0) await ctx.services.store.remove(mb.account, mb.name, uids);
  mb.removeOwn(uids);
  return uids.length;
}

export const closeSpec = imapCommand({
  name: 'CLOSE',
  states: SELECTED,
  args: [],
  syntax: 'CLOSE',
  rfc: 'RFC 3501 6.4.2',
  async handle(ctx) {
    const removed = await expungeSilently(ctx);
    return { replies: [], text: `CLOSE completed${removed > 0 ? `, ${removed} deleted message(s) removed` : ''}`, next: 'authenticated', change: { selected: null } };
  },
});

export const unselectSpec = imapCommand({
  name: 'UNSELECT',
  states: SELECTED,
  args: [],
  syntax: 'UNSELECT',
  rfc: 'RFC 3691 2',
  handle: () => ({ replies: [], text: 'UNSELECT completed, nothing was removed', next: 'authenticated', change: { selected: null } }),
});
