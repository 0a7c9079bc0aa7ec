import { ExitError, UsageError } from '../errors.js';
import { localize, pick, type Lang } from '../i18n.js';
import { openStore, storeDirOf } from '../mailstore/open.js';
import { INBOX } from '../mailstore/names.js';
import { isItemRead, mailItems, type Located, type MailItem } from '../mailstore/transactions.js';
import type { MailStore, TransactionRecord } from '../mailstore/types.js';
import type { Prompts } from '../ui/prompts.js';
import { ENVELOPE_MARK, envelopeView } from '../mailstore/envelope-view.js';
import { formatSize, headerComplete, inspect, summarize, summarizeNow, type MessageContent, type MessageSummary } from '../mailstore/inspect.js';
import type { MaildirStore } from '../mailstore/maildir/store.js';
import { langOf, T } from './mail-texts.js';

/**
 * `l7lab mail list|show|clear` (`list` in mail-list.ts, `wait` in mail-wait.ts): what the mock servers captured, read
 * straight from the Maildir that `serve` writes (it may be running: the store copes with two
 * processes). One SMTP transaction is one item, however many accounts got a copy; its
 * envelope is shown beside the header. MIME decoding is mailparser's (mailstore/inspect.ts);
 * `list` reads only each header, with header-summary.ts. chalk, cli-table3 and mailparser load
 * only when needed, so `--json` and `--raw` start fast.
 */
export interface MailIo {
  write: (text: string | Buffer) => void;
  /** Asked before `clear` deletes anything; only when interactive. */
  prompts?: Prompts;
  interactive?: boolean;
  /** Terminal width for `list` (default: stdout's, 80 when it is not a terminal). */
  columns?: number;
}

export const stdoutIo: MailIo = { write: (text) => void process.stdout.write(text) };

export async function withStore<R>(opts: Record<string, unknown>, run: (store: MailStore, dir: string) => Promise<R>): Promise<R> {
  const dir = storeDirOf(typeof opts.store === 'string' ? { dir: opts.store } : {});
  const store = openStore({ dir });
  try {
    return await run(store, dir);
  } finally {
    await store.close();
  }
}

const boxOf = (m: Located) => (m.mailbox === INBOX ? m.account : `${m.account}/${m.mailbox}`);


export const p2 = (n: number) => String(n).padStart(2, '0');

