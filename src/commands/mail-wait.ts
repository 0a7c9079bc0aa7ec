import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { ExitError, UsageError } from '../errors.js';
import { localize, type Lang } from '../i18n.js';
import { TRANSACTIONS_DIR } from '../mailstore/maildir/transaction-files.js';
import { matchesMail, type MailCriteria } from '../mailstore/match.js';
import { mailItems, type Located, type MailItem } from '../mailstore/transactions.js';
import type { MailStore } from '../mailstore/types.js';
import { MAIL_WAIT_DEFAULT_TIMEOUT_S, MAIL_WAIT_POLL_MS } from '../limits.js';
import { describe, showItem, stdoutIo, withStore, type MailIo } from './mail.js';
import { langOf, T } from './mail-texts.js';

/**
 * `l7lab mail wait`: for automated tests against `serve` on a Maildir. Prints the first
 * message that matches (as `mail show` would, or its --json) and succeeds, or fails with one
 * line at the timeout. Matches are case-insensitive substrings: --to of an envelope recipient
 * or a To/Cc address, --from of the envelope sender or the From header, --subject of the
 * decoded subject. A message already in the store counts, unless --new (only messages that
 * arrive after the wait began) or --since <date> (received at or after it).
 *
 * How it waits: fs.watch on the store's transaction directory (serve writes a file there for
 * every message, before its 250) wakes it at once; every MAIL_WAIT_POLL_MS it looks anyway,
 * for file systems where fs.watch says nothing.
 */
type Criteria = MailCriteria;

function timeoutOf(opts: Record<string, unknown>, lang: Lang): number {
  if (opts.timeout === undefined) return MAIL_WAIT_DEFAULT_TIMEOUT_S;
  const s = Number(opts.timeout);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(localize(T.badTimeout, lang, { value: String(opts.timeout) }));
  return s;
}

function sinceOf(opts: Record<string, unknown>, lang: Lang): Date | null {
  if (typeof opts.since !== 'string') return null;
  const d = new Date(opts.since);
  if (Number.isNaN(d.getTime())) throw new UsageError(localize(T.badSince, lang, { value: opts.since }));
  return d;
}

async function matches(store: MailStore, item: MailItem, c: Criteria): Promise<boolean> {
  // Removed meanwhile (POP3 DELE, `mail clear`): not a match.
  const d = await describe(store, item).catch(() => null);
  if (!d) return false;
  return matchesMail(d.summary, d.envelope?.envelope, c);
}

function timedOut(c: Criteria, lang: Lang, dir: string, s: number): ExitError {
  const parts = (['to', 'from', 'subject'] as const).filter((k) => c[k] !== undefined).map((k) => `--${k} "${c[k]}"`);
  if (parts.length === 0) return new ExitError(localize(T.waitTimeoutAny, lang, { dir, s }));
  return new ExitError(localize(T.waitTimeout, lang, { what: parts.join(' '), dir, s }));
}

/** Resolves when something changes under one of `dirs`, or after `ms`. */
function changeOrTimeout(dirs: string[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const watchers: FSWatcher[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const dir of dirs) {
      try {
        const w = watch(dir, done);
        w.on('error', () => undefined);
        watchers.push(w);
      } catch {
        // Not there (yet), or not watchable: the timer looks anyway.
      }
    }
  });
}

export async function runMailWait(opts: Record<string, unknown>, io: MailIo = stdoutIo): Promise<void> {
  const lang = langOf(opts);
  const timeout = timeoutOf(opts, lang);
  const since = sinceOf(opts, lang);
  const criteria: Criteria = {
    ...(typeof opts.to === 'string' ? { to: opts.to } : {}),
    ...(typeof opts.from === 'string' ? { from: opts.from } : {}),
    ...(typeof opts.subject === 'string' ? { subject: opts.subject } : {}),
  };
  const deadline = Date.now() + timeout * 1000;
  await withStore(opts, async (store, dir) => {
    // Items looked at already (and not matching): a message's bytes and envelope never change.
    const checked = new Set<string>();
    if (opts.new) for (const item of await mailItems(store)) checked.add(item.id);
    const watched = [join(dir, TRANSACTIONS_DIR), dir];
    for (;;) {
      for (const item of await mailItems(store)) {
        if (checked.has(item.id)) continue;
        checked.add(item.id);
        if (since && item.receivedAt < since) continue;
        if (!(await matches(store, item, criteria))) continue;
        const first = item.copies[0] as Located;
        const raw = await store.read(first.account, first.mailbox, first.meta.uid);
        return io.write(await showItem(store, item, raw, Boolean(opts.json), lang));
      }
      const left = deadline - Date.now();
      if (left <= 0) throw timedOut(criteria, lang, dir, timeout);
      await changeOrTimeout(watched.filter((d) => existsSync(d)), Math.min(left, MAIL_WAIT_POLL_MS));
    }
  });
}
