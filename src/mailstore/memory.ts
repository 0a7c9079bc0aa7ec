import { normalizeFlags, isSeen, sameFlags } from './flags.js';
import { ChangeEmitter, MaildropLocks } from './listeners.js';
import { removeEveryCopy } from './transactions.js';
import { MailboxPolicy, type MailboxFolders } from './mailboxes.js';
import { intern, packTranscript, unpackTranscript, type PackedTranscript } from './packed-transcript.js';
import { newId, NO_FLAGS, octetsCopy, Slabs, type Octets } from './memory-parts.js';
import { canonicalAccount, canonicalMailbox, INBOX } from './names.js';
import {
  accountOf,
  MailboxExistsError,
  NoSuchMailboxError,
  NoSuchMessageError,
  type Delivery,
  type Envelope,
  type MailboxStatus,
  type MailStore,
  type MessageMeta,
  type StoreListener,
  type StoredTranscript,
  type TransactionRecord,
} from './types.js';

/**
 * The mail store in memory: lessons, tests and `serve --memory`. Nothing touches the disk.
 * The store keeps the bytes it is given exactly (SMTP already hands over CRLF lines), so the
 * size it reports is the octet count POP3 LIST and IMAP RFC822.SIZE announce.
 *
 * It holds little more than those bytes (issue 19: at most 1.5x): each message's bytes copied
 * into slabs shared by many messages (memory-parts.ts; never a slice of Node's shared 8 KB
 * buffer pool, which would keep the whole pool alive), one copy for every recipient of a
 * transaction, the date as a number, no per-message empty flag list, and transcripts packed
 * (packed-transcript.ts). A slab is freed once every message in it is removed.
 */
interface StoredMessage {
  id: string;
  uid: number;
  /** The message's octets: `size` from `at` in a slab (memory-parts.ts), shared by copies of one transaction. */
  slab: Buffer;
  at: number;
  size: number;
  flags: readonly string[];
  /** Milliseconds since the epoch. */
  internalDate: number;
}

interface Mailbox {
  uidValidity: number;
  uidNext: number;
  /** Insertion order is ascending UID order: UIDs only ever grow (RFC 3501 2.3.1.1). */
  messages: Map<number, StoredMessage>;
}

interface Account {
  mailboxes: Map<string, Mailbox>;
  subscriptions: Set<string>;
}

/**
 * What is kept with a transaction (its envelope and transcript), as the Maildir store keeps it
 * beside the files; flat, the date a number, the addresses shared (an address in a command line
 * is a slice that would keep the whole line).
 */
interface Kept {
  from: string;
  to: readonly string[];
  receivedAt: number;
  size: number;
  transcript: PackedTranscript | null;
  copies: number;
}

function metaOf(m: StoredMessage): MessageMeta {
  return { id: m.id, uid: m.uid, size: m.size, internalDate: new Date(m.internalDate), flags: [...m.flags] };
}

export class MemoryStore implements MailStore {
  private readonly data = new Map<string, Account>();
  private readonly emitter = new ChangeEmitter();
  private readonly locks = new MaildropLocks();
  private readonly policy = new MailboxPolicy(this.folders(), this, (c) => this.emitter.emit(c));
  /** Envelope and transcript per transaction id, as the Maildir store keeps them beside the files. */
  private readonly kept = new Map<string, Kept>();
  private readonly slabs = new Slabs();
  // Every mailbox ever made gets a fresh value, so a re-created name never repeats one.
  private lastUidValidity = Math.floor(Date.now() / 1000) - 1;

  async deliver(envelope: Envelope, raw: Buffer, receivedAt: Date = new Date()): Promise<Delivery[]> {
    const byAccount = new Map<string, MessageMeta>();
    const out: Delivery[] = [];
    // Every copy of one transaction shares its id (see MessageMeta.id).
    const id = newId();
    const bytes = this.slabs.put(raw);
    this.kept.set(id, { from: intern(envelope.from), to: envelope.to.map(intern), receivedAt: receivedAt.getTime(), size: raw.length, transcript: null, copies: 0 });
    for (const recipient of envelope.to) {
      const account = canonicalAccount(accountOf(recipient));
      // bob@a and bob@b in one transaction land once, as an MTA's duplicate elimination does.
      let meta = byAccount.get(account);
      if (!meta) {
        meta = this.add(account, INBOX, bytes, NO_FLAGS, receivedAt, id);
        byAccount.set(account, meta);
      }
      out.push({ account, mailbox: INBOX, recipient, meta });
    }
    return out;
  }

