import { randomBytes } from 'node:crypto';
import { promises as fsp, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeEmitter, MaildropLocks } from './listeners.js';
import { acquireLockFile } from './lock-file.js';
import { accountDirName, accountOfDirName, folderDirName, inside, mailboxOfDirName } from './maildir-layout.js';
import { MaildirFolder, metaOf, type Staged } from './maildir-folder.js';
import { coalesceSyncDir, errnoOf, nodeIo, type MaildirIo } from './maildir-io.js';
import { canonicalAccount, canonicalMailbox, INBOX, isInbox, isSameOrInferior, superiorsOf } from './names.js';
import { subscriptionsPath, readSubscriptions, writeSubscriptions } from './subscriptions-file.js';
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

const UIDVALIDITY_FILE = '.l7lab-uidvalidity';

export class MaildirStore implements MailStore {
  private readonly io: MaildirIo;
  private readonly emitter = new ChangeEmitter();
  private readonly locks = new MaildropLocks();
  private readonly folders = new Map<string, MaildirFolder>();
  private readonly syncDir: (dir: string) => Promise<void>;

  constructor(
    readonly root: string,
    opts: MaildirStoreOptions = {},
  ) {
    this.io = opts.io ?? nodeIo;
    this.syncDir = coalesceSyncDir(this.io);
  }

  // ---- where things are ----

  private accountDir(account: string): string {
    return inside(this.root, accountDirName(canonicalAccount(account)));
  }

  private folderPath(account: string, mailbox: string): string {
    return inside(this.accountDir(account), folderDirName(mailbox));
  }

  /** The folder object for a canonical mailbox name; INBOX (and the account) are made on first use. */
  private async folder(account: string, mailbox: string): Promise<MaildirFolder> {
    const acc = canonicalAccount(account);
    const name = canonicalMailbox(mailbox);
    const dir = this.folderPath(acc, name);
    if (isInbox(name) && !statSync(join(dir, 'cur'), { throwIfNoEntry: false })) await this.makeMaildir(dir);
    let f = this.folders.get(dir);
    if (!f) {
      f = new MaildirFolder(dir, acc, name, {
        io: this.io,
        emit: (c) => this.emitter.emit(c),
        newUidValidity: () => this.newUidValidity(),
        syncDir: this.syncDir,
      });
      this.folders.set(dir, f);
    }
    return f;
  }

  private async makeMaildir(dir: string): Promise<void> {
    for (const sub of ['tmp', 'new', 'cur']) await fsp.mkdir(join(dir, sub), { recursive: true, mode: 0o700 });
  }

