import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, openSync, promises as fsp, readSync, statSync } from 'node:fs';
import { errnoOf } from './io.js';
import { PRIVATE_FILE } from '../../limits.js';

/**
 * A folder's UID list, in the shape of Dovecot's dovecot-uidlist version 3 (its own file name,
 * l7lab-uidlist, since the keys differ):
 *
 *   3 V<uidvalidity> N<nextuid>
 *   <uid> S<size> T<internal date, ms> :<file name base>
 *
 * Like Dovecot, new UIDs are appended one line each (one write, under the folder's lock file),
 * so 10,000 deliveries do not rewrite the file 10,000 times; a full rewrite (a new file renamed
 * over the old, so readers see the old or the new one, never half) drops lines of removed
 * messages. A reader skips an unfinished last line; the header's N only ever grows and the
 * next UID is max(N, highest UID + 1), so no UID is handed out twice.
 */
export interface UidRecord {
  uid: number;
  size: number;
  date: number;
  base: string;
}

/**
 * The list's records as columns (issue 19, memory): UID, size and date in typed arrays (outside
 * the JavaScript heap), the bases in one array and one Map from base to row, instead of an
 * object per message. `get` makes a record when asked.
 */
export class UidRecords {
  private readonly rowOf = new Map<string, number>();
  private bases: string[] = [];
  private uid = new Float64Array(64);
  private size_ = new Float64Array(64);
  private date = new Float64Array(64);

  get size(): number {
    return this.bases.length;
  }

  has(base: string): boolean {
    return this.rowOf.has(base);
  }

  get(base: string): UidRecord | undefined {
    const r = this.rowOf.get(base);
    return r === undefined ? undefined : this.at(r);
  }

  /** Every record, in the order first read or appended. */
  *values(): IterableIterator<UidRecord> {
    for (let r = 0; r < this.bases.length; r++) yield this.at(r);
  }

  /** A base seen again (a later line for the same file) takes the later line's values, as a Map would. */
  set(rec: UidRecord): void {
    let r = this.rowOf.get(rec.base);
    if (r === undefined) {
      r = this.bases.length;
      if (r === this.uid.length) this.grow(r * 2);
      this.bases.push(rec.base);
      this.rowOf.set(rec.base, r);
    }
    this.uid[r] = rec.uid;
    this.size_[r] = rec.size;
    this.date[r] = rec.date;
  }

  clear(): void {
    this.rowOf.clear();
    this.bases = [];
  }

  private at(r: number): UidRecord {
    return { uid: this.uid[r] as number, size: this.size_[r] as number, date: this.date[r] as number, base: this.bases[r] as string };
  }

  private grow(n: number): void {
    const more = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.uid = more(this.uid);
    this.size_ = more(this.size_);
    this.date = more(this.date);
  }
}

export class UidList {
  uidValidity = 0;
  private headerNext = 1;
  private maxUid = 0;
  readonly byBase = new UidRecords();
  /** What was read last: a rewrite changes the inode, an append the size. */
  private ino = -1;
  private offset = 0;

  constructor(readonly path: string) {}

  get nextUid(): number {
    return Math.max(this.headerNext, this.maxUid + 1);
  }

  get lines(): number {
    return this.byBase.size;
  }

