import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { sep } from 'node:path';
import type { MessageSummary } from '../header-summary.js';
import type { TransactionRecord } from '../types.js';
import { TRANSACTIONS_DIR } from './transaction-files.js';

/**
 * What `l7lab mail list` read of each message (its header summary and its envelope), kept
 * in one file in the store's root so the next list reads one file instead of two per message
 * (issue 19: 2,000 opens and a header parse each were a fifth of the list's time). Dovecot
 * keeps the same kind of thing in dovecot.index.cache.
 *
 * Exact because what it is keyed by never changes: a message is named by its account,
 * mailbox, UID and id. A UID names one message for as long as the mailbox's UIDVALIDITY
 * stands (RFC 3501 2.3.1.1) and the id is the hash of the file's unique name, under which a
 * Maildir message's bytes never change (https://cr.yp.to/proto/maildir.html: only the flags
 * after ":2," do, and they are not kept here). An envelope is written whole and fsynced
 * before its message is visible, and never changed after (what a delivery keeps later, the
 * transcript, is not part of it); its file is only ever removed, so an entry stands while the
 * envelope file is there exactly when the entry says it was (one directory listing checks
 * them all). What other tools add is read and added; what they remove is dropped at the next
 * save. Written to a temporary name and renamed: a reader sees the old file or the new one.
 * A store this user cannot write is listed as before, without the cache.
 */
export const SUMMARY_CACHE_FILE = '.l7lab-summary-cache.json';

const VERSION = 2;

/**
 * One message as kept, an array to keep the file small (1,000 messages are about 200 KB):
 * the MessageSummary's fields in order, then the envelope, `[from, to, receivedAt ms, size]`
 * (TransactionRecord without the id, which is the key's), or null.
 */
type Row = [string, string, string, string, string, string, string[], string[], [string, string[], number, number] | null];

/** account -> mailbox -> `<uid>.<id>` -> row, as in the file. */
type Folders = Record<string, Record<string, Record<string, Row>>>;

export interface Cached {
  summary: MessageSummary;
  envelope: TransactionRecord | null;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isEnvelope(v: unknown): v is Row[8] {
  return v === null || (Array.isArray(v) && v.length === 4 && isString(v[0]) && isStrings(v[1]) && Number.isFinite(v[2]) && Number.isFinite(v[3]));
}

function isRow(v: unknown): v is Row {
  if (!Array.isArray(v) || v.length !== 9) return false;
  for (let i = 0; i < 6; i++) if (!isString(v[i])) return false;
  return isStrings(v[6]) && isStrings(v[7]) && isEnvelope(v[8]);
}

function rowOf({ summary: s, envelope: e }: Cached): Row {
  const envelope: Row[8] = e && [e.envelope.from, e.envelope.to, e.receivedAt.getTime(), e.size];
  return [s.from, s.to, s.cc, s.subject, s.date, s.messageId, s.fromAddresses, s.recipientAddresses, envelope];
}

function cachedOf(row: Row, id: string): Cached {
  const [from, to, cc, subject, date, messageId, fromAddresses, recipientAddresses, e] = row;
  const envelope = e && { id, envelope: { from: e[0], to: e[1] }, receivedAt: new Date(e[2]), size: e[3] };
  return { summary: { from, to, cc, subject, date, messageId, fromAddresses, recipientAddresses }, envelope };
}

/** The folders of a cache file; none when it is missing, unreadable or not this version's. */
function load(path: string): Folders {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; folders?: unknown };
    return file.version === VERSION && typeof file.folders === 'object' && file.folders !== null ? (file.folders as Folders) : {};
  } catch {
    return {};
  }
}

/** The ids whose envelope file is there now; null when the directory cannot be read (then nothing kept with an envelope stands). */
function envelopeIds(root: string): Set<string> | null {
  const suffix = '.envelope.json';
  try {
    const ids = new Set<string>();
    for (const name of readdirSync(`${root}${sep}${TRANSACTIONS_DIR}`)) if (name.endsWith(suffix)) ids.add(name.slice(0, -suffix.length));
    return ids;
  } catch {
    return null;
  }
}

/** o[key] when o is an object that has it (a hand-edited file may hold anything). */
const own = <T>(o: Record<string, T> | undefined, key: string): T | undefined => (typeof o === 'object' && o !== null && Object.hasOwn(o, key) ? o[key] : undefined);

export class SummaryCache {
  private readonly kept: Folders;
  private readonly used: Folders = Object.create(null) as Folders;
  private readonly envelopes: Set<string> | null;
  private keptCount = 0;
  private usedCount = 0;
  private added = 0;

  private constructor(private readonly path: string, root: string) {
    this.kept = load(path);
    for (const account of Object.values(this.kept)) for (const mailbox of Object.values(account ?? {})) this.keptCount += Object.keys(mailbox ?? {}).length;
    this.envelopes = envelopeIds(root);
  }

  /** The cache of the Maildir store at `root` (normalized, as MaildirStore.root is). */
  static open(root: string): SummaryCache {
    return new SummaryCache(`${root}${sep}${SUMMARY_CACHE_FILE}`, root);
  }

  /** What was kept for the message, if it still stands. */
  get(account: string, mailbox: string, uid: number, id: string): Cached | null {
    const row = own(own(own(this.kept, account), mailbox), `${uid}.${id}`);
    if (!isRow(row)) return null;
    const withEnvelope = row[8] !== null;
    if (this.envelopes === null ? withEnvelope : withEnvelope !== this.envelopes.has(id)) return null;
    this.use(account, mailbox, `${uid}.${id}`, row);
    return cachedOf(row, id);
  }

  /** Keep what was read of a message (for the next list). */
  set(account: string, mailbox: string, uid: number, id: string, read: Cached): void {
    this.use(account, mailbox, `${uid}.${id}`, rowOf(read));
    this.added++;
  }

  private use(account: string, mailbox: string, key: string, row: Row): void {
    const folders = (this.used[account] ??= Object.create(null) as Folders[string]);
    const rows = (folders[mailbox] ??= Object.create(null) as Folders[string][string]);
    if (!Object.hasOwn(rows, key)) this.usedCount++;
    rows[key] = row;
  }

  /** Writes the entries this list used when they differ from the file's: messages added or gone. */
  save(): void {
    if (this.added === 0 && this.usedCount === this.keptCount) return;
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ version: VERSION, folders: this.used }), { mode: 0o600 });
      renameSync(tmp, this.path);
    } catch {
      // Not ours to write (another user's store, a read-only disk): the list was right without it.
      try {
        unlinkSync(tmp);
      } catch {
        // Never written.
      }
    }
  }
}
