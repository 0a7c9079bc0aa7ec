import { closeSync, openSync, promises as fsp, readFileSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import { normalizeFlags, sameFlags } from '../flags.js';
import { KeywordFile } from './keywords-file.js';
import { acquireLockFile, Serial } from './lock-file.js';
import { fileNameFor, uniqueBase } from './layout.js';
import { FolderIndex, internFlags, type Entry, type Sub } from './folder-index.js';
import { errnoOf, unlinkQuietly, type MaildirIo } from './io.js';
import { UidList } from './uidlist.js';
import { NoSuchMessageError, type FactVisitor, type MessageMeta, type StoreChange } from '../types.js';

/**
 * One Maildir folder (a mailbox): reading, writing and changing its messages. Operations run
 * one at a time per folder in this process (Serial) and take the folder's lock file when they
 * write the UID list or keywords, so other processes on the same store never collide with us.
 */
export interface Staged {
  tmp: string;
  base: string;
  size: number;
  date: number;
  flags: string[];
  entry?: Entry;
  /** No longer in tmp/: moved into new/ or cur/ (commit). */
  moved?: boolean;
  /** Settles when the commit's lock file is released: a write is done only then (write.ts). */
  unlocked?: Promise<void>;
}

export interface FolderContext {
  io: MaildirIo;
  emit(change: StoreChange): void;
  newUidValidity(): Promise<number>;
  /** fsync a directory, shared by deliveries that land at the same moment. */
  syncDir(dir: string): Promise<void>;
}

export const UIDLIST_FILE = 'l7lab-uidlist';
export const KEYWORDS_FILE = 'l7lab-keywords';
// Rewrite the UID list once dead lines (removed messages) outnumber live ones by this much.
const COMPACT_SLACK = 1000;
// Messages up to this size are read with one blocking call (tens of microseconds on a local disk).
const SYNC_READ_MAX = 256 * 1024;

const isSystem = (f: string) => f.startsWith('\\');

export class MaildirFolder {
  private readonly uidList: UidList;
  private readonly keywords: KeywordFile;
  private readonly index: FolderIndex;
  private readonly serial = new Serial();
  private release: (() => Promise<void>) | null = null;

  constructor(
    readonly dir: string,
    readonly account: string,
    readonly mailbox: string,
    private readonly ctx: FolderContext,
  ) {
    this.uidList = new UidList(join(dir, UIDLIST_FILE));
    this.keywords = new KeywordFile(join(dir, KEYWORDS_FILE));
    this.index = new FolderIndex(dir, account, mailbox, this.uidList, this.keywords, {
      lock: () => this.locked(),
      emit: (c) => ctx.emit(c),
    });
  }

  /** Run a task alone in this process; a lock file taken for it is kept while more tasks wait. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      try {
        return await task();
      } finally {
        if (this.release && this.serial.pending <= 1) {
          const release = this.release;
          this.release = null;
          await release();
        }
      }
    });
  }

  /**
   * run(), with the task's result before the lock file taken for it is removed: a delivery's
   * directory fsync then runs beside that unlink instead of after it (one trip through the
   * thread pool fewer before the 250). `done` settles once the lock is released (or fails).
   */
  private runAnsweringFirst<T>(task: () => Promise<T>): { answer: Promise<T>; done: Promise<T> } {
    let answer!: (value: T) => void;
    const answered = new Promise<T>((resolve) => (answer = resolve));
    const done = this.run(async () => {
      const value = await task();
      answer(value);
      return value;
    });
    // Handled here: a caller that gave up on the answer (a failed task) does not wait for it.
    done.catch(() => undefined);
    // A failed task rejects `done`; `answered` then never settles.
    return { answer: Promise.race([answered, done]), done };
  }

  /** Take the folder's lock file (within run()) and reread what others wrote before it. */
  private async locked(): Promise<void> {
    if (this.release) return;
    this.release = await acquireLockFile(join(this.dir, `${UIDLIST_FILE}.lock`));
    if (!(await this.uidList.refresh())) await this.uidList.rewrite(await this.ctx.newUidValidity(), () => false);
    await this.keywords.refresh();
  }

  /** Make the UID list now, so UIDVALIDITY is fixed when the mailbox is created. */
  init(): Promise<void> {
    return this.run(() => this.locked());
  }

  /** Revalidate now if nothing else is running here (the store's poller calls this). */
  async poll(): Promise<void> {
    if (this.serial.pending === 0) await this.run(() => this.index.sync());
  }

  /** See MailStore.eachFact: straight from the index, nothing made per message. */
  eachFact(each: FactVisitor): Promise<void> {
    return this.run(async () => {
      await this.index.sync();
      this.index.entries.eachFact(each);
    });
  }

  list(): Promise<MessageMeta[]> {
    return this.run(async () => {
      await this.index.sync();
      return [...this.index.entries.values()].map((e) => this.index.meta(e));
    });
  }

  entry(uid: number): Promise<Entry | undefined> {
    return this.run(async () => {
      await this.index.sync();
      return this.index.entries.get(uid);
    });
  }

  status(): Promise<{ uidValidity: number; uidNext: number; messages: number; unseen: number }> {
    return this.run(async () => {
      await this.index.sync();
      let unseen = 0;
      this.index.entries.eachFact((_uid, _size, _date, flags) => {
        if (!flags.includes('\\Seen')) unseen++;
      });
      return { uidValidity: this.uidList.uidValidity, uidNext: this.uidList.nextUid, messages: this.index.entries.size, unseen };
    });
  }

  /**
   * A message's bytes. The file is first opened by the name the index already knows, without
   * revalidating (three stats): a Maildir file's content never changes, only its name (flags)
   * or its existence, and either shows as ENOENT, after which the index is revalidated and the
   * read tried again. Dovecot's Maildir code reads the same way.
   */
  async read(uid: number): Promise<Buffer> {
    const fast = this.readKnown(uid);
    if (fast) return fast;
    for (let attempt = 0; attempt < 2; attempt++) {
      const e = await this.entry(uid);
      if (!e) break;
      const path = join(this.dir, e.sub, e.name);
      try {
        return e.size <= SYNC_READ_MAX ? readFileSync(path) : await fsp.readFile(path);
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT') throw err;
        // Renamed or removed by another process since the last scan: look again once.
        this.index.invalidate();
      }
    }
    throw new NoSuchMessageError(uid);
  }

  /** The file of an entry: `dir` is already normalized and a Maildir name has no "/", so no path.join (a list reads a thousand). */
  private fileOf(e: Entry): string {
    return `${this.dir}${sep}${e.sub}${sep}${e.name}`;
  }

  /** The fast path of read(): null when the index does not know the UID or its file is gone. */
  readKnown(uid: number): Buffer | null {
    const known = this.index.known(uid);
    if (!known || known.size > SYNC_READ_MAX) return null;
    try {
      return readFileSync(this.fileOf(known));
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      this.index.invalidate();
      return null;
    }
  }

  /** At most the first `max` bytes, one bounded read of the file the index knows (a header for `mail list`). */
  async readHead(uid: number, max: number): Promise<Buffer> {
    return this.readHeadKnown(uid, max) ?? (await this.read(uid)).subarray(0, max);
  }

  /** The fast path of readHead(): null when the index does not know the UID or its file is gone. */
  readHeadKnown(uid: number, max: number): Buffer | null {
    const known = this.index.known(uid);
    if (!known) return null;
    let fd: number;
    try {
      fd = openSync(this.fileOf(known), 'r');
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      this.index.invalidate();
      return null;
    }
    try {
      const buf = Buffer.allocUnsafe(known.size > 0 ? Math.min(max, known.size) : max);
      let got = 0;
      for (let n = 1; got < buf.length && n > 0; got += n) n = readSync(fd, buf, got, buf.length - got, got);
      return buf.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }

  // ---- writing: stage (tmp/, fsync) -> commit (UID, move into new/) -> finish (fsync dir) ----

  /**
   * Write the bytes into tmp/ and fsync them; nothing is visible yet. `base` is given when one
   * SMTP transaction lands in several folders: every copy gets the same name (unique within
   * each folder, as Maildir asks) and with it the same id.
   */
  async stage(raw: Buffer, date: Date, flags: readonly string[], setMtime: boolean, base = uniqueBase(raw.length)): Promise<Staged> {
    const tmp = join(this.dir, 'tmp', base);
    try {
      await this.ctx.io.writeDurable(tmp, raw, setMtime ? date : undefined);
    } catch (err) {
      await unlinkQuietly(this.ctx.io, tmp);
      throw err;
    }
    return { tmp, base, size: raw.length, date: date.getTime(), flags: normalizeFlags(flags) };
  }

  /**
   * Give a staged message its UID (written before the move, so no scanner gives it another) and
   * move it in. Resolves once moved in; `s.unlocked` once the folder's lock is released too.
   */
  commit(s: Staged): Promise<Entry> {
    const { answer, done } = this.runAnsweringFirst(async () => {
      await this.index.sync();
      await this.locked();
      const sub: Sub = s.flags.length > 0 ? 'cur' : 'new';
      const name = sub === 'new' ? s.base : fileNameFor(s.base, s.flags.filter(isSystem));
      const uid = this.uidList.nextUid;
      await this.uidList.append([{ uid, size: s.size, date: s.date, base: s.base }]);
      await this.keywords.update([[s.base, s.flags.filter((f) => !isSystem(f))]]);
      await this.index.own([sub], async () => {
        await this.ctx.io.moveIn(s.tmp, join(this.dir, sub, name));
        s.moved = true;
      });
      const e: Entry = { uid, base: s.base, name, sub, size: s.size, date: s.date, flags: internFlags(s.flags), other: '', id: undefined };
      this.index.add(e);
      s.entry = e;
      return e;
    });
    s.unlocked = done.then(() => undefined);
    // Handled now: after a failed commit nobody awaits it (write.ts undoes the copies instead).
    s.unlocked.catch(() => undefined);
    return answer;
  }

  /** fsync the directory the message was moved into: only now may SMTP say 250. */
  async finish(s: Staged): Promise<void> {
    if (s.entry) await this.ctx.syncDir(join(this.dir, s.entry.sub));
  }

  announce(s: Staged): void {
    if (s.entry) this.ctx.emit({ kind: 'added', account: this.account, mailbox: this.mailbox, uid: s.entry.uid });
  }

  /** Undo a write that failed part way: nothing of it stays in tmp/, new/ or cur/. */
  async abort(s: Staged): Promise<void> {
    if (!s.moved) await unlinkQuietly(this.ctx.io, s.tmp);
    const e = s.entry;
    if (!e) return;
    await this.run(async () => {
      await unlinkQuietly(this.ctx.io, join(this.dir, e.sub, e.name));
      this.index.drop(e);
      this.index.invalidate();
    });
    // Another session may have listed it in the moment it was linked.
    this.ctx.emit({ kind: 'expunged', account: this.account, mailbox: this.mailbox, uids: [e.uid] });
  }

  // ---- changing ----

  setFlags(uid: number, flags: readonly string[]): Promise<void> {
    return this.run(async () => {
      await this.index.sync();
      const e = this.index.entries.get(uid);
      const next = normalizeFlags(flags);
      // STORE on a message expunged meanwhile is no error (RFC 3501 7.4.1).
      if (!e || sameFlags(next, e.flags)) return;
      const keywords = next.filter((f) => !isSystem(f));
      if (!sameFlags(keywords, e.flags.filter((f) => !isSystem(f)))) {
        await this.locked();
        await this.keywords.update([[e.base, keywords]]);
      }
      const name = fileNameFor(e.base, next.filter(isSystem), e.other);
      if ((name !== e.name || e.sub !== 'cur') && !(await this.index.own(['new', 'cur'], () => this.moveFile(e, name)))) return;
      e.flags = internFlags(next);
      this.index.add(e);
      this.ctx.emit({ kind: 'flags', account: this.account, mailbox: this.mailbox, uid, flags: [...next] });
    });
  }

  /** See MailStore.takeNew: the UIDs still in new/, moved to cur/ (flags unchanged) when `take`. */
  takeNew(uids: readonly number[], take: boolean): Promise<number[]> {
    return this.run(async () => {
      await this.index.sync();
      const out: number[] = [];
      for (const uid of uids) {
        // SELECT asks about every message: most are in cur/, answered from the columns alone.
        if (!this.index.entries.inNew(uid)) continue;
        const e = this.index.entries.get(uid);
        if (!e || e.sub !== 'new') continue;
        // A rename another process won (ENOENT) means that process saw it first.
        const name = fileNameFor(e.base, e.flags.filter(isSystem), e.other);
        if (take && !(await this.index.own(['new', 'cur'], () => this.moveFile(e, name)))) continue;
        out.push(uid);
      }
      return out;
    });
  }

  /** Flags live in the name: a rename into cur/ (the Maildir spec's move on first sight). */
  private async moveFile(e: Entry, name: string): Promise<boolean> {
    try {
      await this.ctx.io.rename(join(this.dir, e.sub, e.name), join(this.dir, 'cur', name));
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      this.index.invalidate();
      return false;
    }
    e.name = name;
    e.sub = 'cur';
    this.index.add(e);
    return true;
  }

  /** Remove for good; returns the UIDs that were there. */
  remove(uids: readonly number[]): Promise<number[]> {
    return this.run(async () => {
      await this.index.sync();
      const gone = [...new Set(uids)].map((uid) => this.index.entries.get(uid)).filter((e): e is Entry => e !== undefined);
      if (gone.length === 0) return [];
      await this.index.own(['new', 'cur'], () => this.unlinkAll(gone));
      for (const e of gone) this.index.drop(e);
      await this.tidy(gone);
      const removed = gone.map((e) => e.uid).sort((a, b) => a - b);
      this.ctx.emit({ kind: 'expunged', account: this.account, mailbox: this.mailbox, uids: removed });
      return removed;
    });
  }

  async removeAll(): Promise<number[]> {
    const uids = await this.run(async () => {
      await this.index.sync();
      return [...this.index.entries.keys()];
    });
    return this.remove(uids);
  }

  private async unlinkAll(gone: Entry[]): Promise<void> {
    const BATCH = 32;
    for (let i = 0; i < gone.length; i += BATCH) {
      await Promise.all(
        gone.slice(i, i + BATCH).map((e) =>
          this.ctx.io.unlink(join(this.dir, e.sub, e.name)).catch((err: unknown) => {
            if (errnoOf(err) !== 'ENOENT') throw err;
          }),
        ),
      );
    }
  }

  /** Forget keywords of removed messages; rewrite the UID list when dead lines pile up. */
  private async tidy(gone: Entry[]): Promise<void> {
    const withKeywords = gone.filter((e) => this.keywords.get(e.base).length > 0);
    if (withKeywords.length > 0) {
      await this.locked();
      await this.keywords.update(withKeywords.map((e) => [e.base, []]));
    }
    const live = this.index.entries.size;
    if (this.uidList.lines - live <= live + COMPACT_SLACK) return;
    await this.locked();
    const onDisk = await this.index.readDirs();
    await this.uidList.rewrite(this.uidList.uidValidity, (r) => onDisk.has(r.base));
  }
}
