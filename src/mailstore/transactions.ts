import type { MailStore, MessageMeta } from './types.js';

/**
 * The store seen as `l7lab mail` shows it: one item per SMTP transaction, however many
 * account mailboxes hold a copy of it (POP3 and IMAP still see one copy per account).
 * Copies share their id (MessageMeta.id), so grouping by id is grouping by transaction.
 */
export interface Located {
  account: string;
  mailbox: string;
  meta: MessageMeta;
}

export interface MailItem {
  id: string;
  /** Every copy, in account and mailbox order; the first is the one read for display. */
  copies: Located[];
  receivedAt: Date;
}

/** Every message of every account and mailbox. */
export async function everyCopy(store: MailStore): Promise<Located[]> {
  const out: Located[] = [];
  for (const account of await store.accounts()) {
    for (const mailbox of await store.listMailboxes(account)) {
      for (const meta of await store.list(account, mailbox)) out.push({ account, mailbox, meta });
    }
  }
  return out;
}

/** One item per transaction, oldest first. */
export async function mailItems(store: MailStore): Promise<MailItem[]> {
  const byId = new Map<string, MailItem>();
  for (const copy of await everyCopy(store)) {
    const item = byId.get(copy.meta.id);
    if (item) item.copies.push(copy);
    else byId.set(copy.meta.id, { id: copy.meta.id, copies: [copy], receivedAt: copy.meta.internalDate });
  }
  return [...byId.values()].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** Read once every copy is \Seen (each account reads its own copy). */
export function isItemRead(item: MailItem): boolean {
  return item.copies.every((c) => c.meta.flags.includes('\\Seen'));
}

/** Remove every copy of a transaction, wherever it is; returns how many. */
export async function removeEveryCopy(store: MailStore, id: string): Promise<number> {
  let removed = 0;
  for (const c of await everyCopy(store)) {
    if (c.meta.id !== id) continue;
    await store.remove(c.account, c.mailbox, [c.meta.uid]);
    removed++;
  }
  return removed;
}

/**
 * Drop the oldest transactions beyond `max`, and what was kept for messages POP3 or IMAP
 * deleted meanwhile; returns the ids dropped, oldest first.
 */
export async function keepNewest(store: MailStore, max: number): Promise<string[]> {
  const items = await mailItems(store);
  const cut = Math.max(0, items.length - max);
  const doomed = items.slice(0, cut).map((i) => i.id);
  for (const id of doomed) await store.removeTransaction(id);
  await store.forgetOrphans(new Set(items.slice(cut).map((i) => i.id)));
  return doomed;
}
