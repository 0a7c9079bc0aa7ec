import { summarize, type MessageSummary } from '../mailstore/inspect.js';
import { mailItems, type Located, type MailItem } from '../mailstore/transactions.js';
import type { Envelope, MailStore } from '../mailstore/types.js';

/**
 * The captured mail as the web inbox lists it: one entry per SMTP transaction (however many
 * accounts got a copy), as `l7lab mail list` counts them. A message's bytes and envelope never
 * change, so each entry's header summary is read once and kept until the message goes.
 */
export interface Entry {
  id: string;
  /** When the lab received it (ISO 8601): the list's order and `since`'s measure. */
  date: string;
  size: number;
  from: string;
  to: string;
  subject: string;
  /** MAIL FROM and RCPT TO (RFC 5321 3.3); null for a message that came by IMAP APPEND or COPY. */
  envelope: Envelope | null;
  /** The Date header as the sender wrote it. */
  headerDate: string;
}

interface Known {
  entry: Entry;
  summary: MessageSummary;
}

export interface Found {
  item: MailItem;
  first: Located;
}

export class Catalog {
  private readonly known = new Map<string, Known>();
  /** The last list, kept while the store's revision says nothing changed (a polled inbox lists once per change). */
  private last: { revision: number; entries: readonly Known[] } | null = null;

  constructor(private readonly store: MailStore) {}

  /** Newest first, with what filters need. */
  async entries(): Promise<readonly Known[]> {
    const now = this.entriesNow();
    if (now) return now;
    const revision = this.store.revision?.();
    const entries = await this.readAll();
    // Kept only when nothing changed while it was read.
    if (revision !== undefined && this.store.revision?.() === revision) this.last = { revision, entries };
    return entries;
  }

  /** The same list without waiting, when the store has not changed since it was read; else null (ask entries()). */
  entriesNow(): readonly Known[] | null {
    const last = this.last;
    return last !== null && this.store.revision?.() === last.revision ? last.entries : null;
  }

  private async readAll(): Promise<Known[]> {
    const items = await mailItems(this.store);
    const live = new Set(items.map((i) => i.id));
    for (const id of this.known.keys()) if (!live.has(id)) this.known.delete(id);
    const out: Known[] = [];
    for (const item of items.reverse()) {
      const known = this.known.get(item.id) ?? (await this.read(item));
      if (known) out.push(known);
    }
    return out;
  }

  /** The transaction `id` and the copy read for display, or null. */
  async find(id: string): Promise<Found | null> {
    const item = (await mailItems(this.store)).find((i) => i.id === id);
    return item ? { item, first: item.copies[0] as Located } : null;
  }

  async raw(found: Found): Promise<Buffer> {
    const { account, mailbox, meta } = found.first;
    return this.store.read(account, mailbox, meta.uid);
  }

  private async read(item: MailItem): Promise<Known | null> {
    const first = item.copies[0] as Located;
    // Removed meanwhile (POP3 DELE, a DELETE): not listed.
    const raw = await this.store.read(first.account, first.mailbox, first.meta.uid).catch(() => null);
    if (!raw) return null;
    const summary = await summarize(raw);
    const record = await this.store.transaction(item.id);
    const entry: Entry = {
      id: item.id,
      date: item.receivedAt.toISOString(),
      size: first.meta.size,
      from: summary.from,
      to: summary.to,
      subject: summary.subject,
      envelope: record ? { from: record.envelope.from, to: [...record.envelope.to] } : null,
      headerDate: summary.date,
    };
    const known = { entry, summary };
    this.known.set(item.id, known);
    return known;
  }
}

export type { Known };