  /** Store-wide, strictly growing: a re-created mailbox never gets an old UIDVALIDITY (RFC 3501 2.3.1.1). */
  private async newUidValidity(): Promise<number> {
    await fsp.mkdir(this.root, { recursive: true, mode: 0o700 });
    const path = join(this.root, UIDVALIDITY_FILE);
    const release = await acquireLockFile(`${path}.lock`);
    try {
      const last = Number((await fsp.readFile(path, 'utf8').catch(() => '0')).trim()) || 0;
      const next = Math.max(Math.floor(Date.now() / 1000), last + 1);
      const tmp = `${path}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, `${next}\n`);
      await fsp.rename(tmp, path);
      return next;
    } finally {
      await release();
    }
  }

  // ---- delivering ----

  async deliver(envelope: Envelope, raw: Buffer, receivedAt: Date = new Date()): Promise<Delivery[]> {
    const accounts = [...new Set(envelope.to.map((r) => canonicalAccount(accountOf(r))))];
    const folders = await Promise.all(accounts.map((a) => this.folder(a, INBOX))).catch((err: unknown) => {
      throw asWriteError(err);
    });
    // The file's mtime is the delivery time already (Dovecot reads it as the internal date).
    const metas = await this.write(folders, raw, receivedAt, [], false);
    return envelope.to.map((recipient) => {
      const i = accounts.indexOf(canonicalAccount(accountOf(recipient)));
      return { account: accounts[i] as string, mailbox: INBOX, recipient, meta: metas[i] as MessageMeta };
    });
  }

  /**
   * All or nothing: every copy is staged and fsynced, then committed, then the directories
   * fsynced; if any step fails, every copy is undone and StoreWriteError says why.
   */
  private async write(folders: MaildirFolder[], raw: Buffer, date: Date, flags: string[], setMtime = true): Promise<MessageMeta[]> {
    const staged: Array<[MaildirFolder, Staged]> = [];
    try {
      for (const f of folders) staged.push([f, await f.stage(raw, date, flags, setMtime)]);
      const metas: MessageMeta[] = [];
      for (const [f, s] of staged) metas.push(metaOf(await f.commit(s)));
      for (const [f, s] of staged) await f.finish(s);
      for (const [f, s] of staged) f.announce(s);
      return metas;
    } catch (err) {
      for (const [f, s] of staged) await f.abort(s).catch(() => undefined);
      throw asWriteError(err);
    }
  }

  // ---- mailboxes ----

  async accounts(): Promise<string[]> {
    const names = await fsp.readdir(this.root).catch(() => [] as string[]);
    const out = names
      .map((d) => [d, accountOfDirName(d)] as const)
      .filter(([d, a]) => a !== null && statSync(join(this.root, d, 'cur'), { throwIfNoEntry: false })?.isDirectory())
      .map(([, a]) => a as string);
    return out.sort();
  }

  async listMailboxes(account: string): Promise<string[]> {
    const dir = (await this.folder(account, INBOX)).dir;
    const names = [INBOX];
    for (const d of await fsp.readdir(dir)) {
      const name = mailboxOfDirName(d);
      if (name === null || !statSync(join(dir, d, 'cur'), { throwIfNoEntry: false })) continue;
      if (canonicalOrNull(name) === name) names.push(name);
    }
    return names.sort();
  }

  async createMailbox(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    if (isInbox(canonical)) throw new MailboxExistsError(canonical);
    await this.folder(account, INBOX);
    for (const superior of superiorsOf(canonical)) await this.makeFolder(account, superior).catch(ignoreExists);
    await this.makeFolder(account, canonical);
    this.emitter.emit({ kind: 'mailboxes', account: canonicalAccount(account) });
  }

  /** Build the folder under a name no listing shows, then rename it into place: never half made. */
  private async makeFolder(account: string, mailbox: string): Promise<void> {
    const final = this.folderPath(account, mailbox);
    const tmp = join(this.accountDir(account), `..l7lab-new-${randomBytes(6).toString('hex')}`);
    await this.makeMaildir(tmp);
    await fsp.writeFile(join(tmp, 'maildirfolder'), '');
    try {
      await fsp.rename(tmp, final).catch((err: unknown) => {
        if (errnoOf(err) === 'ENOTEMPTY' || errnoOf(err) === 'EEXIST') throw new MailboxExistsError(mailbox);
        throw err;
      });
    } catch (err) {
      await fsp.rm(tmp, { recursive: true, force: true });
      throw err;
    }
    this.folders.delete(final);
    await (await this.folder(account, mailbox)).init();
  }

  async deleteMailbox(account: string, name: string): Promise<void> {
    const canonical = canonicalMailbox(name);
    if (isInbox(canonical)) throw new MailboxNameError('INBOX cannot be deleted (RFC 3501 6.3.4)');
    const dir = this.folderPath(account, canonical);
    if (!statSync(join(dir, 'cur'), { throwIfNoEntry: false })) throw new NoSuchMailboxError(canonical);
    // Rename out of sight first, so no reader ever sees half a mailbox; inferiors stay (6.3.4).
    const doomed = join(this.accountDir(account), `..l7lab-del-${randomBytes(6).toString('hex')}`);
    await fsp.rename(dir, doomed);
    this.folders.delete(dir);
    await fsp.rm(doomed, { recursive: true, force: true });
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
    for (const superior of superiorsOf(dst)) if (!existing.includes(superior)) await this.makeFolder(account, superior).catch(ignoreExists);
    // Each folder directory moves whole, UID list included, so UIDs and UIDVALIDITY stay.
    for (const n of moving) {
      const oldDir = this.folderPath(account, n);
      await fsp.rename(oldDir, this.folderPath(account, dst + n.slice(src.length)));
      this.folders.delete(oldDir);
    }
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
    return (await this.folder(account, mailbox)).read(uid);
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

  watch(listener: StoreListener): () => void {
    return this.emitter.watch(listener);
  }

  async close(): Promise<void> {
    this.emitter.clear();
    this.folders.clear();
  }
}

function canonicalOrNull(name: string): string | null {
  try {
    return canonicalMailbox(name);
  } catch {
    return null;
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
