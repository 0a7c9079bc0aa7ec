import { ExitError, UsageError } from '../errors.js';
import { fill, parseLang, pick, type Lang, type Localized } from '../i18n.js';
import type { MessageContent, MessageSummary } from '../mailstore/inspect.js';
import { openStore, storeDirOf } from '../mailstore/open.js';
import { INBOX } from '../mailstore/names.js';
import type { MailStore, MessageMeta } from '../mailstore/types.js';
import type { Prompts } from '../ui/prompts.js';

/**
 * `l7lab mail list|show|clear`: what the mock servers captured, read straight from the Maildir
 * that `serve` writes (it may be running: the store copes with two processes). MIME decoding is
 * mailparser's (mailstore/inspect.ts). chalk, cli-table3 and mailparser load only when needed,
 * so `--json` and `--raw` start fast.
 */
export interface MailIo {
  write: (text: string | Buffer) => void;
  /** Asked before `clear` deletes anything; only when interactive. */
  prompts?: Prompts;
  interactive?: boolean;
}

interface Located {
  account: string;
  mailbox: string;
  meta: MessageMeta;
}

const T = {
  head: { en: ['id', 'received', 'mailbox', 'from', 'to', 'subject', 'size', 'read'], ja: ['ID', '受信日時', 'メールボックス', '差出人', '宛先', '件名', 'サイズ', '既読'] },
  yes: { en: 'yes', ja: '既読' },
  no: { en: 'no', ja: '未読' },
  seen: { en: 'read', ja: '既読' },
  unseen: { en: 'unread', ja: '未読' },
  empty: { en: 'No captured mail in {dir} yet: send some to `l7lab serve` (SMTP), then look again.', ja: '{dir} にはまだメールがない。`l7lab serve` (SMTP) に送ってから、もう一度見よう。' },
  footer: { en: '{n} message(s), {unread} unread, in {dir}. Read one: l7lab mail show <id>', ja: '{dir} に {n} 通 (未読 {unread} 通)。読むには: l7lab mail show <id>' },
  unknownId: { en: 'no message with id "{id}" in {dir}: see `l7lab mail list`', ja: '{dir} に ID "{id}" のメッセージはない: `l7lab mail list` で確かめよう' },
  ambiguous: { en: 'id "{id}" matches {n} messages: type more of it (see `l7lab mail list`)', ja: 'ID "{id}" は {n} 通に当てはまる: もっと長く入力しよう (`l7lab mail list` を参照)' },
  about: { en: 'id {id} · {box} · UID {uid} · {size} · received {date} · {read}', ja: 'ID {id} · {box} · UID {uid} · {size} · 受信 {date} · {read}' },
  noText: { en: '(no text part)', ja: '(テキスト部分なし)' },
  fromHtml: { en: 'Note: the message has only an HTML part; shown here as text converted from it. The HTML itself: --raw', ja: '注: このメッセージには HTML 部分しかないため、テキストに変換して表示した。HTML そのものは --raw で見られる。' },
  alsoHtml: { en: 'Note: the message also has an HTML version, not shown. See it with --raw.', ja: '注: HTML 版もあるが表示していない。--raw で見られる。' },
  attachments: { en: 'Attachments:', ja: '添付ファイル:' },
  unnamed: { en: '(no file name)', ja: '(ファイル名なし)' },
  nothing: { en: 'Nothing to clear: no captured mail in {dir}.', ja: '消すものはない: {dir} にメールはない。' },
  confirm: { en: 'Delete all {n} captured message(s) in {dir}?', ja: '{dir} のメール {n} 通をすべて削除しますか?' },
  kept: { en: 'Nothing deleted.', ja: '何も削除しなかった。' },
  needYes: { en: 'mail clear deletes every captured message: pass --yes to confirm (there is no terminal to ask on)', ja: 'mail clear は取り込んだメールをすべて削除する: 確認のため --yes を付けよう (確認を尋ねる端末がない)' },
  removed: { en: 'Removed {n} message(s) from {dir}.', ja: '{dir} から {n} 通を削除した。' },
} satisfies Record<string, Localized | Record<Lang, string[]>>;

