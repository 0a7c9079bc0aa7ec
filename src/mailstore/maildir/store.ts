import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_POLL_MS } from '../../limits.js';
import { ChangeEmitter, MaildropLocks } from '../listeners.js';
import { MailboxPolicy, type MailboxFolders } from '../mailboxes.js';
import { canonicalAccount, canonicalMailbox, INBOX } from '../names.js';
import { everyCopy, removeEveryCopy } from '../transactions.js';
import {
  accountOf,
  NoSuchMailboxError,
  NoSuchMessageError,
  type Delivery,
  type Envelope,
  type FactVisitor,
  type MailboxStatus,
  type MailStore,
  type MessageMeta,
  type StoreListener,
  type StoredTranscript,
  type TransactionRecord,
} from '../types.js';
import type { MaildirFolder } from './folder.js';
import { coalesceSyncDir, nodeIo, type MaildirIo } from './io.js';
import { accountDirName, idOfBase, uniqueBase } from './layout.js';
import { tryLockFile } from './lock-file.js';
import { subscriptionsPath, readSubscriptions, writeSubscriptions } from './subscriptions-file.js';
import { TransactionFiles } from './transaction-files.js';
import { MaildirTree } from './tree.js';
import { asWriteError, writeCopies } from './write.js';

/**
 * The mail store on disk, for `serve`: one Maildir per account under `root` (layout in
 * layout.ts), readable by standard Maildir tools. A message is durable before
 * deliver() resolves: written to tmp/ and fsynced, linked into new/, the directory fsynced
 * (https://cr.yp.to/proto/maildir.html). The store keeps the bytes exactly as given.
 */
export interface MaildirStoreOptions {
  /** File operations of the write path; tests inject failures here. */
  io?: MaildirIo;
}

// An envelope is written before its copies are linked: younger than this, it is no orphan yet.
const ORPHAN_GRACE_MS = 60_000;

export class MaildirStore implements MailStore {
  private readonly emitter = new ChangeEmitter();
  private readonly locks = new MaildropLocks();
  private readonly tree: MaildirTree;
  private readonly transactions: TransactionFiles;
  private readonly policy: MailboxPolicy;
  private poller: NodeJS.Timeout | null = null;

  constructor(
    readonly root: string,
    opts: MaildirStoreOptions = {},
  ) {
    const io = opts.io ?? nodeIo;
    this.tree = new MaildirTree(root, io, (c) => this.emitter.emit(c));
    this.transactions = new TransactionFiles(root, io, coalesceSyncDir(io));
    // A mailbox is a Maildir++ folder: made, removed and moved whole by the tree (tree.ts).
    const folders: MailboxFolders = {
      names: (account) => this.tree.mailboxes(account),
      make: (account, name) => this.tree.makeFolder(account, name),
      drop: (account, name) => this.tree.deleteFolder(account, name),
      move: (account, from, to) => this.tree.moveFolder(account, from, to),
    };
    this.policy = new MailboxPolicy(folders, this, (c) => this.emitter.emit(c));
  }

  private folder(account: string, mailbox: string): Promise<MaildirFolder> {
    return this.tree.folder(account, mailbox);
  }

  // ---- delivering ----

  async deliver(envelope: Envelope, raw: Buffer, receivedAt: Date = new Date()): Promise<Delivery[]> {
    const accounts = [...new Set(envelope.to.map((r) => canonicalAccount(accountOf(r))))];
    const folders = await Promise.all(accounts.map((a) => this.folder(a, INBOX))).catch((err: unknown) => {
      throw asWriteError(err);
    });
    // One name, and so one id, for every copy; the envelope is kept under that id, whole under
    // its name before any copy is visible, and durable with the copies before SMTP's 250.
    const base = uniqueBase(raw.length, receivedAt);
    const id = idOfBase(base);
    const record: TransactionRecord = { id, envelope: { from: envelope.from, to: [...envelope.to] }, receivedAt, size: raw.length };
    // The file's mtime is the delivery time already (Dovecot reads it as the internal date).
    const beside = { write: () => this.transactions.writeEnvelope(record), sync: () => this.transactions.syncEnvelopes(), undo: () => this.transactions.remove(id) };
    const metas = await writeCopies(folders, raw, receivedAt, [], { setMtime: false, base, beside });
    return envelope.to.map((recipient) => {
      const i = accounts.indexOf(canonicalAccount(accountOf(recipient)));
      return { account: accounts[i] as string, mailbox: INBOX, recipient, meta: metas[i] as MessageMeta };
    });
  }

  // ---- mailboxes ----

  accounts(): Promise<string[]> {
    return this.tree.accounts();
  }

