/**
 * The selected mailbox's per-message facts as columns (issue 19: memory): UIDs, sizes and
 * internal dates in typed arrays, flags as a number into a table of the distinct flag lists
 * the mailbox uses. 10,000 messages are five arrays here, not 10,000 objects with a Date each:
 * fewer long-lived small objects for the garbage collector to copy, and a young generation
 * that does not have to grow while SELECT builds the index.
 *
 * UIDs stay strictly ascending with the sequence number (RFC 3501 2.3.1.1), so a UID is found by
 * binary search; a sequence number is an index + 1 (RFC 3501 2.3.1.2).
 */
const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The distinct flag lists of one mailbox, each one frozen array: a mailbox of 10,000 messages
 * uses a handful of combinations, so a message's flags are one small number. Nobody changes a
 * list in place; a change interns a new one.
 */
export class FlagTable {
  private readonly lists: Array<readonly string[]> = [EMPTY];
  private readonly ids = new Map<string, number>([['', 0]]);

  /** The number of this list (its flags in store order: normalizeFlags sorts them). */
  idOf(flags: readonly string[]): number {
    if (flags.length === 0) return 0;
    const key = flags.join(' ');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lists.length;
      this.lists.push(Object.freeze([...flags]));
      this.ids.set(key, id);
    }
    return id;
  }

  list(id: number): readonly string[] {
    return this.lists[id] ?? EMPTY;
  }

  /** The ids of the lists that contain `flag`, as a lookup by id. */
  having(flag: string): boolean[] {
    return this.lists.map((l) => l.includes(flag));
  }

  /** Keywords (flags without a backslash, RFC 3501 2.3.2) of the lists in use. */
  keywordsOf(used: Iterable<number>): Set<string> {
    const out = new Set<string>();
    for (const id of used) for (const f of this.list(id)) if (!f.startsWith('\\')) out.add(f);
    return out;
  }
}

const START_CAPACITY = 16;

function grown<T extends Uint32Array | Float64Array>(a: T, capacity: number): T {
  const next = new (a.constructor as new (n: number) => T)(capacity);
  next.set(a);
  return next;
}

export class MessageColumns {
  private length = 0;
  private uidCol = new Uint32Array(START_CAPACITY);
  private sizeCol = new Float64Array(START_CAPACITY);
  private dateCol = new Float64Array(START_CAPACITY);
  /** The flags as the store has them now (kept current from watch()). */
  private flagCol = new Uint32Array(START_CAPACITY);
  /** The flags as this session's client last heard them. */
  private toldCol = new Uint32Array(START_CAPACITY);
  readonly flagTable = new FlagTable();

  get count(): number {
    return this.length;
  }

  /** One more message, after the others (its UID above theirs: RFC 3501 2.3.1.1); `date` in ms. */
  push(uid: number, size: number, date: number, flags: readonly string[]): void {
    if (this.length === this.uidCol.length) this.reserve(this.length * 2);
    const i = this.length++;
    this.uidCol[i] = uid;
    this.sizeCol[i] = size;
    this.dateCol[i] = date;
    const id = this.flagTable.idOf(flags);
    this.flagCol[i] = id;
    this.toldCol[i] = id;
  }

  /** Room for `capacity` messages without another copy (SELECT knows the count up front). */
  reserve(capacity: number): void {
    if (capacity <= this.uidCol.length) return;
    const n = Math.max(capacity, START_CAPACITY);
    this.uidCol = grown(this.uidCol, n);
    this.sizeCol = grown(this.sizeCol, n);
    this.dateCol = grown(this.dateCol, n);
    this.flagCol = grown(this.flagCol, n);
    this.toldCol = grown(this.toldCol, n);
  }

  uid(i: number): number {
    return this.uidCol[i] as number;
  }

  size(i: number): number {
    return this.sizeCol[i] as number;
  }

  date(i: number): number {
    return this.dateCol[i] as number;
  }

  flags(i: number): readonly string[] {
    return this.flagTable.list(this.flagCol[i] as number);
  }

  flagId(i: number): number {
    return this.flagCol[i] as number;
  }

  setFlags(i: number, flags: readonly string[]): void {
    this.flagCol[i] = this.flagTable.idOf(flags);
  }

  /** The number of the flags this session's client last heard (see FlagTable). */
  toldId(i: number): number {
    return this.toldCol[i] as number;
  }

  /** The client has now heard message i's current flags. */
  tell(i: number): void {
    this.toldCol[i] = this.flagCol[i] as number;
  }

  /** Index of a UID, or -1. */
  indexOf(uid: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const u = this.uidCol[mid] as number;
      if (u === uid) return mid;
      if (u < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Drop the messages whose UID is in `drop`, keeping the order (the renumbering of EXPUNGE). */
  remove(drop: ReadonlySet<number>): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      if (drop.has(this.uidCol[r] as number)) continue;
      if (w !== r) {
        this.uidCol[w] = this.uidCol[r] as number;
        this.sizeCol[w] = this.sizeCol[r] as number;
        this.dateCol[w] = this.dateCol[r] as number;
        this.flagCol[w] = this.flagCol[r] as number;
        this.toldCol[w] = this.toldCol[r] as number;
      }
      w++;
    }
    this.length = w;
  }

  /** UIDs in sequence order (a copy). */
  uids(): number[] {
    return Array.from(this.uidCol.subarray(0, this.length));
  }
}