function say(text: Localized, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(pick(text, lang), vars);
}

function langOf(opts: Record<string, unknown>): Lang {
  try {
    return parseLang(typeof opts.lang === 'string' ? opts.lang : undefined);
  } catch (err) {
    throw new UsageError(`mail: ${(err as Error).message}`);
  }
}

const stdoutIo: MailIo = { write: (text) => void process.stdout.write(text) };

async function withStore<T>(opts: Record<string, unknown>, run: (store: MailStore, dir: string) => Promise<T>): Promise<T> {
  const dir = storeDirOf(typeof opts.store === 'string' ? { dir: opts.store } : {});
  const store = openStore({ dir });
  try {
    return await run(store, dir);
  } finally {
    await store.close();
  }
}

/** Every message of every account and mailbox, oldest first. */
async function everything(store: MailStore): Promise<Located[]> {
  const out: Located[] = [];
  for (const account of await store.accounts()) {
    for (const mailbox of await store.listMailboxes(account)) {
      for (const meta of await store.list(account, mailbox)) out.push({ account, mailbox, meta });
    }
  }
  return out.sort((a, b) => a.meta.internalDate.getTime() - b.meta.internalDate.getTime() || (a.meta.id < b.meta.id ? -1 : 1));
}

const boxOf = (m: Located) => (m.mailbox === INBOX ? m.account : `${m.account}/${m.mailbox}`);
const isRead = (meta: MessageMeta) => meta.flags.includes('\\Seen');

export function formatSize(octets: number): string {
  if (octets < 1024) return `${octets} B`;
  if (octets < 1024 * 1024) return `${(octets / 1024).toFixed(1)} KB`;
  return `${(octets / 1024 / 1024).toFixed(1)} MB`;
}

/** Local time, to the minute: when the lab received it. */
export function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function listJson(m: Located, s: MessageSummary): Record<string, unknown> {
  const { id, uid, size, internalDate, flags } = m.meta;
  return { id, account: m.account, mailbox: m.mailbox, uid, date: internalDate.toISOString(), size, flags, read: isRead(m.meta), from: s.from, to: s.to, subject: s.subject, messageId: s.messageId };
}

export async function runMailList(opts: Record<string, unknown>, io: MailIo = stdoutIo): Promise<void> {
  const lang = langOf(opts);
  await withStore(opts, async (store, dir) => {
    const all = await everything(store);
    if (all.length === 0) return io.write(opts.json ? '[]\n' : `${say(T.empty, lang, { dir })}\n`);
    const { summarize } = await import('../mailstore/inspect.js');
    const rows: Array<[Located, MessageSummary]> = [];
    for (const m of all) rows.push([m, await summarize(await store.read(m.account, m.mailbox, m.meta.uid))]);
    if (opts.json) return io.write(`${JSON.stringify(rows.map(([m, s]) => listJson(m, s)), null, 2)}\n`);
    const [{ renderTable }, { theme }] = await Promise.all([import('../ui/tables.js'), import('../ui/theme.js')]);
    const table = rows.map(([m, s]) => {
      const read = isRead(m.meta);
      const id = read ? m.meta.id : theme.bold(m.meta.id);
      return [id, formatDate(m.meta.internalDate), boxOf(m), clip(s.from, 30), clip(s.to, 30), clip(s.subject, 40), formatSize(m.meta.size), read ? theme.dim(pick(T.yes, lang)) : pick(T.no, lang)];
    });
    const unread = all.filter((m) => !isRead(m.meta)).length;
    io.write(`${renderTable(T.head[lang], table)}\n${theme.dim(say(T.footer, lang, { n: all.length, unread, dir }))}\n`);
  });
}