/** Local time, to the minute: when the lab received it. */
export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}`;
}

/** A listed item: its first copy's header summary and the envelope kept with it. */
export interface Described {
  item: MailItem;
  summary: MessageSummary;
  envelope: TransactionRecord | null;
}

/** How much of a message `list` reads for its header at first; a longer header is read whole. */
const HEAD_READ = 16 * 1024;

/** The first copy's header: one bounded read when the store can, the whole message when the header goes on past it. */
async function headOf(store: MailStore, first: Located): Promise<Buffer> {
  const { account, mailbox, meta } = first;
  const head = store.readHead ? await store.readHead(account, mailbox, meta.uid, HEAD_READ) : null;
  return head && headerComplete(head, HEAD_READ) ? head : store.read(account, mailbox, meta.uid);
}

/**
 * An item's header summary and envelope. inspect.ts is light (it loads header-summary.ts and
 * mailparser itself, when first needed), so it is imported as any module is.
 */
export async function describe(store: MailStore, item: MailItem): Promise<Described> {
  const summary = await summarize(await headOf(store, item.copies[0] as Located));
  return { item, summary, envelope: await store.transaction(item.id) };
}

/**
 * describe() at once, without a promise: a Maildir list reads each file with one blocking call
 * anyway, and a thousand awaits were garbage and trips through the microtask queue. Null when
 * describe() must do it (a file the folder does not know yet, a header longer than HEAD_READ,
 * a module to load first, a header that is mailparser's).
 */
export function describeNow(store: MaildirStore, item: MailItem): Described | null {
  const { account, mailbox, meta } = item.copies[0] as Located;
  const head = store.readHeadNow(account, mailbox, meta.uid, HEAD_READ);
  const summary = head && headerComplete(head, HEAD_READ) ? summarizeNow(head) : null;
  return summary && { item, summary, envelope: store.transactionNow(item.id) };
}

export function listJson(d: Described): Record<string, unknown> {
  const { item, summary: s, envelope } = d;
  const first = item.copies[0] as Located;
  const view = envelopeView(s, envelope?.envelope ?? null);
  return {
    id: item.id,
    account: first.account,
    mailbox: first.mailbox,
    uid: first.meta.uid,
    date: item.receivedAt.toISOString(),
    size: first.meta.size,
    flags: first.meta.flags,
    read: isItemRead(item),
    from: s.from,
    to: s.to,
    subject: s.subject,
    messageId: s.messageId,
    envelope: envelope ? { from: envelope.envelope.from, to: envelope.envelope.to } : null,
    envelopeOnly: view.envelopeOnly,
    copies: item.copies.map((c) => ({ account: c.account, mailbox: c.mailbox, uid: c.meta.uid, flags: c.meta.flags })),
  };
}

/** An exact id, or a unique prefix of one (as git takes object ids). */
async function locate(store: MailStore, id: string, dir: string, lang: Lang): Promise<MailItem> {
  const items = await mailItems(store);
  const exact = items.find((i) => i.id === id);
  if (exact) return exact;
  const matches = id.length > 0 ? items.filter((i) => i.id.startsWith(id)) : [];
  if (matches.length === 1) return matches[0] as MailItem;
  if (matches.length > 1) throw new ExitError(localize(T.ambiguous, lang, { id, n: matches.length }));
  throw new ExitError(localize(T.unknownId, lang, { id, dir }));
}

export async function runMailShow(id: string, opts: Record<string, unknown>, io: MailIo = stdoutIo): Promise<void> {
  const lang = langOf(opts);
  if (opts.raw && (opts.json || opts.transcript || opts.structure)) throw new UsageError('mail show: --raw prints the bytes alone; it goes without --json, --transcript and --structure');
  if (opts.structure && opts.transcript) throw new UsageError('mail show: --structure and --transcript are two views; pick one');
  await withStore(opts, async (store, dir) => {
    const item = await locate(store, id.trim(), dir, lang);
    if (opts.transcript) {
      const { showTranscript } = await import('./mail-transcript.js');
      return io.write(await showTranscript(store, item.id, Boolean(opts.json), lang));
    }
    const first = item.copies[0] as Located;
    const raw = await store.read(first.account, first.mailbox, first.meta.uid);
    if (opts.raw) return io.write(raw);
    if (opts.structure) {
      const { showStructure } = await import('./mail-structure.js');
      return io.write(showStructure(item.id, raw, Boolean(opts.json), lang));
    }
    io.write(await showItem(store, item, raw, Boolean(opts.json), lang));
  });
}

/** `show`'s output for one item (also what `mail wait` prints when a match arrives). */
export async function showItem(store: MailStore, item: MailItem, raw: Buffer, json: boolean, lang: Lang): Promise<string> {
  const { findLinks } = await import('../mailstore/links.js');
  const content = await inspect(raw);
  const envelope = await store.transaction(item.id);
  const d: Described = { item, summary: content, envelope };
  if (!json) return renderShown(d, content, lang);
  const { text, textFromHtml, hasHtml, html, attachments, cc, date, headers } = content;
  const links = findLinks(text, html);
  return `${JSON.stringify({ ...listJson(d), cc, headerDate: date, headers, text, textFromHtml, hasHtml, html, attachments, links }, null, 2)}\n`;
}

async function renderShown(d: Described, c: MessageContent, lang: Lang): Promise<string> {
  const { theme } = await import('../ui/theme.js');
  const label = (k: string) => theme.bold(k.padEnd(12));
  const fields: Array<[string, string]> = [
    ['From:', c.from],
    ['To:', c.to],
    ['Cc:', c.cc],
    ['Subject:', c.subject],
    ['Date:', c.date],
    ['Message-ID:', c.messageId],
  ];
  const lines = fields.filter(([, v]) => v.length > 0).map(([k, v]) => `${label(k)}${v}`);
  lines.push(...envelopeLines(d, c, lang, label, theme.dim));
  const { item } = d;
  const read = pick(isItemRead(item) ? T.seen : T.unseen, lang);
  const boxes = item.copies.map((m) => `${boxOf(m)} UID ${m.meta.uid}`).join(', ');
  const about = { id: item.id, boxes, size: formatSize((item.copies[0] as Located).meta.size), date: formatDate(item.receivedAt), read };
  lines.push(theme.dim(localize(T.about, lang, about)), '');
  lines.push(c.text.length > 0 ? c.text.replace(/\s+$/, '') : theme.dim(pick(T.noText, lang)));
  if (c.textFromHtml) lines.push('', theme.dim(pick(T.fromHtml, lang)));
  else if (c.hasHtml) lines.push('', theme.dim(pick(T.alsoHtml, lang)));
  if (c.attachments.length > 0) {
    lines.push('', theme.heading(pick(T.attachments, lang)));
    for (const a of c.attachments) lines.push(`  ${a.filename ?? pick(T.unnamed, lang)}  ${theme.dim(a.contentType)}  ${formatSize(a.size)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** MAIL FROM and RCPT TO as the client sent them (RFC 5321 4.1.1.2, 4.1.1.3), and what the header leaves out. */
function envelopeLines(d: Described, c: MessageSummary, lang: Lang, label: (k: string) => string, dim: (s: string) => string): string[] {
  if (!d.envelope) return [dim(pick(T.noEnvelope, lang))];
  const env = d.envelope.envelope;
  const view = envelopeView(c, env);
  const pad = ' '.repeat(12);
  // A field name, like From: and To:, the same in every language.
  const out = [`${label('Envelope:')}MAIL FROM:<${env.from}>`, `${pad}RCPT TO:${env.to.map((r) => `<${r}>`).join(' ')}`];
  if (view.envelopeOnly.length > 0) out.push(`${pad}${localize(T.bcc, lang, { list: view.envelopeOnly.join(', ') })}`);
  if (view.senderDiffers && c.from.length > 0) out.push(`${pad}${dim(pick(T.senderDiffers, lang))}`);
  return out;
}

export async function runMailClear(opts: Record<string, unknown>, io?: MailIo): Promise<void> {
  const lang = langOf(opts);
  const out = io ?? (await terminalIo());
  await withStore(opts, async (store, dir) => {
    const before = await mailItems(store);
    if (before.length === 0) return out.write(`${localize(T.nothing, lang, { dir })}\n`);
    if (!opts.yes) {
      if (!out.interactive || !out.prompts) throw new UsageError(pick(T.needYes, lang));
      if (!(await out.prompts.confirm(localize(T.confirm, lang, { n: before.length, dir }), false))) return out.write(`${pick(T.kept, lang)}\n`);
    }
    // Count what clear() really removed, one per transaction (serve may deliver meanwhile).
    const idOf = new Map(before.flatMap((i) => i.copies.map((c) => [`${c.account}\0${c.mailbox}\0${c.meta.uid}`, i.id] as const)));
    const removed = new Set<string>();
    const stop = store.watch((c) => {
      if (c.kind === 'expunged') for (const uid of c.uids) removed.add(idOf.get(`${c.account}\0${c.mailbox}\0${uid}`) ?? `${c.account}\0${c.mailbox}\0${uid}`);
    });
    await store.clear();
    stop();
    out.write(`${localize(T.removed, lang, { n: removed.size, dir })}\n`);
  });
}

async function terminalIo(): Promise<MailIo> {
  const { isInteractive, terminalPrompts } = await import('../ui/prompts.js');
  return { ...stdoutIo, interactive: isInteractive(), prompts: terminalPrompts() };
}
