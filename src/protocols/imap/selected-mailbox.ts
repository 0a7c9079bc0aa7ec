import { canonicalAccount, canonicalMailbox } from '../../mailstore/names.js';
import { NoSuchMailboxError, SYSTEM_FLAGS, type MailStore, type StoreChange } from '../../mailstore/types.js';
import { ProtocolSyntaxError } from '../errors.js';
import { MessageColumns } from './message-columns.js';
import type { ImapServices } from './services.js';
import { outOfRange, resolveSequenceNumbers, resolveUids, type SequenceSet } from './sequence.js';

/**
 * One session's view of its selected mailbox (RFC 3501 2.3.1.2, 5.2, 7.4.1).
 *
 * Message sequence numbers are this session's own: they only change when the session
 * tells its client (an untagged EXISTS or EXPUNGE). Changes made by other sessions arrive
 * from the store's watch() at any time and are kept pending here, so the numbering stays
 * what the client last heard until `updates()` turns them into untagged responses:
 * after the next command, or at once during IDLE.
 */
export interface MessageEntry {
  readonly uid: number;
  readonly size: number;
  readonly internalDate: Date;
  /** The flags as the store has them now (kept current from watch()); assigning changes them. */
  flags: readonly string[];
}

/**
 * One message as the commands see it, made on demand from the columns (nothing per message is
 * kept between commands). It finds its row again by UID if an EXPUNGE renumbered meanwhile.
 */
class EntryView implements MessageEntry {
  constructor(
    private readonly cols: MessageColumns,
    private index: number,
    readonly uid: number,
  ) {}

  row(): number {
    if (this.cols.uid(this.index) !== this.uid) this.index = this.cols.indexOf(this.uid);
    return this.index;
  }

  // A message this session removed since (its own EXPUNGE) reads as empty, never as NaN.
  get size(): number {
    const i = this.row();
    return i < 0 ? 0 : this.cols.size(i);
  }

  get internalDate(): Date {
    const i = this.row();
    return new Date(i < 0 ? 0 : this.cols.date(i));
  }

  get flags(): readonly string[] {
    const i = this.row();
    return i < 0 ? [] : this.cols.flags(i);
  }

  set flags(flags: readonly string[]) {
    const i = this.row();
    if (i >= 0) this.cols.setFlags(i, flags);
  }
}

/**
 * The FLAGS response and the PERMANENTFLAGS code (RFC 3501 7.2.6, 7.1) for these keywords:
 * at SELECT, and again whenever a keyword appears that the client has not heard of.
 */
export function flagsResponses(keywords: Iterable<string>, readOnly: boolean): string[] {
  const flags = [...SYSTEM_FLAGS, ...[...keywords].sort()].join(' ');
  return [
    `* FLAGS (${flags})`,
    readOnly ? '* OK [PERMANENTFLAGS ()] Read-only mailbox, no flag can be changed' : `* OK [PERMANENTFLAGS (${flags} \\*)] Flags that stay, \\* = new keywords too`,
  ];
}

/**
 * Which of these UIDs are \Recent for this session (RFC 3501 2.3.2): the first session of this
 * server to see them (the registry), and, where the store can tell (Maildir's new/), the first
 * of any process: a read-write SELECT takes them out of new/, so a second serve on the same
 * store does not report them again. EXAMINE changes nothing (RFC 3501 6.3.2): it only looks.
 */
async function recentAmong(
  services: ImapServices,
  mb: { account: string; name: string; readOnly: boolean; uidValidity: number },
  uids: readonly number[],
): Promise<number[]> {
  const { recent, store } = services;
  const fresh = mb.readOnly ? recent.peek(mb.account, mb.name, mb.uidValidity, uids) : recent.claim(mb.account, mb.name, mb.uidValidity, uids);
  if (!store.takeNew || fresh.length === 0) return fresh;
  return store.takeNew(mb.account, mb.name, fresh, !mb.readOnly);
}

/**
 * The store's messages with a UID above `after` (and not in `skip`) onto the columns: through
 * eachFact where the store has it (nothing made per message), else through list().
 */
async function readFacts(store: MailStore, account: string, name: string, after: number, cols: MessageColumns, skip?: ReadonlySet<number>): Promise<void> {
  const take = (uid: number, size: number, date: number, flags: readonly string[]): void => {
    if (uid > after && !skip?.has(uid)) cols.push(uid, size, date, flags);
  };
  if (store.eachFact) return store.eachFact(account, name, take);
  for (const m of await store.list(account, name)) take(m.uid, m.size, m.internalDate.getTime(), m.flags);
}

export class SelectedMailbox {
  private readonly recentUids: Set<number>;
  /** UIDs whose flags another session (or this one) changed since the client heard. */
  private readonly dirty = new Set<number>();
  /** UIDs expunged by another session, still numbered here until reported. */
  private readonly expunged = new Set<number>();
  private added = false;
  /** Keywords the client has heard in a FLAGS response: the ones in use at SELECT, and any since. */
  private readonly announced: Set<string>;
  private listener: (() => void) | null = null;
  private readonly unwatch: () => void;

