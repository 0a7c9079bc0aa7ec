import { promises as fsp, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeFlags, sameFlags } from '../flags.js';
import { EntryTable } from './entry-table.js';
import type { Entry, Sub } from './entry.js';

export type { Entry, Sub } from './entry.js';
import type { KeywordFile } from './keywords-file.js';
import { idOfBase, parseFileName, sizeFromBase } from './layout.js';
import type { UidList, UidRecord } from './uidlist.js';
import { NoSuchMailboxError, type MessageMeta, type StoreChange } from '../types.js';

/**
 * The in-memory index of one Maildir folder, and how it stays true. Before each operation it
 * revalidates cheaply: the mtimes of new/ and cur/ and the UID list's size (synchronous stats,
 * microseconds). It rescans only when something changed that this process did not do itself
 * (`l7lab mail clear` beside `serve`, a Maildir tool), and turns what it finds into the same
 * change events our own writes give, so IMAP sessions hear of it.
 *
 * Directory mtimes move in kernel clock ticks (1-10 ms), so another writer's change in the same
 * tick as ours would not move them: such an "unsettled" index is rescanned once more, at most
 * once a second (Dovecot's Maildir code is careful about the same thing). Deliveries by another
 * l7lab are seen at once anyway: they append to the UID list.
 */
/**
 * What new/ and cur/ hold, by base: the file name alone per message (the bases in new/, usually
 * few, in a Set), not an object each: a scan of 10,000 files keeps less alive while it runs
 * (issue 19, memory). `get` makes the { sub, name } pair when asked.
 */
export class DirListing {
  private readonly names = new Map<string, string>();
  private readonly inNew = new Set<string>();

  get size(): number {
    return this.names.size;
  }

  set(base: string, f: { sub: Sub; name: string }): void {
    this.names.set(base, f.name);
    if (f.sub === 'new') this.inNew.add(base);
    else this.inNew.delete(base);
  }

  has(base: string): boolean {
    return this.names.has(base);
  }

  get(base: string): { sub: Sub; name: string } | undefined {
    const name = this.names.get(base);
    return name === undefined ? undefined : { sub: this.inNew.has(base) ? 'new' : 'cur', name };
  }

  keys(): IterableIterator<string> {
    return this.names.keys();
  }
}


export interface IndexHooks {
  /** Take the folder's lock file (and reread the UID list under it). */
  lock(): Promise<void>;
  emit(change: StoreChange): void;
}

// The coarsest kernel clock tick we allow for (HZ=100), and how often an unsettled index is re-read.
const TICK_SLACK_MS = 20;
const SETTLE_RESCAN_MS = 1000;

/**
 * One shared, frozen array per combination of flags: a mailbox of 10,000 messages has a handful
 * of combinations, so its index (and every MessageMeta handed out) holds a handful of arrays,
 * not 10,000. Nobody changes a flags array in place: a change assigns a new one (frozen, a
 * mistake would throw).
 */
const interned = new Map<string, readonly string[]>();
const INTERN_MAX = 4096;

export function internFlags(flags: readonly string[]): string[] {
  if (flags.length === 0) return EMPTY;
  const key = flags.join('\u0000');
  let shared = interned.get(key);
  if (!shared) {
    // Keyword combinations are the client's to make up: past the cap, new ones are simply not shared.
    if (interned.size >= INTERN_MAX) return Object.freeze([...flags]) as string[];
    shared = Object.freeze([...flags]);
    interned.set(key, shared);
  }
  return shared as string[];
}
const EMPTY = Object.freeze([]) as unknown as string[];

export function metaOf(e: Entry): MessageMeta {
  e.id ??= idOfBase(e.base);
  return { id: e.id, uid: e.uid, size: e.size, internalDate: new Date(e.date), flags: e.flags };
}

export class FolderIndex {
  /** By UID, in ascending order, as columns (entry-table.ts): an Entry handed out is a copy. */
  entries = new EntryTable();
  private seen: Record<Sub, number> = { new: -1, cur: -1 };
  private loaded = false;
  private unsettled = true;
  private lastRescan = 0;

  constructor(
    readonly dir: string,
    readonly account: string,
    readonly mailbox: string,
    private readonly uidList: UidList,
    private readonly keywords: KeywordFile,
    private readonly hooks: IndexHooks,
  ) {}

  async sync(): Promise<void> {
    if (!this.stale()) return;
    await this.rescan();
  }

  /** The entry as last scanned, without revalidating (undefined before the first scan). */
  known(uid: number): Entry | undefined {
    return this.loaded ? this.entries.get(uid) : undefined;
  }

  /** The message's MessageMeta; its id (a SHA-1 of the base) is kept for the next time. */
  meta(e: Entry): MessageMeta {
    const had = e.id;
    const m = metaOf(e);
    if (had === undefined) this.entries.setId(e.uid, m.id);
    return m;
  }

  /** Forget what we know of the directories: the next sync rescans. */
  invalidate(): void {
    this.seen = { new: -1, cur: -1 };
  }

  private mtime(sub: Sub): number {
    const st = statSync(join(this.dir, sub), { throwIfNoEntry: false });
    if (!st) throw new NoSuchMailboxError(this.mailbox);
    return st.mtimeMs;
  }

  private stale(): boolean {
    if (!this.loaded) return true;
    if (this.mtime('new') !== this.seen.new || this.mtime('cur') !== this.seen.cur) return true;
    if (this.uidList.changed()) return true;
    return this.unsettled && Date.now() - this.lastRescan >= SETTLE_RESCAN_MS;
  }

