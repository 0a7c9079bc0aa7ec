import { STORE_POLL_MS } from '../limits.js';
import { ChangeEmitter, MaildropLocks } from './listeners.js';
import { MaildirFolder, metaOf, type Staged } from './maildir-folder.js';
import { coalesceSyncDir, errnoOf, nodeIo, type MaildirIo } from './maildir-io.js';
import { idOfBase, uniqueBase } from './maildir-layout.js';
import { MaildirTree } from './maildir-tree.js';
import { canonicalAccount, canonicalMailbox, INBOX, isInbox, isSameOrInferior, superiorsOf } from './names.js';
import { subscriptionsPath, readSubscriptions, writeSubscriptions } from './subscriptions-file.js';
import { TransactionFiles } from './transaction-files.js';
import { removeEveryCopy } from './transactions.js';
import {
  accountOf,
  MailboxExistsError,
  MailboxNameError,
  NoSuchMailboxError,
  NoSuchMessageError,
  StoreWriteError,
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
 * The mail store on disk, for `serve`: one Maildir per account under `root` (layout in
 * maildir-layout.ts), readable by standard Maildir tools. A message is durable before
 * deliver() resolves: written to tmp/ and fsynced, linked into new/, the directory fsynced
 * (https://cr.yp.to/proto/maildir.html). The store keeps the bytes exactly as given.
 */
export interface MaildirStoreOptions {
  /** File operations of the write path; tests inject failures here. */
  io?: MaildirIo;
}

// An envelope is written before its copies are linked: younger than this, it is no orphan yet.
const ORPHAN_GRACE_MS = 60_000;

interface WriteOptions {
  /** Set the file's mtime to the date (APPEND's internal date); a delivery's mtime is its time already. */
  setMtime?: boolean;
  /** One name for every copy (one SMTP transaction). */
  base?: string;
  /** Written durably after the copies are staged and before any is visible: the envelope. */
  beside?: () => Promise<void>;
}

export class MaildirStore implements MailStore {
  private readonly emitter = new ChangeEmitter();
  private readonly locks = new MaildropLocks();
  private readonly tree: MaildirTree;
  private readonly transactions: TransactionFiles;
  private poller: NodeJS.Timeout | null = null;

  constructor(
    readonly root: string,
    opts: MaildirStoreOptions = {},
  ) {
    const io = opts.io ?? nodeIo;
    this.tree = new MaildirTree(root, io, (c) => this.emitter.emit(c));
    this.transactions = new TransactionFiles(root, io, coalesceSyncDir(io));
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
    // One name, and so one id, for every copy; the envelope is kept under that id, durably,
    // before any copy is visible (and so before SMTP's 250).
    const base = uniqueBase(raw.length, receivedAt);
    const id = idOfBase(base);
    const record: TransactionRecord = { id, envelope: { from: envelope.from, to: [...envelope.to] }, receivedAt, size: raw.length };
    // The file's mtime is the delivery time already (Dovecot reads it as the internal date).
    const metas = await this.write(folders, raw, receivedAt, [], { setMtime: false, base, beside: () => this.transactions.writeEnvelope(record) });
    return envelope.to.map((recipient) => {
      const i = accounts.indexOf(canonicalAccount(accountOf(recipient)));
      return { account: accounts[i] as string, mailbox: INBOX, recipient, meta: metas[i] as MessageMeta };
    });
  }

  /**
   * All or nothing: every copy is staged and fsynced, then committed, then the directories
   * fsynced; if any step fails, every copy is undone and StoreWriteError says why.
   */
  private async write(folders: MaildirFolder[], raw: Buffer, date: Date, flags: string[], how: WriteOptions = {}): Promise<MessageMeta[]> {
    const { setMtime = true, base, beside } = how;
    const staged: Array<[MaildirFolder, Staged]> = [];
    // Written while the copies are staged (their fsyncs overlap), finished before any is linked.
    const besideDone = beside?.();
    // Handled now: a failure while the copies are still staging must not count as unhandled.
    besideDone?.catch(() => undefined);
    try {
      for (const f of folders) staged.push([f, await f.stage(raw, date, flags, setMtime, base)]);
      await besideDone;
      const metas: MessageMeta[] = [];
      for (const [f, s] of staged) metas.push(metaOf(await f.commit(s)));
      for (const [f, s] of staged) await f.finish(s);
      for (const [f, s] of staged) f.announce(s);
      return metas;
    } catch (err) {
      for (const [f, s] of staged) await f.abort(s).catch(() => undefined);
      // Undone even when it failed half way (after its rename).
      if (besideDone) await besideDone.catch(() => undefined);
      if (besideDone && base) await this.transactions.remove(idOfBase(base));
      throw asWriteError(err);
    }
  }

  // ---- mailboxes ----

  accounts(): Promise<string[]> {
    return this.tree.accounts();
  }

  listMailboxes(account: string): Promise<string[]> {
    return this.tree.mailboxes(account);
  }

  async createMailbox(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    if (isInbox(canonical)) throw new MailboxExistsError(canonical);
    await this.folder(account, INBOX);
    for (const superior of superiorsOf(canonical)) await this.tree.makeFolder(account, superior).catch(ignoreExists);
    await this.tree.makeFolder(account, canonical);
    this.emitter.emit({ kind: 'mailboxes', account: canonicalAccount(account) });
  }

  async deleteMailbox(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    if (isInbox(canonical)) throw new MailboxNameError('INBOX cannot be deleted (RFC 3501 6.3.4)');
    // Inferiors stay (RFC 3501 6.3.4): in Maildir++ they are folders of their own.
    await this.tree.deleteFolder(account, canonical);
    this.emitter.emit({ kind: 'mailboxes', account: canonicalAccount(account) });
  }

  async renameMailbox(account: string, from: string, to: string): Promise<void> {
    const src = canonicalMailbox(from);
    const dst = canonicalMailbox(to);
    const existing = await this.listMailboxes(account);
    if (!existing.includes(src)) throw new NoSuchMailboxError(src);
    if (existing.includes(dst)) throw new MailboxExistsError(dst);
    if (isSameOrInferior(dst, src)) throw new MailboxNameError(`cannot rename ${src} into itself`);
    if (isInbox(src)) return this.renameInbox(account, dst);
    const moving = existing.filter((n) => isSameOrInferior(n, src));
    const clash = moving.map((n) => dst + n.slice(src.length)).find((n) => existing.includes(n));
    if (clash) throw new MailboxExistsError(clash);
    for (const superior of superiorsOf(dst)) if (!existing.includes(superior)) await this.tree.makeFolder(account, superior).catch(ignoreExists);
    for (const n of moving) await this.tree.moveFolder(account, n, dst + n.slice(src.length));
    this.emitter.emit({ kind: 'mailboxes', account: canonicalAccount(account) });
  }

  /** RFC 3501 6.3.5: renaming INBOX moves its messages to a new mailbox and leaves INBOX empty. */
  private async renameInbox(account: string, dst: string): Promise<void> {
    await this.createMailbox(account, dst);
    const uids = (await this.list(account, INBOX)).map((m) => m.uid);
    await this.copy(account, INBOX, uids, dst);
    await this.remove(account, INBOX, uids);
  }

  async status(account: string, mailbox: string): Promise<MailboxStatus> {
    const f = await this.folder(account, mailbox);
    return { name: f.mailbox, ...(await f.status()) };
  }

  // ---- messages ----

  async list(account: string, mailbox: string): Promise<MessageMeta[]> {
    return (await this.folder(account, mailbox)).list();
  }

  async read(account: string, mailbox: string, uid: number): Promise<Buffer> {
    // An opened folder reads a file it knows at once (see MaildirFolder.read); else the full path.
    return this.tree.opened(account, mailbox)?.readKnown(uid) ?? (await this.folder(account, mailbox)).read(uid);
  }

  async findById(id: string): Promise<{ account: string; mailbox: string; meta: MessageMeta } | null> {
    if (id.length === 0) return null;
    const found: Array<{ account: string; mailbox: string; meta: MessageMeta }> = [];
    for (const account of await this.accounts()) {
      for (const mailbox of await this.listMailboxes(account)) {
        for (const meta of await this.list(account, mailbox)) {
          if (meta.id === id) return { account, mailbox, meta };
          if (meta.id.startsWith(id)) found.push({ account, mailbox, meta });
        }
      }
    }
    // A unique prefix is enough, as with git object ids.
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  async setFlags(account: string, mailbox: string, uid: number, flags: string[]): Promise<void> {
    await (await this.folder(account, mailbox)).setFlags(uid, flags);
  }

  async append(account: string, mailbox: string, raw: Buffer, flags: string[] = [], internalDate: Date = new Date()): Promise<MessageMeta> {
    const f = await this.folder(account, mailbox);
    await f.status();
    const [meta] = await this.write([f], raw, internalDate, flags);
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
      const [meta] = await this.write([dst], raw, new Date(e.date), e.flags);
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

  transaction(id: string): Promise<TransactionRecord | null> {
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

  lockMaildrop(account: string): (() => void) | null {
    return this.locks.lock(canonicalAccount(account));
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

function ignoreExists(err: unknown): void {
  if (!(err instanceof MailboxExistsError)) throw err;
}

/** Disk full or over quota -> noSpace (SMTP 452); anything else -> 451. Name errors pass through. */
function asWriteError(err: unknown): unknown {
  if (err instanceof MailboxNameError || err instanceof NoSuchMailboxError || err instanceof StoreWriteError) return err;
  const code = errnoOf(err);
  const noSpace = code === 'ENOSPC' || code === 'EDQUOT';
  const why = err instanceof Error ? err.message : String(err);
  return new StoreWriteError(`could not store the message: ${why}`, err, noSpace);
}