  private constructor(
    private readonly services: ImapServices,
    readonly account: string,
    readonly name: string,
    readonly readOnly: boolean,
    readonly uidValidity: number,
    readonly uidNext: number,
    private readonly cols: MessageColumns,
    recent: readonly number[],
  ) {
    this.recentUids = new Set(recent);
    this.announced = new Set(this.keywords());
    this.unwatch = services.store.watch((change) => this.onChange(change));
  }

  /** Open `name` for `user`; throws NoSuchMailboxError / MailboxNameError from the store. */
  static async open(services: ImapServices, user: string, mailbox: string, readOnly: boolean): Promise<SelectedMailbox> {
    const account = canonicalAccount(user);
    const name = canonicalMailbox(mailbox);
    const status = await services.store.status(account, name);
    const cols = new MessageColumns();
    cols.reserve(status.messages);
    await readFacts(services.store, account, name, 0, cols);
    const recent = await recentAmong(services, { account, name, readOnly, uidValidity: status.uidValidity }, cols.uids());
    return new SelectedMailbox(services, account, name, readOnly, status.uidValidity, status.uidNext, cols, recent);
  }

  get exists(): number {
    return this.cols.count;
  }

  get recentCount(): number {
    return this.recentUids.size;
  }

  /** The next UID as known at SELECT, or one past the newest message seen since. */
  get predictedUidNext(): number {
    const n = this.cols.count;
    return Math.max(this.uidNext, n > 0 ? this.cols.uid(n - 1) + 1 : 1);
  }

  uids(): number[] {
    return this.cols.uids();
  }

  entryAt(seq: number): MessageEntry {
    if (!Number.isInteger(seq) || seq < 1 || seq > this.cols.count) throw new RangeError(`no message ${seq}`);
    return new EntryView(this.cols, seq - 1, this.cols.uid(seq - 1));
  }

  /** Sequence number of a UID, or null (binary search: UIDs ascend with sequence numbers). */
  seqOf(uid: number): number | null {
    const i = this.cols.indexOf(uid);
    return i < 0 ? null : i + 1;
  }

  /**
   * The messages a set names, ascending. UIDs that do not exist are simply left out
   * (RFC 3501 6.4.8); a message number past the end is an error (RFC 9051 6.4.5: BAD).
   */
  resolve(set: SequenceSet, byUid: boolean): Array<{ seq: number; entry: MessageEntry }> {
    return this.resolveSeqs(set, byUid).map((seq) => ({ seq, entry: this.entryAt(seq) }));
  }

  /**
   * The sequence numbers of resolve(), alone: a FETCH 1:* that makes each entry when it renders
   * it keeps 10,000 numbers alive while it works, not 10,000 entries (issue 19: memory).
   */
  resolveSeqs(set: SequenceSet, byUid: boolean): number[] {
    if (byUid) return resolveUids(set, this.uids()).map((uid) => this.seqOf(uid) as number);
    if (outOfRange(set, this.exists)) {
      throw new ProtocolSyntaxError(`the mailbox has ${this.exists} message(s): a message number in this set does not exist (use UIDs to be safe)`);
    }
    return resolveSequenceNumbers(set, this.exists);
  }

  /** Flags as this session shows them: the stored ones plus its own \Recent. */
  flagsOf(entry: MessageEntry): string[] {
    const flags = entry.flags;
    return this.recentUids.has(entry.uid) ? [...flags, '\\Recent'] : (flags as string[]);
  }

  /** Another session changed this message's flags and the client has not heard yet. */
  unreported(entry: MessageEntry): boolean {
    const i = this.rowOf(entry);
    return i >= 0 && this.cols.flagId(i) !== this.cols.toldId(i);
  }

  /** The client has now heard this message's current flags. */
  told(entry: MessageEntry): void {
    const i = this.rowOf(entry);
    if (i >= 0) this.cols.tell(i);
  }

  /** The row of an entry: its view knows it (no search per message of a FETCH 1:*). */
  private rowOf(entry: MessageEntry): number {
    return entry instanceof EntryView ? entry.row() : this.cols.indexOf(entry.uid);
  }

  /** Expunged by another session but still numbered here: its bytes are gone. */
  isGone(uid: number): boolean {
    return this.expunged.has(uid);
  }

  /** UIDs of the messages that carry this flag now (\\Deleted for EXPUNGE and CLOSE). */
  uidsWithFlag(flag: string): number[] {
    const has = this.cols.flagTable.having(flag);
    const out: number[] = [];
    for (let i = 0; i < this.cols.count; i++) if (has[this.cols.flagId(i)]) out.push(this.cols.uid(i));
    return out;
  }