  private async rescan(): Promise<void> {
    const now: Record<Sub, number> = { new: this.mtime('new'), cur: this.mtime('cur') };
    const files = await this.readDirs();
    if (!(await this.uidList.refresh())) await this.hooks.lock();
    const unknown = [...files.keys()].filter((base) => !this.uidList.byBase.has(base));
    if (unknown.length > 0) await this.assign(unknown, files);
    await this.keywords.refresh();
    const next = this.tableOf(files);
    if (this.loaded) this.announceDiff(next);
    this.entries = next;
    this.seen = now;
    this.loaded = true;
    this.lastRescan = Date.now();
    this.unsettled = this.lastRescan - Math.max(now.new, now.cur) < TICK_SLACK_MS;
  }

  async readDirs(): Promise<DirListing> {
    const files = new DirListing();
    for (const sub of ['new', 'cur'] as const) {
      for (const name of await fsp.readdir(join(this.dir, sub))) {
        // Hidden files are not messages; a newline could not be written into the UID list.
        if (name.startsWith('.') || name.includes('\n')) continue;
        files.set(parseFileName(name).base, { sub, name });
      }
    }
    return files;
  }

  /** Files another writer dropped in get the next UIDs, oldest first (RFC 3501 2.3.1.1). */
  private async assign(bases: string[], files: DirListing): Promise<void> {
    await this.hooks.lock();
    const fresh: Array<Omit<UidRecord, 'uid'>> = [];
    for (const base of bases) {
      if (this.uidList.byBase.has(base)) continue;
      const f = files.get(base) as { sub: Sub; name: string };
      const st = statSync(join(this.dir, f.sub, f.name), { throwIfNoEntry: false });
      if (st) fresh.push({ base, size: st.size, date: Math.round(st.mtimeMs) });
    }
    fresh.sort((a, b) => a.date - b.date || (a.base < b.base ? -1 : 1));
    let uid = this.uidList.nextUid;
    // Built field by field: a spread gave each of 10,000 records a hidden class of its own.
    await this.uidList.append(fresh.map((r) => ({ uid: uid++, size: r.size, date: r.date, base: r.base })));
  }

  /**
   * The files the UID list knows, as a new table in UID order. Entries are made one at a time and
   * dropped at once (the table keeps columns), so little of the scan outlives it.
   */
  private tableOf(files: DirListing): EntryTable {
    const bases: string[] = [];
    const uids: number[] = [];
    for (const base of files.keys()) {
      const rec = this.uidList.byBase.get(base);
      if (rec) {
        bases.push(base);
        uids.push(rec.uid);
      }
    }
    const order = Uint32Array.from(uids.keys()).sort((a, b) => (uids[a] as number) - (uids[b] as number));
    const next = new EntryTable();
    for (const i of order) {
      const base = bases[i] as string;
      const f = files.get(base) as { sub: Sub; name: string };
      next.set(this.entryFor(this.uidList.byBase.get(base) as UidRecord, f.sub, f.name));
    }
    return next;
  }

  private entryFor(rec: UidRecord, sub: Sub, name: string): Entry {
    const parsed = parseFileName(name);
    const flags = this.flagsOf(rec.base, parsed.flags);
    const size = rec.size || sizeFromBase(rec.base) || 0;
    // Every field from the start, `id` too (kept from the last scan): one shape for all entries.
    return { uid: rec.uid, base: rec.base, name, sub, size, date: rec.date, flags, other: parsed.otherLetters, id: this.entries.idFor(rec.base) };
  }

  private flagsOf(base: string, fromName: readonly string[]): string[] {
    const keywords = this.keywords.get(base);
    // The common case, no keywords: the name's letters are already canonical, in letter order.
    return internFlags(keywords.length === 0 && fromName.length <= 1 ? fromName : normalizeFlags([...fromName, ...keywords]));
  }

  private announceDiff(next: EntryTable): void {
    const at = { account: this.account, mailbox: this.mailbox };
    const gone = [...this.entries.values()].filter((e) => next.uidOf(e.base) !== e.uid).map((e) => e.uid);
    if (gone.length > 0) this.hooks.emit({ kind: 'expunged', ...at, uids: gone.sort((a, b) => a - b) });
    for (const e of next.values()) {
      const old = this.entries.uidOf(e.base) === e.uid ? this.entries.get(e.uid) : undefined;
      if (!old) this.hooks.emit({ kind: 'added', ...at, uid: e.uid });
      else if (!sameFlags(old.flags, e.flags)) this.hooks.emit({ kind: 'flags', ...at, uid: e.uid, flags: [...e.flags] });
    }
  }

  /** Run a change of our own, then trust the new mtimes unless someone else had changed them first. */
  async own<T>(subs: Sub[], change: () => Promise<T>): Promise<T> {
    const before = subs.map((s) => this.mtime(s));
    let result: T;
    try {
      result = await change();
    } catch (err) {
      this.invalidate();
      throw err;
    }
    subs.forEach((s, i) => {
      if (before[i] === this.seen[s]) this.seen[s] = this.mtime(s);
    });
    this.unsettled = true;
    return result;
  }

  /** Add or update a message (an Entry is a copy: a change to it is written back here). */
  add(e: Entry): void {
    this.entries.set(e);
  }

  drop(e: Entry): void {
    this.entries.delete(e.uid);
  }
}