  /** Read what changed since last time. False when the file does not exist (or has no valid header). */
  async refresh(): Promise<boolean> {
    // One stat when nothing changed (the common case: the last append was ours), not an open,
    // an fstat and a close: the folder's lock is taken and the list refreshed per delivery.
    const st = statSync(this.path, { throwIfNoEntry: false });
    if (!st) return false;
    if (st.ino === this.ino && st.size === this.offset) return this.uidValidity > 0;
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return false;
      throw err;
    }
    try {
      const st = fstatSync(fd);
      if (st.ino !== this.ino || st.size < this.offset) this.reset(st.ino);
      if (st.size > this.offset) this.readFrom(fd, st.size);
      return this.uidValidity > 0;
    } finally {
      closeSync(fd);
    }
  }

  /** Cheap check (one stat) whether another process changed the file since we read it. */
  changed(): boolean {
    // Synchronous on purpose: one stat is microseconds, and a 10,000-message FETCH asks often.
    const st = statSync(this.path, { throwIfNoEntry: false });
    return !st || st.ino !== this.ino || st.size !== this.offset;
  }

  private reset(ino: number): void {
    this.ino = ino;
    this.offset = 0;
    this.uidValidity = 0;
    this.headerNext = 1;
    this.maxUid = 0;
    this.byBase.clear();
  }

  private readFrom(fd: number, size: number): void {
    const buf = Buffer.alloc(size - this.offset);
    const bytesRead = readSync(fd, buf, 0, buf.length, this.offset);
    const end = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (end < 0) return;
    const text = buf.subarray(0, end).toString('utf8');
    // Line by line in place: no array of lines, no match per line (a 10,000-line list made
    // ~10,000 short-lived objects that pushed the young generation to grow; issue 19, memory).
    for (let at = 0; at <= text.length; ) {
      let eol = text.indexOf('\n', at);
      if (eol < 0) eol = text.length;
      if (this.offset === 0 && this.uidValidity === 0) this.parseHeader(text.slice(at, eol));
      else if (this.uidValidity !== 0) this.parseRecord(text, at, eol);
      at = eol + 1;
    }
    this.offset += end + 1;
  }

  /** `<uid> S<size> T<date> :<base>` between `a` and `b`; anything else is skipped, as before. */
  private parseRecord(text: string, a: number, b: number): void {
    const u = digitsEnd(text, a, b);
    if (u === a || !text.startsWith(' S', u)) return;
    const s = digitsEnd(text, u + 2, b);
    if (s === u + 2 || !text.startsWith(' T', s)) return;
    const t = digitsEnd(text, s + 2, b);
    if (t === s + 2 || !text.startsWith(' :', t) || t + 2 >= b) return;
    const base = text.slice(t + 2, b);
    // The old pattern's `.+` stopped at these line terminators: such a line never matched.
    if (/[\r\u2028\u2029]/.test(base)) return;
    this.remember({ uid: numberIn(text, a, u), size: numberIn(text, u + 2, s), date: numberIn(text, s + 2, t), base });
  }

  private parseHeader(line: string): void {
    const v = /(?:^| )V(\d+)/.exec(line);
    const n = /(?:^| )N(\d+)/.exec(line);
    if (!line.startsWith('3 ') || !v || !n) return;
    this.uidValidity = Number(v[1]);
    this.headerNext = Number(n[1]);
  }

  private remember(rec: UidRecord): void {
    this.byBase.set(rec);
    if (rec.uid > this.maxUid) this.maxUid = rec.uid;
  }

  /** Append records (the caller holds the lock file and has just refreshed). */
  async append(records: UidRecord[]): Promise<void> {
    if (records.length === 0) return;
    const text = records.map(line).join('');
    appendFileSync(this.path, text, { mode: PRIVATE_FILE });
    for (const r of records) this.remember(r);
    this.offset += Buffer.byteLength(text);
  }

  /** Write the whole list anew, keeping only `keep` (the caller holds the lock file). */
  async rewrite(uidValidity: number, keep: (r: UidRecord) => boolean): Promise<void> {
    const next = this.nextUid;
    const records = [...this.byBase.values()].filter(keep).sort((a, b) => a.uid - b.uid);
    const text = `3 V${uidValidity} N${next}\n${records.map(line).join('')}`;
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const fh = await fsp.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(tmp, this.path);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    const st = await fsp.stat(this.path);
    this.reset(st.ino);
    this.uidValidity = uidValidity;
    this.headerNext = next;
    for (const r of records) this.remember(r);
    this.offset = Buffer.byteLength(text);
  }
}

/** Where the run of ASCII digits starting at `i` ends (at most `b`). */
function digitsEnd(text: string, i: number, b: number): number {
  while (i < b && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

function numberIn(text: string, i: number, j: number): number {
  return j - i < 16 ? digitsValue(text, i, j) : Number(text.slice(i, j));
}

function digitsValue(text: string, i: number, j: number): number {
  let v = 0;
  for (; i < j; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

function line(r: UidRecord): string {
  return `${r.uid} S${r.size} T${r.date} :${r.base}\n`;
}
