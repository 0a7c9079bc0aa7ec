/**
 * The one mail store every lab server stands on. SMTP delivers into it, POP3 and IMAP
 * read and change it. Implementations: memory.ts (lessons, tests) and maildir/store.ts
 * (serve); the mailbox policy both follow is written once, in mailboxes.ts.
 *
 * Accounts are the lowercased local part of an address: mail to bob@anything lands in
 * account "bob" (a mock sending server accepts every recipient, so an account need not
 * have a password to receive mail). Mailboxes are per account; "INBOX" always exists and
 * is matched case-insensitively (RFC 3501 5.1); the hierarchy delimiter is "/".
 */

/** System flags of RFC 3501 2.3.2; keywords (any other atom) are allowed too. */
export const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'] as const;
export type SystemFlag = (typeof SYSTEM_FLAGS)[number];

export interface MessageMeta {
  /**
   * Store-wide id, stable across restarts, used by `l7lab mail show <id>`. Every copy of one
   * SMTP transaction (one per recipient account) has the same id: the transaction's; a
   * message that came another way (IMAP APPEND or COPY) has an id of its own.
   */
  id: string;
  /** RFC 3501 2.3.1.1: strictly ascending within a mailbox, never reused. */
  uid: number;
  /** Octets with CRLF line ends, as POP3 LIST and IMAP RFC822.SIZE report them. */
  size: number;
  internalDate: Date;
  /** Current flags, sorted, including \Recent is never stored (it is per session). */
  flags: string[];
}

/** One message's facts for eachFact: UID, size in octets, internal date in ms, flags (shared, never changed in place). */
export type FactVisitor = (uid: number, size: number, date: number, flags: readonly string[]) => void;

export interface MailboxStatus {
  name: string;
  /** RFC 3501 2.3.1.1: stays the same as long as UIDs are not reused. */
  uidValidity: number;
  uidNext: number;
  messages: number;
  unseen: number;
}

export interface Envelope {
  /** MAIL FROM reverse-path, without angle brackets ('' for the null sender). */
  from: string;
  /** RCPT TO forward-paths. */
  to: string[];
}

/** What the store keeps of one SMTP transaction besides the message: its envelope (RFC 5321 2.3.1). */
export interface TransactionRecord {
  /** The id every copy of the message shares (MessageMeta.id). */
  id: string;
  envelope: Envelope;
  receivedAt: Date;
  size: number;
}

/**
 * The explained SMTP session that delivered a transaction, as the recorder (recording/) hands
 * it over: the language its explanations were written in and its events, already masked. The
 * store keeps each event as an opaque JSON record: what an event holds is the recorder's
 * business, not the store's.
 */
export interface StoredTranscript {
  lang: string;
  events: readonly object[];
}

export interface Delivery {
  account: string;
  mailbox: string;
  recipient: string;
  meta: MessageMeta;
}

/** Change notifications, so an IMAP session (e.g. in IDLE) sees what others did. */
export type StoreChange =
  | { kind: 'added'; account: string; mailbox: string; uid: number }
  | { kind: 'flags'; account: string; mailbox: string; uid: number; flags: string[] }
  | { kind: 'expunged'; account: string; mailbox: string; uids: number[] }
  | { kind: 'mailboxes'; account: string };

export type StoreListener = (change: StoreChange) => void;

export class MailboxNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailboxNameError';
  }
}

export class NoSuchMailboxError extends Error {
  constructor(readonly mailbox: string) {
    super(`no such mailbox: ${mailbox}`);
    this.name = 'NoSuchMailboxError';
  }
}

/** CREATE or RENAME onto a name that already exists (IMAP answers NO, RFC 3501 6.3.3). */
export class MailboxExistsError extends Error {
  constructor(readonly mailbox: string) {
    super(`mailbox already exists: ${mailbox}`);
    this.name = 'MailboxExistsError';
  }
}

/** A UID that is not (or no longer) in the mailbox, e.g. expunged by another session. */
export class NoSuchMessageError extends Error {
  constructor(readonly uid: number) {
    super(`no such message: UID ${uid}`);
    this.name = 'NoSuchMessageError';
  }
}

/** Raised when storing fails (disk full, read-only): SMTP answers 451/452, nothing half-written stays. */
export class StoreWriteError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    readonly noSpace = false,
  ) {
    super(message);
    this.name = 'StoreWriteError';
  }
}

