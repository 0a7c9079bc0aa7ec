import { randomBytes } from 'node:crypto';
import { promises as fsp, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLockFile } from './lock-file.js';
import { accountDirName, accountOfDirName, folderDirName, inside, mailboxOfDirName } from './layout.js';
import { MaildirFolder } from './folder.js';
import { cleanStaleTmp } from './stale-tmp.js';
import { coalesceSyncDir, errnoOf, type MaildirIo } from './io.js';
import { canonicalAccount, canonicalMailbox, INBOX, isInbox } from '../names.js';
import { MailboxExistsError, NoSuchMailboxError, type StoreChange } from '../types.js';
import { PRIVATE_DIR, PRIVATE_FILE } from '../../limits.js';

/**
 * The directories of a Maildir store: which accounts and mailboxes exist, and making, moving and
 * deleting them so that no reader ever sees half of one (built or doomed under a name no
 * listing shows, then renamed). Every path is checked to stay inside the root.
 */
const UIDVALIDITY_FILE = '.l7lab-uidvalidity';
// Names that mailboxOfDirName rejects (an empty level), so listings never show them.
const HIDDEN_PREFIX = '..l7lab-';

const isMaildir = (dir: string) => statSync(join(dir, 'cur'), { throwIfNoEntry: false })?.isDirectory() === true;

export class MaildirTree {
  private readonly folders = new Map<string, MaildirFolder>();
  private readonly openedByName = new Map<string, MaildirFolder>();
  private readonly syncDir: (dir: string) => Promise<void>;

  constructor(
    readonly root: string,
    private readonly io: MaildirIo,
    private readonly emit: (change: StoreChange) => void,
  ) {
    this.syncDir = coalesceSyncDir(io);
  }

  accountDir(account: string): string {
    return inside(this.root, accountDirName(canonicalAccount(account)));
  }

  folderPath(account: string, mailbox: string): string {
    return inside(this.accountDir(account), folderDirName(mailbox));
  }

  /** The folder of a mailbox; INBOX (and with it the account) is made on first use. */
  async folder(account: string, mailbox: string): Promise<MaildirFolder> {
    const acc = canonicalAccount(account);
    const name = canonicalMailbox(mailbox);
    const dir = this.folderPath(acc, name);
    if (isInbox(name) && !isMaildir(dir)) await makeMaildir(dir);
    let f = this.folders.get(dir);
    if (!f) {
      // First use in this process: what a dead writer left in tmp/ goes now (stale-tmp.ts).
      await cleanStaleTmp(join(dir, 'tmp')).catch(() => 0);
      f = this.folders.get(dir);
    }
    if (!f) {
      f = new MaildirFolder(dir, acc, name, {
        io: this.io,
        emit: this.emit,
        newUidValidity: () => this.newUidValidity(),
        syncDir: this.syncDir,
      });
      this.folders.set(dir, f);
    }
    return f;
  }

  /**
   * The folder if this process has opened it already; no stat, nothing made. Remembered by the
   * names as given (only names of opened folders), since resolving the path costs more than
   * the read it is for; checked against `folders`, so a forgotten folder is not returned.
   */
  opened(account: string, mailbox: string): MaildirFolder | undefined {
    const key = `${account}\0${mailbox}`;
    const known = this.openedByName.get(key);
    if (known && this.folders.get(known.dir) === known) return known;
    const f = this.folders.get(this.folderPath(canonicalAccount(account), canonicalMailbox(mailbox)));
    if (f) this.openedByName.set(key, f);
    else this.openedByName.delete(key);
    return f;
  }

  /** Folders this process has opened: the ones worth watching for others' changes. */
  openFolders(): MaildirFolder[] {
    return [...this.folders.values()];
  }

  forget(dir: string): void {
    this.folders.delete(dir);
  }

  async accounts(): Promise<string[]> {
    const dirs = await fsp.readdir(this.root).catch(() => [] as string[]);
    const out: string[] = [];
    for (const d of dirs) {
      const account = accountOfDirName(d);
      if (account !== null && isMaildir(join(this.root, d))) out.push(account);
    }
    return out.sort();
  }

  async mailboxes(account: string): Promise<string[]> {
    const dir = (await this.folder(account, INBOX)).dir;
    const names = [INBOX];
    for (const d of await fsp.readdir(dir)) {
      const name = mailboxOfDirName(d);
      if (name !== null && canonicalOrNull(name) === name && isMaildir(join(dir, d))) names.push(name);
    }
    return names.sort();
  }

  /** Make one folder (its parent must exist); MailboxExistsError if it is there already. */
  async makeFolder(account: string, mailbox: string): Promise<void> {
    const final = this.folderPath(account, mailbox);
    const tmp = join(this.accountDir(account), `${HIDDEN_PREFIX}new-${randomBytes(6).toString('hex')}`);
    try {
      await makeMaildir(tmp);
      // Maildir++ marks a folder with this empty file (Courier, Dovecot).
      await fsp.writeFile(join(tmp, 'maildirfolder'), '', { mode: PRIVATE_FILE });
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

  async deleteFolder(account: string, mailbox: string): Promise<void> {
    const dir = this.folderPath(account, mailbox);
    if (!isMaildir(dir)) throw new NoSuchMailboxError(mailbox);
    const doomed = join(this.accountDir(account), `${HIDDEN_PREFIX}del-${randomBytes(6).toString('hex')}`);
    await fsp.rename(dir, doomed);
    this.folders.delete(dir);
    await fsp.rm(doomed, { recursive: true, force: true });
  }

  /** Move one folder directory whole, UID list included, so its UIDs and UIDVALIDITY stay. */
  async moveFolder(account: string, from: string, to: string): Promise<void> {
    const oldDir = this.folderPath(account, from);
    await fsp.rename(oldDir, this.folderPath(account, to));
    this.folders.delete(oldDir);
  }

  /** Store-wide and strictly growing: a re-created mailbox never gets an old UIDVALIDITY (RFC 3501 2.3.1.1). */
  private async newUidValidity(): Promise<number> {
    await fsp.mkdir(this.root, { recursive: true, mode: PRIVATE_DIR });
    const path = join(this.root, UIDVALIDITY_FILE);
    const release = await acquireLockFile(`${path}.lock`);
    try {
      const last = Number((await fsp.readFile(path, 'utf8').catch(() => '0')).trim()) || 0;
      const next = Math.max(Math.floor(Date.now() / 1000), last + 1);
      const tmp = `${path}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, `${next}\n`, { mode: PRIVATE_FILE });
      await fsp.rename(tmp, path);
      return next;
    } finally {
      await release();
    }
  }
}

async function makeMaildir(dir: string): Promise<void> {
  for (const sub of ['tmp', 'new', 'cur']) await fsp.mkdir(join(dir, sub), { recursive: true, mode: PRIVATE_DIR });
}

function canonicalOrNull(name: string): string | null {
  try {
    return canonicalMailbox(name);
  } catch {
    return null;
  }
}
