import type { Lang } from '../i18n.js';
import { theme } from '../ui/theme.js';
import type { HelperCall } from './helpers.js';
import { msg, type MessageKey } from './messages.js';
import { qpDecode, qpEncode, wordDecode, wordEncode, type QpReason } from './mime-helpers.js';

/**
 * What `:qp` and `:word` print (the arithmetic is mime-helpers.ts's). Each takes one flag
 * before the text: `:qp -d`, `:word -q`, `:word -d`; null asks for the usage line.
 */

/** The flag (when the first word is one of `flags`) and the text after it, inner spaces kept. */
function flagged(call: HelperCall, flags: readonly string[]): { flag: string | null; text: string } {
  const first = call.args[0];
  if (first !== undefined && flags.includes(first)) return { flag: first, text: call.rest.trimStart().slice(first.length).trim() };
  return { flag: null, text: call.rest.trim() };
}

const REASON: Record<QpReason, MessageKey> = { nonAscii: 'qpNonAscii', equals: 'qpEquals', trailingSpace: 'qpTrailingSpace', control: 'qpControl' };

function qpEncodeView(text: string, lang: Lang): string {
  const r = qpEncode(text);
  const out = [msg(lang, 'qpResult'), ...r.lines.map((l) => `  ${theme.code(l)}`)];
  const width = Math.max(0, ...r.changes.map((c) => `${c.char} -> ${c.escaped}`.length));
  for (const c of r.changes) out.push(`  ${`${c.char} -> ${c.escaped}`.padEnd(width)}  ${theme.dim(msg(lang, REASON[c.reason]))}`);
  if (r.changes.length === 0) out.push(`  ${theme.dim(msg(lang, 'qpNothing'))}`);
  if (r.softBreaks > 0) out.push(`  ${theme.dim(msg(lang, 'qpSoft', { n: r.softBreaks }))}`);
  return out.join('\n');
}

function qpDecodeView(text: string, lang: Lang): string {
  const r = qpDecode(text);
  const out = [msg(lang, 'qpDecoded', { text: theme.code(r.text) })];
  for (const c of r.changes) out.push(`  ${c.escaped} -> ${c.char}`);
  if (r.softBreaks > 0) out.push(`  ${theme.dim(msg(lang, 'qpSoftRemoved', { n: r.softBreaks }))}`);
  if (r.notUtf8) out.push(`  ${theme.warn(msg(lang, 'qpNotUtf8'))}`);
  return out.join('\n');
}

/** `:qp <text>` encodes, `:qp -d <text>` decodes (RFC 2045 6.7). */
export function qpHelper(call: HelperCall, lang: Lang): string | null {
  const { flag, text } = flagged(call, ['-d']);
  if (text === '') return null;
  return flag === '-d' ? qpDecodeView(text, lang) : qpEncodeView(text, lang);
}

const encodingName = (lang: Lang, encoding: 'B' | 'Q') => msg(lang, encoding === 'B' ? 'wordB' : 'wordQ');

function wordEncodeView(text: string, encoding: 'B' | 'Q', lang: Lang): string {
  const words = wordEncode(text, encoding);
  const out = [msg(lang, 'wordResult', { encoding: encodingName(lang, encoding) }), ...words.map((w) => `  ${theme.code(w)}`)];
  if (words.length > 1) out.push(`  ${theme.dim(msg(lang, 'wordSplit', { n: words.length }))}`);
  return out.join('\n');
}

function wordDecodeView(text: string, lang: Lang): string {
  const r = wordDecode(text);
  if (r.words.length === 0) return theme.warn(msg(lang, 'wordNone'));
  const out = r.words.map((w) => `  ${msg(lang, 'wordOne', { word: w.word, text: theme.code(w.text), charset: w.charset, encoding: encodingName(lang, w.encoding) })}`);
  return [msg(lang, 'wordDecoded', { text: theme.code(r.text) }), ...out].join('\n');
}

/** `:word <text>` (B), `:word -q <text>` (Q), `:word -d <text>` decodes (RFC 2047). */
export function wordHelper(call: HelperCall, lang: Lang): string | null {
  const { flag, text } = flagged(call, ['-q', '-d']);
  if (text === '') return null;
  if (flag === '-d') return wordDecodeView(text, lang);
  return wordEncodeView(text, flag === '-q' ? 'Q' : 'B', lang);
}