  async accounts(): Promise<string[]> {
    return [...this.data.keys()].sort();
  }

  async listMailboxes(account: string): Promise<string[]> {
    return [...this.account(account).mailboxes.keys()].sort();
  }

  createMailbox(account: string, name: string): Promise<void> {
    return this.policy.create(account, name);
  }

  deleteMailbox(account: string, name: string): Promise<void> {
    return this.policy.delete(account, name);
  }

  renameMailbox(account: string, from: string, to: string): Promise<void> {
    return this.policy.rename(account, from, to);
  }

  /** The primitives the mailbox policy (mailboxes.ts) stands on: a name is a key of the account's map. */
  private folders(): MailboxFolders {
    const make = async (account: string, name: string): Promise<void> => {
      const acc = this.account(account);
      if (acc.mailboxes.has(name)) throw new MailboxExistsError(name);
      acc.mailboxes.set(name, this.newMailbox());
    };
    const drop = async (account: string, name: string): Promise<void> => {
      if (!this.account(account).mailboxes.delete(name)) throw new NoSuchMailboxError(name);
    };
    // The Mailbox object moves whole: its UIDVALIDITY is unique store-wide, so no client
    // can confuse the renamed mailbox with an older one of the same name.
    const move = async (account: string, from: string, to: string): Promise<void> => {
      const acc = this.account(account);
      const box = acc.mailboxes.get(from);
      if (!box) throw new NoSuchMailboxError(from);
      acc.mailboxes.delete(from);
      acc.mailboxes.set(to, box);
    };
    return { names: (account) => this.listMailboxes(account), make, drop, move };
  }

  async status(account: string, mailbox: string): Promise<MailboxStatus> {
    const name = canonicalMailbox(mailbox);
    const box = this.mailbox(account, name);
    let unseen = 0;
    for (const m of box.messages.values()) if (!isSeen(m.flags)) unseen++;
    return { name, uidValidity: box.uidValidity, uidNext: box.uidNext, messages: box.messages.size, unseen };
  }

  async list(account: string, mailbox: string): Promise<MessageMeta[]> {
    return [...this.mailbox(account, mailbox).messages.values()].map(metaOf);
  }

  async read(account: string, mailbox: string, uid: number): Promise<Buffer> {
    return octetsCopy(this.message(account, mailbox, uid));
  }

