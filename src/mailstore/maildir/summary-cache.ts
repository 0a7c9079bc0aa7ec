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
 * after ":2," do, and they are not kept here). An envelope is written whole before its
 * message is visible and never rewritten; it is only ever removed, so an entry stands while
 * the envelope is there exactly when the entry says it was (one directory listing checks
 * them all). What other tools add is read and added; what they remove is dropped at the next
 * save. Written to a temporary name and renamed: a reader sees the old file or the new one.
 * A store this user cannot write is listed as before, without the cache.
 */
export const SUMMARY_CACHE_FILE = '.l7lab-summary-cache.json';

const VERSION = 1;

/** An envelope as kept: TransactionRecord without its id (the key's), the date in ms. */
interface KeptEnvelope {
  from: string;
  to: string[];
  receivedAt: number;
  size: number;
}

interface Entry {
  summary: MessageSummary;
  envelope: KeptEnvelope | null;
}

export interface Cached {
  summary: MessageSummary;
  envelope: TransactionRecord | null;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const SUMMARY_STRINGS = ['from', 'to', 'cc', 'subject', 'date', 'messageId'] as const;

function isSummary(v: unknown): v is MessageSummary {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return SUMMARY_STRINGS.every((k) => isString(s[k])) && isStrings(s.fromAddresses) && isStrings(s.recipientAddresses);
}

function isEnvelope(v: unknown): v is KeptEnvelope | null {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return isString(e.from) && isStrings(e.to) && Number.isFinite(e.receivedAt) && Number.isFinite(e.size);
}

/** The entries of a cache file; none when it is missing, unreadable or not this version's. */
function load(path: string): Map<string, Entry> {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; entries?: unknown };
    if (file.version !== VERSION || typeof file.entries !== 'object' || file.entries === null) return new Map();
    return new Map(Object.entries(file.entries as Record<string, Entry>));
  } catch {
    return new Map();
  }
}

/** The ids whose envelope file is there now; null when the directory cannot be read (then nothing cached with an envelope is trusted). */
function envelopeIds(root: string): Set<string> | null {
  try {
    const ids = new Set<string>();
    for (const name of readdirSync(`${root}${sep}${TRANSACTIONS_DIR}`)) if (name.endsWith('.envelope.json')) ids.add(name.slice(0, -'.envelope.json'.length));
    return ids;
  } catch {
    return null;
  }
}

export class SummaryCache {
  private readonly kept: Map<string, Entry>;
  private readonly used = new Map<string, Entry>();
  private readonly envelopes: Set<string> | null;
  private added = 0;

  private constructor(private readonly path: string, root: string) {
    this.kept = load(path);
    this.envelopes = envelopeIds(root);
  }

  /** The cache of the Maildir store at `root` (normalized, as MaildirStore.root is). */
  static open(root: string): SummaryCache {
    return new SummaryCache(`${root}${sep}${SUMMARY_CACHE_FILE}`, root);
  }

  /** The key of a message: its place, UID and id (see above). */
  static key(account: string, mailbox: string, uid: number, id: string): string {
    return `${account}\0${mailbox}\0${uid}\0${id}`;
  }

  /** What was kept for the message, if it still stands. */
  get(key: string, id: string): Cached | null {
    const entry = this.kept.get(key);
    if (!entry || !isSummary(entry.summary) || !isEnvelope(entry.envelope)) return null;
    if (this.envelopes === null ? entry.envelope !== null : (entry.envelope !== null) !== this.envelopes.has(id)) return null;
    this.used.set(key, entry);
    const e = entry.envelope;
    return { summary: entry.summary, envelope: e && { id, envelope: { from: e.from, to: e.to }, receivedAt: new Date(e.receivedAt), size: e.size } };
  }

  /** Keep what was read of a message (for the next list). */
  set(key: string, read: Cached): void {
    const e = read.envelope;
    const envelope = e && { from: e.envelope.from, to: e.envelope.to, receivedAt: e.receivedAt.getTime(), size: e.size };
    this.used.set(key, { summary: read.summary, envelope });
    this.added++;
  }

  /** Writes the entries used by this list when they differ from the file's: messages added or gone. */
  save(): void {
    if (this.added === 0 && this.used.size === this.kept.size) return;
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ version: VERSION, entries: Object.fromEntries(this.used) }), { mode: 0o600 });
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
