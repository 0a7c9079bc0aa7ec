import { localize, pick, type Lang } from '../i18n.js';
import { envelopeView, ENVELOPE_MARK } from '../mailstore/envelope-view.js';
import { formatSize } from '../mailstore/inspect.js';
import { isItemRead, mailItems, type Located, type MailItem } from '../mailstore/transactions.js';
import { MaildirStore } from '../mailstore/maildir/store.js';
import { SummaryCache } from '../mailstore/maildir/summary-cache.js';
import type { MailStore } from '../mailstore/types.js';
import { columnsLine } from '../ui/tables.js';
import { theme } from '../ui/theme.js';
import { displayWidth, truncate } from '../ui/width.js';
import { describe, describeNow, listJson, p2, stdoutIo, withStore, type Described, type MailIo } from './mail.js';
import { langOf, T } from './mail-texts.js';

/**
 * `l7lab mail list`: one row per SMTP transaction, its first copy's header summary
 * (header-summary.ts, a bounded read of each message) beside the envelope kept with it.
 * Issue 19 holds it to 3x `node -e 0` on 1,000 messages: the work per message is kept to what
 * the columns print, rows are printed as they come rather than kept, and on a Maildir what a
 * list read of each message is kept for the next (maildir/summary-cache.ts).
 */

/** The list's short form (the year is in --json and `show`). */
function shortDate(d: Date): string {
  return `${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}`;
}

/** Whitespace oneLine changes: any but a space, two in a row, or at either end. */
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/;
/** One line of single spaces; a cell that is one already (nearly all) is kept, not copied. */
const oneLine = (s: string) => (UNEVEN_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s);

/** An item's row: at once (a cached row, a Maildir read) or when its reads are done. */
type DescribeOne = (item: MailItem) => Described | Promise<Described>;

/** Reads at once for `list`: enough to keep the disk busy, few enough not to hold every file open. */
const LIST_CONCURRENCY = 16;

/**
 * Every item described, at most LIST_CONCURRENCY reads waited for at a time, and handed to
 * `each` in order as soon as it and those before it are: a list keeps the lines it prints, not
 * every message's summary and envelope until the last is read (what V8's young-generation
 * collections copied). A row described at once is not awaited: a Maildir list runs in one loop.
 */
export async function eachDescribed(store: MailStore, items: readonly MailItem[], each: (d: Described) => void, describeOne: DescribeOne = (item) => describe(store, item)): Promise<void> {
  // The rows not handed over yet, in order: described, or being described.
  const ahead: Array<Described | Promise<Described>> = [];
  for (const item of items) {
    const d = describeOne(item);
    // Waited for below, perhaps after it failed: handled now, so its failure is not reported as unhandled.
    if (d instanceof Promise) d.catch(() => undefined);
    ahead.push(d);
    for (let first = ahead[0]; first !== undefined && !(first instanceof Promise); first = ahead[0]) each(ahead.shift() as Described);
    if (ahead.length >= LIST_CONCURRENCY) each(await (ahead.shift() as Promise<Described>));
  }
  for (const d of ahead) each(await d);
}

/** Every item described, in order. */
export async function describeAll(store: MailStore, items: readonly MailItem[], describeOne?: DescribeOne): Promise<Described[]> {
  const rows: Described[] = [];
  await eachDescribed(store, items, (d) => rows.push(d), describeOne);
  return rows;
}

/**
 * `run` with describe() through the Maildir's summary cache (maildir/summary-cache.ts): what
 * a list read of each message is kept for the next one, and saved once the list is done.
 */
async function cachedDescribe<R>(store: MailStore, run: (describeOne: DescribeOne) => Promise<R>): Promise<R> {
  if (!(store instanceof MaildirStore)) return run((item) => describe(store, item));
  const cache = SummaryCache.open(store.root);
  const keep = (d: Described) => {
    const { account, mailbox, meta } = d.item.copies[0] as Located;
    cache.set(account, mailbox, meta.uid, d.item.id, d);
    return d;
  };
  const result = await run((item) => {
    const { account, mailbox, meta } = item.copies[0] as Located;
    const kept = cache.get(account, mailbox, meta.uid, item.id);
    if (kept) return { item, ...kept };
    const now = describeNow(store, item);
    return now ? keep(now) : describe(store, item).then(keep);
  });
  cache.save();
  return result;
}

/** id, date, size and read are fixed; from, to and subject share the rest of the width. */
function listWidths(columns: number): number[] {
  const fixed = [12, 11, 8, 4];
  const gaps = 2 * 6;
  const flexible = Math.max(24, columns - fixed.reduce((a, b) => a + b, 0) - gaps);
  const from = Math.floor(flexible * 0.3);
  const to = Math.floor(flexible * 0.3);
  return [12, 11, from, to, flexible - from - to, 8, 4];
}

/**
 * The recipients cell. When it is too narrow for all of them, the count of envelope-only
 * recipients cut off stays at its end (`…+2`), so a Bcc never disappears from the list.
 */
export function recipientsCell(to: string, envelopeOnly: readonly string[], width: number): string {
  if (displayWidth(to) <= width) return to;
  const hidden = envelopeOnly.filter((r) => !truncate(to, width - 3).includes(`${ENVELOPE_MARK}${r}`)).length;
  if (hidden === 0) return truncate(to, width);
  const tail = `${ENVELOPE_MARK}${hidden}`;
  return `${truncate(to, Math.max(1, width - tail.length)).replace(/…?$/, '…')}${tail}`;
}

export async function runMailList(opts: Record<string, unknown>, io: MailIo = stdoutIo): Promise<void> {
  const lang = langOf(opts);
  await withStore(opts, async (store, dir) => {
    const items = await mailItems(store);
    if (items.length === 0) return io.write(opts.json ? '[]\n' : `${localize(T.empty, lang, { dir })}\n`);
    const text = await cachedDescribe(store, async (describeOne) =>
      opts.json ? `${JSON.stringify((await describeAll(store, items, describeOne)).map(listJson), null, 2)}\n` : listTable(store, items, describeOne, lang, dir, io.columns ?? terminalColumns()),
    );
    io.write(text);
  });
}

async function listTable(store: MailStore, items: readonly MailItem[], describeOne: DescribeOne, lang: Lang, dir: string, columns: number): Promise<string> {
  const widths = listWidths(columns);
  const lines = [columnsLine(T.head[lang].map((h) => theme.bold(h)), widths)];
  let marked = false;
  await eachDescribed(store, items, ({ item, summary: s, envelope }) => {
    const view = envelopeView(s, envelope?.envelope ?? null);
    marked ||= view.senderDiffers || view.envelopeOnly.length > 0;
    const read = isItemRead(item);
    const size = formatSize((item.copies[0] as Located).meta.size);
    const cells = [read ? item.id : theme.bold(item.id), shortDate(item.receivedAt), oneLine(view.from), recipientsCell(oneLine(view.to), view.envelopeOnly, widths[3] as number), oneLine(s.subject), size, read ? theme.dim(pick(T.yes, lang)) : pick(T.no, lang)];
    lines.push(columnsLine(cells, widths));
  }, describeOne);
  const unread = items.filter((i) => !isItemRead(i)).length;
  const footer = [localize(T.footer, lang, { n: items.length, unread, dir }), ...(marked ? [pick(T.legend, lang)] : [])];
  return `${lines.join('\n')}\n${theme.dim(footer.join('\n'))}\n`;
}

/** The terminal's width; when stdout is not one, $COLUMNS if set (as `ls` does), else 80. */
function terminalColumns(): number {
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 40 ? env : 80;
}
