import type { Entry, Sub } from './entry.js';

/**
 * A folder index's messages as columns (issue 19, memory): UID, size, date, new/cur and a flags
 * index in typed arrays (their bytes live outside the JavaScript heap, so building the index of
 * a 10,000-message folder no longer grows the young generation), the file name as its base plus
 * an interned suffix (`:2,S`: a handful of strings for the whole folder), and one Map from base
 * to UID. An Entry is made when asked for (get, values) and is a copy: a change goes back
 * through `set`. Rows stay in ascending UID order (a new message has the next UID, RFC 3501
 * 2.3.1.1), so a UID is found by binary search; a dropped row is marked dead and the dead are
 * compacted away once they outnumber the living. Same style as imap/message-columns.ts.
 */
const NO_ROW = -1;

function nameOf(base: string, suffix: string): string {
  return suffix.charCodeAt(0) === 0 ? suffix.slice(1) : base + suffix;
}
const START = 64;

export class EntryTable {
  private uid = new Uint32Array(START);
  private size_ = new Float64Array(START);
  private date = new Float64Array(START);
  private cur = new Uint8Array(START);
  private flagsAt = new Uint32Array(START);
  private dead = new Uint8Array(START);
  private base: string[] = [];
  private suffix: string[] = [];
  private other: string[] = [];
  private id: Array<string | undefined> = [];
  private rows = 0;
  private live = 0;
  private readonly byBase = new Map<string, number>();
  /** The distinct flag arrays (already interned by the caller) and the distinct name suffixes. */
  private readonly flagSets: string[][] = [];
  private readonly flagIndex = new Map<readonly string[], number>();
  private readonly strings = new Map<string, string>();

  get size(): number {
    return this.live;
  }

  /** The UID of the message whose file name has this base, if the table holds it. */
  uidOf(base: string): number | undefined {
    return this.byBase.get(base);
  }

  get(uid: number): Entry | undefined {
    const row = this.rowOf(uid);
    return row === NO_ROW ? undefined : this.entryAt(row);
  }

  /** Whether the message is still in new/ (false when the table does not hold it), no Entry made. */
  inNew(uid: number): boolean {
    const row = this.rowOf(uid);
    return row !== NO_ROW && this.cur[row] === 0;
  }

  /** Add a message (its UID above every other) or replace the one with the same UID. */
  set(e: Entry): void {
    let row = this.rowOf(e.uid);
    if (row === NO_ROW) {
      if (this.rows > 0 && (this.uid[this.rows - 1] as number) >= e.uid) return this.insertSorted(e);
      row = this.append(e.uid);
    } else if (this.base[row] !== e.base) this.byBase.delete(this.base[row] as string);
    this.write(row, e);
  }

  delete(uid: number): void {
    const row = this.rowOf(uid);
    if (row === NO_ROW) return;
    this.dead[row] = 1;
    this.live--;
    this.byBase.delete(this.base[row] as string);
    this.base[row] = '';
    this.id[row] = undefined;
    if (this.rows - this.live > START && this.rows - this.live > this.live) this.compact();
  }

  *keys(): IterableIterator<number> {
    for (let r = 0; r < this.rows; r++) if (this.dead[r] === 0) yield this.uid[r] as number;
  }

  *values(): IterableIterator<Entry> {
    for (let r = 0; r < this.rows; r++) if (this.dead[r] === 0) yield this.entryAt(r);
  }

  /** Each message's facts straight from the columns, no Entry made (MailStore.eachFact). */
  eachFact(each: (uid: number, size: number, date: number, flags: readonly string[]) => void): void {
    for (let r = 0; r < this.rows; r++) if (this.dead[r] === 0) each(this.uid[r] as number, this.size_[r] as number, this.date[r] as number, this.flagSets[this.flagsAt[r] as number] as string[]);
  }

