import { NoSuchMailboxError, type MailStore } from '../../mailstore/types.js';

/**
 * The maildrop as one POP3 session sees it: a snapshot of the account's INBOX taken at
 * login. Message numbers are fixed for the whole session (RFC 1939 5), even if new mail
 * arrives meanwhile; DELE only marks, and the marks are applied in the UPDATE state.
 */
export const POP3_MAILBOX = 'INBOX';

export interface MaildropEntry {
  /** Message-number, 1-based, fixed for the session (RFC 1939 5). */
  n: number;
  uid: number;
  /** Exact octets with CRLF line ends, as LIST reports them. */
  size: number;
  /** Unique-id listing (RFC 1939 7): 1-70 characters in 0x21-0x7E, stable across sessions. */
  uidl: string;
}

export type Lookup = { entry: MaildropEntry } | { missing: 'no-such-message' | 'deleted' };

/**
 * What a command handler may read of the maildrop. Marking and unmarking are the session's
 * job: DELE and RSET return them as a change (see Pop3Change), the session applies it.
 */
export interface MaildropView {
  readonly total: number;
  lookup(n: number): Lookup;
  live(): MaildropEntry[];
  stat(): { count: number; octets: number };
  /** Count and size of the whole snapshot, marks ignored: what RSET brings back. */
  whole(): { count: number; octets: number };
  markedUids(): number[];
}

export class Maildrop implements MaildropView {
  private readonly deleted = new Set<number>();
  private liveCount: number;
  private liveOctets: number;

  constructor(private readonly entries: readonly MaildropEntry[]) {
    this.liveCount = entries.length;
    this.liveOctets = entries.reduce((sum, e) => sum + e.size, 0);
  }

  /** Messages at login, deleted ones included: the highest valid message-number. */
  get total(): number {
    return this.entries.length;
  }

  lookup(n: number): Lookup {
    const entry = this.entries[n - 1];
    if (!entry) return { missing: 'no-such-message' };
    if (this.deleted.has(n)) return { missing: 'deleted' };
    return { entry };
  }

  /** Messages not marked deleted: only these appear in STAT, LIST and UIDL (RFC 1939 5). */
  live(): MaildropEntry[] {
    if (this.deleted.size === 0) return [...this.entries];
    return this.entries.filter((e) => !this.deleted.has(e.n));
  }

  stat(): { count: number; octets: number } {
    return { count: this.liveCount, octets: this.liveOctets };
  }

  whole(): { count: number; octets: number } {
    return { count: this.entries.length, octets: this.entries.reduce((sum, e) => sum + e.size, 0) };
  }

  mark(entry: MaildropEntry): void {
    if (this.deleted.has(entry.n)) return;
    this.deleted.add(entry.n);
    this.liveCount -= 1;
    this.liveOctets -= entry.size;
  }

  /** RSET (RFC 1939 5): unmark everything. */
  reset(): void {
    for (const n of this.deleted) {
      const e = this.entries[n - 1];
      if (e) this.liveOctets += e.size;
    }
    this.liveCount += this.deleted.size;
    this.deleted.clear();
  }

  /** UIDs to remove in the UPDATE state. */
  markedUids(): number[] {
    return [...this.deleted].sort((a, b) => a - b).map((n) => (this.entries[n - 1] as MaildropEntry).uid);
  }
}

/**
 * The unique-id of a message: UIDVALIDITY and UID, the pair IMAP itself uses to name a
 * message for good (RFC 3501 2.3.1.1), so the id never changes between sessions and never
 * comes back for another message. At most 21 printable characters, within RFC 1939 7's 1-70.
 */
export function uniqueId(uidValidity: number, uid: number): string {
  return `${uidValidity}.${uid}`;
}

/** Snapshot an account's INBOX; an account that never received mail has an empty maildrop. */
export async function loadMaildrop(store: MailStore, account: string): Promise<Maildrop> {
  try {
    const status = await store.status(account, POP3_MAILBOX);
    const metas = await store.list(account, POP3_MAILBOX);
    return new Maildrop(metas.map((m, i) => ({ n: i + 1, uid: m.uid, size: m.size, uidl: uniqueId(status.uidValidity, m.uid) })));
  } catch (err) {
    if (err instanceof NoSuchMailboxError) return new Maildrop([]);
    throw err;
  }
}