  async findById(id: string): Promise<{ account: string; mailbox: string; meta: MessageMeta } | null> {
    const found: Array<{ account: string; mailbox: string; meta: MessageMeta }> = [];
    for (const [account, acc] of this.data) {
      for (const [mailbox, box] of acc.mailboxes) {
        for (const m of box.messages.values()) {
          if (m.id === id) return { account, mailbox, meta: metaOf(m) };
          if (id.length > 0 && m.id.startsWith(id)) found.push({ account, mailbox, meta: metaOf(m) });
        }
      }
    }
    // A unique prefix is enough, as with git object ids.
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  async setFlags(account: string, mailbox: string, uid: number, flags: string[]): Promise<void> {
    const box = this.mailbox(account, mailbox);
    const m = box.messages.get(uid);
    // STORE on a message another session expunged is not an error (RFC 3501 7.4.1).
    if (!m) return;
    const next = normalizeFlags(flags);
    if (sameFlags(next, m.flags)) return;
    m.flags = next;
    this.emitter.emit({ kind: 'flags', account: canonicalAccount(account), mailbox: canonicalMailbox(mailbox), uid, flags: [...next] });
  }

  async append(account: string, mailbox: string, raw: Buffer, flags: string[] = [], internalDate: Date = new Date()): Promise<MessageMeta> {
    this.mailbox(account, mailbox);
    return this.add(canonicalAccount(account), canonicalMailbox(mailbox), this.slabs.put(raw), flags, internalDate);
  }

  async copy(account: string, from: string, uids: number[], to: string): Promise<number[]> {
    const src = this.mailbox(account, from);
    this.mailbox(account, to);
    // All or nothing, so the caller's COPYUID pairs old and new UIDs one to one.
    const messages = uids.map((uid) => {
      const m = src.messages.get(uid);
      if (!m) throw new NoSuchMessageError(uid);
      return m;
    });
    const acc = canonicalAccount(account);
    return messages.map((m) => this.add(acc, canonicalMailbox(to), m, m.flags, m.internalDate).uid);
  }

  async remove(account: string, mailbox: string, uids: number[]): Promise<void> {
    const box = this.mailbox(account, mailbox);
    const removed = [...new Set(uids)].filter((uid) => this.drop(box, uid)).sort((a, b) => a - b);
    if (removed.length > 0) {
      this.emitter.emit({ kind: 'expunged', account: canonicalAccount(account), mailbox: canonicalMailbox(mailbox), uids: removed });
    }
  }

  async clear(): Promise<void> {
    for (const [account, acc] of this.data) {
      for (const [mailbox, box] of acc.mailboxes) await this.remove(account, mailbox, [...box.messages.keys()]);
    }
    this.kept.clear();
  }

  async transaction(id: string): Promise<TransactionRecord | null> {
    const k = this.kept.get(id);
    return k ? { id, envelope: { from: k.from, to: [...k.to] }, receivedAt: new Date(k.receivedAt), size: k.size } : null;
  }

  async saveTranscript(id: string, transcript: StoredTranscript): Promise<void> {
    const k = this.kept.get(id);
    if (k) k.transcript = packTranscript(transcript);
  }

  async transcript(id: string): Promise<StoredTranscript | null> {
    const t = this.kept.get(id)?.transcript;
    return t ? unpackTranscript(t) : null;
  }

  /** Nothing to do: what is kept goes with the last copy (see drop). */
  async forgetOrphans(_live: ReadonlySet<string>): Promise<void> {}

  async removeTransaction(id: string): Promise<number> {
    const removed = await removeEveryCopy(this, id);
    this.kept.delete(id);
    return removed;
  }

  async subscriptions(account: string): Promise<string[]> {
    return [...this.account(account).subscriptions].sort();
  }

  async setSubscribed(account: string, mailbox: string, subscribed: boolean): Promise<void> {
    const subs = this.account(account).subscriptions;
    const name = canonicalMailbox(mailbox);
    if (subscribed) subs.add(name);
    else subs.delete(name);
  }

  lockMaildrop(account: string): (() => void) | null {
    return this.locks.lock(canonicalAccount(account));
  }

  /** Every change of this store is in this process and passes the emitter (MailboxPolicy's too). */
  revision(): number {
    return this.emitter.emitted;
  }

  watch(listener: StoreListener): () => void {
    return this.emitter.watch(listener);
  }

  async close(): Promise<void> {
    this.emitter.clear();
  }

  private newMailbox(): Mailbox {
    this.lastUidValidity = (this.lastUidValidity + 1) >>> 0 || 1;
    return { uidValidity: this.lastUidValidity, uidNext: 1, messages: new Map() };
  }

  /** The account, made on first use with its INBOX: every account has one (RFC 3501 5.1). */
  private account(account: string): Account {
    const name = canonicalAccount(account);
    let acc = this.data.get(name);
    if (!acc) {
      acc = { mailboxes: new Map([[INBOX, this.newMailbox()]]), subscriptions: new Set() };
      this.data.set(name, acc);
    }
    return acc;
  }

  private mailbox(account: string, mailbox: string): Mailbox {
    const name = canonicalMailbox(mailbox);
    const box = this.account(account).mailboxes.get(name);
    if (!box) throw new NoSuchMailboxError(name);
    return box;
  }

  private message(account: string, mailbox: string, uid: number): StoredMessage {
    const m = this.mailbox(account, mailbox).messages.get(uid);
    if (!m) throw new NoSuchMessageError(uid);
    return m;
  }

  /** Remove one message; what was kept with its transaction goes with the last copy (POP3 DELE, EXPUNGE). */
  private drop(box: Mailbox, uid: number): boolean {
    const m = box.messages.get(uid);
    if (!m) return false;
    box.messages.delete(uid);
    const k = this.kept.get(m.id);
    if (k && --k.copies <= 0) this.kept.delete(m.id);
    return true;
  }

  /** `raw` is the store's own (from its slabs, or a stored message's): it is kept as it is. */
  private add(account: string, mailbox: string, raw: Octets, flags: readonly string[], internalDate: Date | number, id = newId()): MessageMeta {
    const box = this.mailbox(account, mailbox);
    const uid = box.uidNext++;
    const kept = flags.length === 0 ? NO_FLAGS : normalizeFlags(flags);
    const stored: StoredMessage = { id, uid, slab: raw.slab, at: raw.at, size: raw.size, flags: kept.length === 0 ? NO_FLAGS : kept, internalDate: typeof internalDate === 'number' ? internalDate : internalDate.getTime() };
    box.messages.set(uid, stored);
    const k = this.kept.get(id);
    if (k) k.copies++;
    this.emitter.emit({ kind: 'added', account, mailbox, uid });
    return metaOf(stored);
  }
}