  /** The id kept for the message with this base (undefined before anyone asked for it). */
  idFor(base: string): string | undefined {
    const uid = this.byBase.get(base);
    return uid === undefined ? undefined : this.id[this.rowOf(uid)];
  }

  /** Remember a message's id (made from its base on first use: a SHA-1, worth keeping). */
  setId(uid: number, id: string): void {
    const row = this.rowOf(uid);
    if (row !== NO_ROW) this.id[row] = id;
  }

  private entryAt(row: number): Entry {
    const base = this.base[row] as string;
    const e: Entry = {
      uid: this.uid[row] as number,
      base,
      name: nameOf(base, this.suffix[row] as string),
      sub: this.cur[row] === 1 ? 'cur' : 'new',
      size: this.size_[row] as number,
      date: this.date[row] as number,
      flags: this.flagSets[this.flagsAt[row] as number] as string[],
      other: this.other[row] as string,
      id: this.id[row],
    };
    return e;
  }

  private rowOf(uid: number): number {
    let lo = 0;
    let hi = this.rows - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.uid[mid] as number;
      if (at === uid) return this.dead[mid] === 0 ? mid : NO_ROW;
      if (at < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return NO_ROW;
  }

  private write(row: number, e: Entry): void {
    this.uid[row] = e.uid;
    this.size_[row] = e.size;
    this.date[row] = e.date;
    this.cur[row] = e.sub === 'cur' ? 1 : 0;
    this.flagsAt[row] = this.flagsIndexOf(e.flags);
    this.base[row] = e.base;
    // A name that does not begin with its base (l7lab never writes one) is kept whole, marked by a NUL.
    this.suffix[row] = e.name.startsWith(e.base) ? this.intern(e.name.slice(e.base.length)) : `\u0000${e.name}`;
    this.other[row] = this.intern(e.other);
    this.id[row] = e.id;
    this.byBase.set(e.base, e.uid);
  }

  private flagsIndexOf(flags: readonly string[]): number {
    let i = this.flagIndex.get(flags);
    if (i === undefined) {
      // Arrays past folder-index's intern cap (4,096 sets) are new each time: compare them by content.
      i = this.flagSets.findIndex((f) => f.length === flags.length && f.every((x, k) => x === flags[k]));
      if (i < 0) {
        i = this.flagSets.length;
        this.flagSets.push(flags as string[]);
      }
      if (this.flagIndex.size < 4096) this.flagIndex.set(flags, i);
    }
    return i;
  }

  private intern(s: string): string {
    if (s.length > 16) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private append(uid: number): number {
    if (this.rows === this.uid.length) this.grow(this.rows * 2);
    const row = this.rows++;
    this.uid[row] = uid;
    this.dead[row] = 0;
    this.live++;
    return row;
  }

  /** A UID below the highest (a rescan finding an older message again): rebuild in order. */
  private insertSorted(e: Entry): void {
    const all = [...this.values(), e].sort((a, b) => a.uid - b.uid);
    this.clear();
    for (const x of all) this.write(this.append(x.uid), x);
  }

  private compact(): void {
    const all = [...this.values()];
    this.clear();
    for (const x of all) this.write(this.append(x.uid), x);
  }

  private clear(): void {
    this.rows = 0;
    this.live = 0;
    this.byBase.clear();
    this.base = [];
    this.suffix = [];
    this.other = [];
    this.id = [];
  }

  private grow(capacity: number): void {
    const n = Math.max(capacity, START);
    const more = <T extends Uint32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a.subarray(0, this.rows));
      return b;
    };
    this.uid = more(this.uid, (k) => new Uint32Array(k));
    this.size_ = more(this.size_, (k) => new Float64Array(k));
    this.date = more(this.date, (k) => new Float64Array(k));
    this.cur = more(this.cur, (k) => new Uint8Array(k));
    this.flagsAt = more(this.flagsAt, (k) => new Uint32Array(k));
    this.dead = more(this.dead, (k) => new Uint8Array(k));
  }
}