  firstUnseen(): number | null {
    const seen = this.cols.flagTable.having('\\Seen');
    for (let i = 0; i < this.cols.count; i++) if (!seen[this.cols.flagId(i)]) return i + 1;
    return null;
  }

  /** Keywords in use, for the FLAGS response (RFC 3501 7.2.6). */
  keywords(): string[] {
    const used = new Set<number>();
    for (let i = 0; i < this.cols.count; i++) used.add(this.cols.flagId(i));
    return [...this.cols.flagTable.keywordsOf(used)].sort();
  }

  /** Keywords the client knows, for the FLAGS response at SELECT. */
  knownKeywords(): string[] {
    return [...this.announced].sort();
  }

  /**
   * RFC 3501 7.2.6: the FLAGS response says which flags the mailbox uses, so a keyword used for
   * the first time (by this session's STORE or APPEND, or another's) is announced with a new
   * FLAGS and PERMANENTFLAGS before the FETCH that shows it, as Dovecot does. [] when none is new.
   */
  announceKeywords(flags: Iterable<string>): string[] {
    let fresh = false;
    for (const f of flags) {
      if (f.startsWith('\\') || this.announced.has(f)) continue;
      this.announced.add(f);
      fresh = true;
    }
    return fresh ? flagsResponses(this.announced, this.readOnly) : [];
  }

  /**
   * This session expunged these UIDs itself: drop them and return the untagged EXPUNGE
   * lines, highest number first so no line changes the number of one still to come.
   */
  removeOwn(uids: readonly number[]): string[] {
    const drop = new Set(uids);
    const lines = uids
      .map((uid) => this.seqOf(uid))
      .filter((seq): seq is number => seq !== null)
      .sort((a, b) => b - a)
      .map((seq) => `* ${seq} EXPUNGE`);
    this.cols.remove(drop);
    for (const uid of uids) {
      this.expunged.delete(uid);
      this.dirty.delete(uid);
      this.recentUids.delete(uid);
    }
    return lines;
  }

  hasPending(): boolean {
    return this.added || this.expunged.size > 0 || [...this.dirty].some((uid) => this.isStale(uid));
  }

  /** Called (synchronously, from the store's watch) whenever something became pending. */
  onUpdate(listener: (() => void) | null): void {
    this.listener = listener;
  }

  /** Pending changes as untagged responses; expunges only when allowed (RFC 3501 7.4.1). */
  async updates(opts: { expunges: boolean }): Promise<string[]> {
    const out: string[] = [];
    if (opts.expunges && this.expunged.size > 0) out.push(...this.removeOwn([...this.expunged]));
    if (this.added) out.push(...(await this.loadAdded()));
    const fetches: string[] = [];
    const used: string[] = [];
    for (const uid of this.dirty) {
      const seq = this.seqOf(uid);
      if (seq === null) continue;
      const entry = this.entryAt(seq);
      if (!this.isStale(uid)) continue;
      this.told(entry);
      used.push(...entry.flags);
      fetches.push(`* ${seq} FETCH (FLAGS (${this.flagsOf(entry).join(' ')}))`);
    }
    this.dirty.clear();
    out.push(...this.announceKeywords(used), ...fetches);
    return out;
  }

  close(): void {
    this.unwatch();
    this.listener = null;
  }

  private isStale(uid: number): boolean {
    const i = this.cols.indexOf(uid);
    return i >= 0 && this.cols.flagId(i) !== this.cols.toldId(i);
  }

  private async loadAdded(): Promise<string[]> {
    this.added = false;
    const before = this.cols.count;
    const last = before > 0 ? this.cols.uid(before - 1) : 0;
    try {
      await readFacts(this.services.store, this.account, this.name, last, this.cols, this.expunged);
    } catch (err) {
      if (err instanceof NoSuchMailboxError) return [];
      throw err;
    }
    if (this.cols.count === before) return [];
    const uids: number[] = [];
    const used = new Set<number>();
    for (let i = before; i < this.cols.count; i++) {
      uids.push(this.cols.uid(i));
      used.add(this.cols.flagId(i));
    }
    for (const uid of await recentAmong(this.services, this, uids)) this.recentUids.add(uid);
    const flags = this.announceKeywords(this.cols.flagTable.keywordsOf(used));
    return [...flags, `* ${this.exists} EXISTS`, `* ${this.recentUids.size} RECENT`];
  }

  private onChange(change: StoreChange): void {
    if (change.kind === 'mailboxes' || change.account !== this.account || change.mailbox !== this.name) return;
    if (change.kind === 'added') this.added = true;
    else if (change.kind === 'expunged') for (const uid of change.uids) this.expunged.add(uid);
    else {
      const i = this.cols.indexOf(change.uid);
      if (i < 0) return;
      this.cols.setFlags(i, change.flags);
      this.dirty.add(change.uid);
    }
    this.listener?.();
  }
}