/** An exact id, or a unique prefix of one (as git takes object ids). */
async function locate(store: MailStore, id: string, dir: string, lang: Lang): Promise<Located> {
  const hit = await store.findById(id);
  if (hit) return hit;
  const matches = (await everything(store)).filter((m) => m.meta.id.startsWith(id));
  if (matches.length > 1) throw new ExitError(say(T.ambiguous, lang, { id, n: matches.length }));
  throw new ExitError(say(T.unknownId, lang, { id, dir }));
}

export async function runMailShow(id: string, opts: Record<string, unknown>, io: MailIo = stdoutIo): Promise<void> {
  const lang = langOf(opts);
  await withStore(opts, async (store, dir) => {
    const m = await locate(store, id.trim(), dir, lang);
    const raw = await store.read(m.account, m.mailbox, m.meta.uid);
    if (opts.raw) return io.write(raw);
    const { inspect } = await import('../mailstore/inspect.js');
    const content = await inspect(raw);
    if (opts.json) {
      const { text, textFromHtml, hasHtml, attachments, cc, date } = content;
      return io.write(`${JSON.stringify({ ...listJson(m, content), cc, headerDate: date, text, textFromHtml, hasHtml, attachments }, null, 2)}\n`);
    }
    io.write(await renderShown(m, content, lang));
  });
}

async function renderShown(m: Located, c: MessageContent, lang: Lang): Promise<string> {
  const { theme } = await import('../ui/theme.js');
  const fields: Array<[string, string]> = [
    ['From', c.from],
    ['To', c.to],
    ['Cc', c.cc],
    ['Subject', c.subject],
    ['Date', c.date],
    ['Message-ID', c.messageId],
  ];
  const lines = fields.filter(([, v]) => v.length > 0).map(([k, v]) => `${theme.bold(`${k}:`.padEnd(12))}${v}`);
  const read = pick(isRead(m.meta) ? T.seen : T.unseen, lang);
  const about = { id: m.meta.id, box: boxOf(m), uid: m.meta.uid, size: formatSize(m.meta.size), date: formatDate(m.meta.internalDate), read };
  lines.push(theme.dim(say(T.about, lang, about)), '');
  lines.push(c.text.length > 0 ? c.text.replace(/\s+$/, '') : theme.dim(pick(T.noText, lang)));
  if (c.textFromHtml) lines.push('', theme.dim(pick(T.fromHtml, lang)));
  else if (c.hasHtml) lines.push('', theme.dim(pick(T.alsoHtml, lang)));
  if (c.attachments.length > 0) {
    lines.push('', theme.heading(pick(T.attachments, lang)));
    for (const a of c.attachments) lines.push(`  ${a.filename ?? pick(T.unnamed, lang)}  ${theme.dim(a.contentType)}  ${formatSize(a.size)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function count(store: MailStore): Promise<number> {
  return (await everything(store)).length;
}

export async function runMailClear(opts: Record<string, unknown>, io?: MailIo): Promise<void> {
  const lang = langOf(opts);
  const out = io ?? (await terminalIo());
  await withStore(opts, async (store, dir) => {
    const before = await count(store);
    if (before === 0) return out.write(`${say(T.nothing, lang, { dir })}\n`);
    if (!opts.yes) {
      if (!out.interactive || !out.prompts) throw new UsageError(pick(T.needYes, lang));
      if (!(await out.prompts.confirm(say(T.confirm, lang, { n: before, dir }), false))) return out.write(`${pick(T.kept, lang)}\n`);
    }
    // Count what clear() really removed (serve may deliver meanwhile).
    let removed = 0;
    const stop = store.watch((c) => {
      if (c.kind === 'expunged') removed += c.uids.length;
    });
    await store.clear();
    stop();
    out.write(`${say(T.removed, lang, { n: removed, dir })}\n`);
  });
}

async function terminalIo(): Promise<MailIo> {
  const { isInteractive, terminalPrompts } = await import('../ui/prompts.js');
  return { ...stdoutIo, interactive: isInteractive(), prompts: terminalPrompts() };
}