export interface MailStore {
  /**
   * Store one message for every recipient (the account is each address's local part).
   * Resolves only once the message is durable: SMTP replies 250 after this.
   */
  deliver(envelope: Envelope, raw: Buffer, receivedAt?: Date): Promise<Delivery[]>;

  /** Every account that has a mailbox (received mail or logged in), sorted. */
  accounts(): Promise<string[]>;
  listMailboxes(account: string): Promise<string[]>;
  createMailbox(account: string, name: string): Promise<void>;
  deleteMailbox(account: string, name: string): Promise<void>;
  renameMailbox(account: string, from: string, to: string): Promise<void>;
  status(account: string, mailbox: string): Promise<MailboxStatus>;

  /** Messages in ascending UID order. */
  list(account: string, mailbox: string): Promise<MessageMeta[]>;
  /**
   * What IMAP's SELECT keeps of each message, in ascending UID order, handed to `each` without
   * a MessageMeta, a Date or an id per message (issue 19: a 10,000-message SELECT made 30,000
   * objects and 10,000 SHA-1 ids it never used). `date` is the internal date in ms. A store
   * without it is read through list().
   */
  eachFact?(account: string, mailbox: string, each: FactVisitor): Promise<void>;
  /** The whole message, CRLF line ends, exactly as stored. */
  read(account: string, mailbox: string, uid: number): Promise<Buffer>;
  /** At most the first `max` bytes of a message (its header, for `mail list`); a store without it is read whole. */
  readHead?(account: string, mailbox: string, uid: number, max: number): Promise<Buffer>;
  /** Look a message up by its store-wide id (for `l7lab mail show`). */
  findById(id: string): Promise<{ account: string; mailbox: string; meta: MessageMeta } | null>;

  setFlags(account: string, mailbox: string, uid: number, flags: string[]): Promise<void>;
  /** Append with flags and internal date (IMAP APPEND); returns the new UID. */
  append(account: string, mailbox: string, raw: Buffer, flags?: string[], internalDate?: Date): Promise<MessageMeta>;
  /** Copy into another mailbox (IMAP COPY); returns the new UIDs in order. */
  copy(account: string, from: string, uids: number[], to: string): Promise<number[]>;
  /** Remove for good (POP3 UPDATE, IMAP EXPUNGE). */
  remove(account: string, mailbox: string, uids: number[]): Promise<void>;
  /** Remove every message of every account (`l7lab mail clear`), and what was kept with them. */
  clear(): Promise<void>;

  /** The envelope kept with a delivered transaction, or null (APPEND, COPY, an older store). */
  transaction(id: string): Promise<TransactionRecord | null>;
  /** Keep the (already masked) transcript of the session that delivered transaction `id`. */
  saveTranscript(id: string, transcript: StoredTranscript): Promise<void>;
  transcript(id: string): Promise<StoredTranscript | null>;
  /** Remove every copy of a transaction and its envelope and transcript; returns the copies removed. */
  removeTransaction(id: string): Promise<number>;
  /** Forget envelopes and transcripts of transactions whose every copy is gone (POP3 DELE, EXPUNGE), given the ids still there. */
  forgetOrphans(live: ReadonlySet<string>): Promise<void>;

  subscriptions(account: string): Promise<string[]>;
  setSubscribed(account: string, mailbox: string, subscribed: boolean): Promise<void>;

  /**
   * An exclusive lock on an account's maildrop for a POP3 session (RFC 1939 4: the maildrop is locked once the client is authenticated):
   * returns a release function, or null when another session holds it ([IN-USE]).
   */
  lockMaildrop(account: string): (() => void) | null;

  /**
   * \Recent across processes (RFC 3501 2.3.2), for a store that can tell: which of these UIDs
   * no session has seen yet (a Maildir's new/). With `take` they are marked seen (moved to cur/,
   * as Dovecot does on a read-write SELECT) and only the ones this call took are returned, so a
   * second process sharing the store does not show them \Recent again. Absent: one process only.
   */
  takeNew?(account: string, mailbox: string, uids: readonly number[], take: boolean): Promise<number[]>;

  watch(listener: StoreListener): () => void;

  /**
   * A number that changes whenever anything in the store changes (every change `watch` reports),
   * so a view of it can be kept until then; absent when changes can happen unseen (a Maildir that
   * another process also writes).
   */
  revision?(): number;
  close(): Promise<void>;
}

/** `Bob@Example.COM` -> `bob`. */
export function accountOf(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at >= 0 ? address.slice(0, at) : address;
  return local.toLowerCase();
}
