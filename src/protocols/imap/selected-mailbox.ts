import { canonicalAccount, canonicalMailbox } from '../../mailstore/names.js';
import { sameFlags } from '../../mailstore/flags.js';
import { NoSuchMailboxError, SYSTEM_FLAGS, type MessageMeta, type StoreChange } from '../../mailstore/types.js';
import { ProtocolSyntaxError } from '../errors.js';
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
  /** The flags as the store has them now (kept current from watch()). */
  flags: string[];
  /**
   * The flags as this session's client last heard them. The same array as `flags` while
   * nothing changed (a reference check, no copy per message on a big mailbox).
   */
  told: readonly string[];
}

function differ(a: readonly string[], b: readonly string[]): boolean {
  return a !== b && !sameFlags(a, b);
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

function entryOf(m: MessageMeta): MessageEntry {
  return { uid: m.uid, size: m.size, internalDate: m.internalDate, flags: m.flags, told: m.flags };
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

export class SelectedMailbox {
  private entries: MessageEntry[];
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
    metas: MessageMeta[],
    recent: readonly number[],
  ) {
    this.entries = metas.map(entryOf);
    this.recentUids = new Set(recent);
    this.announced = new Set(this.keywords());
    this.unwatch = services.store.watch((change) => this.onChange(change));
  }

  /** Open `name` for `user`; throws NoSuchMailboxError / MailboxNameError from the store. */
  static async open(services: ImapServices, user: string, mailbox: string, readOnly: boolean): Promise<SelectedMailbox> {
    const account = canonicalAccount(user);
    const name = canonicalMailbox(mailbox);
    const status = await services.store.status(account, name);
    const metas = await services.store.list(account, name);
    const recent = await recentAmong(services, { account, name, readOnly, uidValidity: status.uidValidity }, metas.map((m) => m.uid));
    return new SelectedMailbox(services, account, name, readOnly, status.uidValidity, status.uidNext, metas, recent);
  }

  get exists(): number {
    return this.entries.length;
  }

  get recentCount(): number {
    return this.recentUids.size;
  }

  /** The next UID as known at SELECT, or one past the newest message seen since. */
  get predictedUidNext(): number {
    const last = this.entries[this.entries.length - 1];
    return Math.max(this.uidNext, last ? last.uid + 1 : 1);
  }

  uids(): number[] {
    return this.entries.map((e) => e.uid);
  }

  entryAt(seq: number): MessageEntry {
    const e = this.entries[seq - 1];
    if (!e) throw new RangeError(`no message ${seq}`);
    return e;
  }

  /** Sequence number of a UID, or null (binary search: UIDs ascend with sequence numbers). */
  seqOf(uid: number): number | null {
    let lo = 0;
    let hi = this.entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const u = (this.entries[mid] as MessageEntry).uid;
      if (u === uid) return mid + 1;
      if (u < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /**
   * The messages a set names, ascending. UIDs that do not exist are simply left out
   * (RFC 3501 6.4.8); a message number past the end is an error (RFC 9051 6.4.5: BAD).
   */
  resolve(set: SequenceSet, byUid: boolean): Array<{ seq: number; entry: MessageEntry }> {
    if (byUid) {
      return resolveUids(set, this.uids()).map((uid) => {
        const seq = this.seqOf(uid) as number;
        return { seq, entry: this.entryAt(seq) };
      });
    }
    if (outOfRange(set, this.exists)) {
      throw new ProtocolSyntaxError(`the mailbox has ${this.exists} message(s): a message number in this set does not exist (use UIDs to be safe)`);
    }
    return resolveSequenceNumbers(set, this.exists).map((seq) => ({ seq, entry: this.entryAt(seq) }));
  }

  /** Flags as this session shows them: the stored ones plus its own \Recent. */
  flagsOf(entry: MessageEntry): string[] {
    return this.recentUids.has(entry.uid) ? [...entry.flags, '\\Recent'] : entry.flags;
  }

  /** Another session changed this message's flags and the client has not heard yet. */
  unreported(entry: MessageEntry): boolean {
    return differ(entry.told, entry.flags);
  }

  /** The client has now heard this message's current flags. */
  told(entry: MessageEntry): void {
    entry.told = entry.flags;
  }

  /** Expunged by another session but still numbered here: its bytes are gone. */
  isGone(uid: number): boolean {
    return this.expunged.has(uid);
  }

  /** UIDs of the messages that carry this flag now (\\Deleted for EXPUNGE and CLOSE). */
  uidsWithFlag(flag: string): number[] {
    return this.entries.filter((e) => e.flags.includes(flag)).map((e) => e.uid);
  }

  firstUnseen(): number | null {
    const i = this.entries.findIndex((e) => !e.flags.includes('\\Seen'));
    return i < 0 ? null : i + 1;
  }

  /** Keywords in use, for the FLAGS response (RFC 3501 7.2.6). */
  keywords(): string[] {
    const set = new Set<string>();
    for (const e of this.entries) for (const f of e.flags) if (!f.startsWith('\\')) set.add(f);
    return [...set].sort();
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
    this.entries = this.entries.filter((e) => !drop.has(e.uid));
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
    const seq = this.seqOf(uid);
    if (seq === null) return false;
    const e = this.entryAt(seq);
    return differ(e.told, e.flags);
  }

  private async loadAdded(): Promise<string[]> {
    this.added = false;
    let metas: MessageMeta[];
    try {
      metas = await this.services.store.list(this.account, this.name);
    } catch (err) {
      if (err instanceof NoSuchMailboxError) return [];
      throw err;
    }
    const last = this.entries[this.entries.length - 1]?.uid ?? 0;
    const fresh = metas.filter((m) => m.uid > last && !this.expunged.has(m.uid));
    if (fresh.length === 0) return [];
    this.entries.push(...fresh.map(entryOf));
    const uids = fresh.map((m) => m.uid);
    for (const uid of await recentAmong(this.services, this, uids)) this.recentUids.add(uid);
    const flags = this.announceKeywords(fresh.flatMap((m) => m.flags));
    return [...flags, `* ${this.exists} EXISTS`, `* ${this.recentUids.size} RECENT`];
  }

  private onChange(change: StoreChange): void {
    if (change.kind === 'mailboxes' || change.account !== this.account || change.mailbox !== this.name) return;
    if (change.kind === 'added') this.added = true;
    else if (change.kind === 'expunged') for (const uid of change.uids) this.expunged.add(uid);
    else {
      const seq = this.seqOf(change.uid);
      if (seq === null) return;
      const entry = this.entryAt(seq);
      if (differ(entry.flags, change.flags)) entry.flags = [...change.flags];
      this.dirty.add(change.uid);
    }
    this.listener?.();
  }
}