  listMailboxes(account: string): Promise<string[]> {
    return this.tree.mailboxes(account);
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

  async status(account: string, mailbox: string): Promise<MailboxStatus> {
    const f = await this.folder(account, mailbox);
    return { name: f.mailbox, ...(await f.status()) };
  }

  // ---- messages ----

  async list(account: string, mailbox: string): Promise<MessageMeta[]> {
    return (await this.folder(account, mailbox)).list();
  }

  async eachFact(account: string, mailbox: string, each: FactVisitor): Promise<void> {
    return (await this.folder(account, mailbox)).eachFact(each);
  }

  async read(account: string, mailbox: string, uid: number): Promise<Buffer> {
    // An opened folder reads a file it knows at once (see MaildirFolder.read); else the full path.
    return this.tree.opened(account, mailbox)?.readKnown(uid) ?? (await this.folder(account, mailbox)).read(uid);
  }

  async readHead(account: string, mailbox: string, uid: number, max: number): Promise<Buffer> {
    return this.tree.opened(account, mailbox)?.readHeadKnown(uid, max) ?? (await this.folder(account, mailbox)).readHead(uid, max);
  }

  /** readHead() at once, when this process has the folder open and knows the UID (a list has just listed it); else null. */
  readHeadNow(account: string, mailbox: string, uid: number, max: number): Buffer | null {
    return this.tree.opened(account, mailbox)?.readHeadKnown(uid, max) ?? null;
  }

  async findById(id: string): Promise<{ account: string; mailbox: string; meta: MessageMeta } | null> {
    if (id.length === 0) return null;
    const copies = await everyCopy(this);
    const exact = copies.find((c) => c.meta.id === id);
    if (exact) return exact;
    // A unique prefix is enough, as with git object ids.
    const found = copies.filter((c) => c.meta.id.startsWith(id));
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  async setFlags(account: string, mailbox: string, uid: number, flags: string[]): Promise<void> {
    await (await this.folder(account, mailbox)).setFlags(uid, flags);
  }

  async append(account: string, mailbox: string, raw: Buffer, flags: string[] = [], internalDate: Date = new Date()): Promise<MessageMeta> {
    const f = await this.folder(account, mailbox);
    await f.status();
    const [meta] = await writeCopies([f], raw, internalDate, flags);
    return meta as MessageMeta;
  }

  async copy(account: string, from: string, uids: number[], to: string): Promise<number[]> {
    const src = await this.folder(account, from);
    const dst = await this.folder(account, to);
    await dst.status();
    // All sources are checked first, so a missing one copies nothing (COPYUID stays one to one).
    const entries = await Promise.all(uids.map(async (uid) => (await src.entry(uid)) ?? Promise.reject(new NoSuchMessageError(uid))));
    const out: number[] = [];
    for (const e of entries) {
      const raw = await src.read(e.uid);
      const [meta] = await writeCopies([dst], raw, new Date(e.date), e.flags);
      out.push((meta as MessageMeta).uid);
    }
    return out;
  }

  async remove(account: string, mailbox: string, uids: number[]): Promise<void> {
    await (await this.folder(account, mailbox)).remove(uids);
  }

  async clear(): Promise<void> {
    for (const account of await this.accounts()) {
      for (const mailbox of await this.listMailboxes(account)) await (await this.folder(account, mailbox)).removeAll();
    }
    await this.transactions.removeAll();
  }

  // ---- what is kept with a transaction ----

  async transaction(id: string): Promise<TransactionRecord | null> {
    return this.transactions.readEnvelope(id);
  }

  /** transaction() at once: the envelope is one small file, read with one bounded read. */
  transactionNow(id: string): TransactionRecord | null {
    return this.transactions.readEnvelope(id);
  }

  async saveTranscript(id: string, transcript: StoredTranscript): Promise<void> {
    this.transactions.writeTranscriptSync(id, transcript);
  }

  async transcript(id: string): Promise<StoredTranscript | null> {
    return this.transactions.readTranscript(id);
  }

  async forgetOrphans(live: ReadonlySet<string>): Promise<void> {
    await this.transactions.removeOrphans(live, ORPHAN_GRACE_MS);
  }

  async removeTransaction(id: string): Promise<number> {
    const removed = await removeEveryCopy(this, id);
    await this.transactions.remove(id);
    return removed;
  }

  // ---- subscriptions, locks, watchers ----

  async subscriptions(account: string): Promise<string[]> {
    return readSubscriptions(subscriptionsPath((await this.folder(account, INBOX)).dir));
  }

  async setSubscribed(account: string, mailbox: string, subscribed: boolean): Promise<void> {
    const name = canonicalMailbox(mailbox);
    const path = subscriptionsPath((await this.folder(account, INBOX)).dir);
    const subs = new Set(await readSubscriptions(path));
    if (subscribed) subs.add(name);
    else subs.delete(name);
    await writeSubscriptions(path, [...subs]);
  }

  async takeNew(account: string, mailbox: string, uids: readonly number[], take: boolean): Promise<number[]> {
    return (await this.folder(canonicalAccount(account), canonicalMailbox(mailbox))).takeNew(uids, take);
  }

  /**
   * RFC 1939 4: the maildrop is locked for one POP3 session. Two serve processes may share a
   * store, so besides this process's own table a lock file in the root holds the pid
   * (`.l7lab-pop3-<account>.lock`; no account directory starts with "."): a lock whose holder
   * died (SIGKILL) is taken over at once (lock-file.ts).
   */
  lockMaildrop(account: string): (() => void) | null {
    const acc = canonicalAccount(account);
    const own = this.locks.lock(acc);
    if (!own) return null;
    let file: (() => void) | null;
    try {
      mkdirSync(this.root, { recursive: true, mode: 0o700 });
      file = tryLockFile(join(this.root, `.l7lab-pop3-${accountDirName(acc)}.lock`));
    } catch (err) {
      own();
      throw err;
    }
    if (!file) {
      own();
      return null;
    }
    const release = file;
    return () => {
      release();
      own();
    };
  }

  /**
   * While anyone watches (an IMAP session, perhaps in IDLE), look now and then at the folders
   * this process has opened, so what another process did (`l7lab mail clear`, a Maildir tool)
   * reaches them as events even when no client asks.
   */
  watch(listener: StoreListener): () => void {
    const stop = this.emitter.watch(listener);
    if (!this.poller) {
      this.poller = setInterval(() => this.poll(), STORE_POLL_MS);
      this.poller.unref();
    }
    return () => {
      stop();
      if (this.emitter.size === 0) this.stopPolling();
    };
  }

  private poll(): void {
    for (const f of this.tree.openFolders()) {
      f.poll().catch((err: unknown) => {
        if (err instanceof NoSuchMailboxError) this.tree.forget(f.dir);
      });
    }
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  async close(): Promise<void> {
    this.stopPolling();
    this.emitter.clear();
  }
}
