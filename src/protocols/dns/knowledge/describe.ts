import { fill, pick, type Lang, type Localized } from '../../../i18n.js';
import type { KnowledgeRef } from '../../transcript.js';
import { OPCODES, RCODES } from '../types.js';
import { FIELD_WORDS } from './fields.js';
import { DNS_RCODE_KNOWLEDGE, DNS_RECORD_KNOWLEDGE, DNS_TERMS, FLAG_NAMES, SECTION_NAMES } from './tables.js';
import { KEY_WORDS, REASON_WORDS } from './words.js';
import { firstSentence, gap, own, param } from '../../knowledge-text.js';

/**
 * DNS knowledge keys (DNS_EVENT_KEYS, RESOLVER_KEYS, and `field <name>` from the codec) in the reader's
 * language. Pure: a key and its params in, one line of text out; null for a key DNS does not know.
 */
type KeyWord = keyof typeof KEY_WORDS;

const str = param;

/** A word from a table, or the value itself when the table does not list it. */
function word(table: Readonly<Record<string, Localized>>, value: string, lang: Lang): string {
  const w = own(table, value);
  return w ? pick(w, lang) : value;
}

/** `qr aa rd` -> `qr (response), aa (authoritative answer), rd (recursion desired)`. */
export function flagList(flags: string, lang: Lang): string {
  const words = flags.toLowerCase().split(/[\s,]+/).filter((f) => f !== '');
  const sep = lang === 'ja' ? '、' : ', ';
  return words.map((f) => (own(FLAG_NAMES, f) ? `${f} (${word(FLAG_NAMES, f, lang)})` : f)).join(sep);
}

function rcodeNote(rcode: string, lang: Lang): string {
  const r = DNS_RCODE_KNOWLEDGE.get(rcode.toUpperCase());
  return r ? `${gap(lang)}${rcode.toUpperCase()}: ${firstSentence(pick(r.meaning, lang))}` : '';
}

function typeNote(type: string, lang: Lang): string {
  const t = DNS_RECORD_KNOWLEDGE.get(type.toUpperCase());
  return t ? `${gap(lang)}${firstSentence(pick(t.summary, lang))}` : '';
}

function header(ref: KnowledgeRef, lang: Lang): string {
  const flags = str(ref, 'flags');
  const isResponse = /\bqr\b/i.test(flags) || str(ref, 'qr') === '1';
  const qr = lang === 'ja' ? (isResponse ? '応答' : '問い合わせ') : isResponse ? 'response' : 'query';
  let text = fill(pick(KEY_WORDS.header, lang), { qr, opcode: str(ref, 'opcode') || 'QUERY', rcode: str(ref, 'rcode') || 'NOERROR', id: str(ref, 'id') });
  if (isResponse) text += rcodeNote(str(ref, 'rcode'), lang);
  if (flags !== '') text += `${gap(lang)}${fill(pick(KEY_WORDS.flags, lang), { flags: flagList(flags, lang) })}`;
  return text;
}

function rr(ref: KnowledgeRef, lang: Lang): string {
  const type = str(ref, 'type').toUpperCase();
  const section = str(ref, 'section');
  const base = section === '' ? fill(pick(KEY_WORDS.rrBare, lang), { type }) : fill(pick(KEY_WORDS.rr, lang), { type, section: word(SECTION_NAMES, section, lang) });
  let extra = typeNote(type, lang);
  if (ref.params?.referral) extra = `${gap(lang)}${pick(KEY_WORDS.referralNs, lang)}`;
  else if (ref.params?.glue) extra = `${gap(lang)}${pick(KEY_WORDS.glue, lang)}`;
  else if (type === 'SOA' && section === 'authority') extra = `${gap(lang)}${pick(KEY_WORDS.negativeSoa, lang)}`;
  return base + extra;
}

/** Keys whose words are a template filled with their params (reasons and sections translated). */
const SIMPLE: Readonly<Record<string, KeyWord>> = {
  question: 'question',
  opt: 'opt',
  nodata: 'nodata',
  referral: 'referral',
  truncated: 'truncated',
  dropped: 'dropped',
  refused: 'refused',
  formerr: 'formerr',
  notimp: 'notimp',
  badvers: 'badvers',
  'upstream-query': 'upstreamQuery',
  'upstream-timeout': 'upstreamTimeout',
  'upstream-lame': 'upstreamLame',
  'upstream-mismatch': 'upstreamMismatch',
  'restart-from-root': 'restartFromRoot',
  'tcp-retry': 'tcpRetry',
  'cache-hit': 'cacheHit',
  'cache-miss': 'cacheMiss',
  'negative-cache-hit': 'negativeCacheHit',
  'cache-store': 'cacheStore',
  'negative-cache-store': 'negativeCacheStore',
  'follow-referral': 'followReferral',
  'resolve-ns': 'resolveNs',
  'follow-cname': 'followCname',
  servfail: 'servfail',
};

/** A reason's words; `rcode-2` (H3: the server answered that RCODE) as the RCODE's name. */
function reasonText(reason: string, lang: Lang): string {
  const rcode = /^rcode-(\d+)$/.exec(reason);
  if (rcode) {
    const name = Object.entries(RCODES).find(([, n]) => String(n) === rcode[1])?.[0] ?? `RCODE ${rcode[1]}`;
    return lang === 'ja' ? `${name} と答えました` : `it answered ${name}`;
  }
  return word(REASON_WORDS, reason, lang);
}

function vars(ref: KnowledgeRef, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ref.params ?? {})) out[k] = String(v);
  if (out.reason !== undefined) out.reason = reasonText(out.reason, lang);
  if (out.section !== undefined) out.section = word(SECTION_NAMES, out.section, lang);
  // Which server: a role the key names, or the zone it serves (H3's `zone`, '' the root).
  const role = out.role ?? (out.zone === undefined ? '' : out.zone === '' ? 'root' : lang === 'ja' ? `${out.zone} ゾーン` : `zone ${out.zone}`);
  out.role = role ? (lang === 'ja' ? `（${role}）` : ` (${role})`) : '';
  out.transport = (out.transport ?? 'udp').toUpperCase();
  for (const k of ['name', 'zone', 'target']) if (out[k] === '') out[k] = '.';
  if (out.do === undefined) out.do = '0';
  // An opcode as its name: 5 -> UPDATE (RFC 1035 4.1.1, RFC 2136).
  const opcode = Object.entries(OPCODES).find(([, n]) => String(n) === out.opcode)?.[0];
  if (opcode) out.opcode = opcode;
  return out;
}

/** The one describe function of DNS_KNOWLEDGE. */
export function describeDns(ref: KnowledgeRef, lang: Lang): string | null {
  const key = ref.key.startsWith('dns ') ? ref.key.slice(4) : ref.key;
  const field = own(FIELD_WORDS, key);
  if (field) return pick(field, lang);
  switch (key) {
    case 'header':
      return header(ref, lang);
    case 'flags': {
      const flags = str(ref, 'flags');
      return flags.trim() === '' ? pick(KEY_WORDS.noFlags, lang) : fill(pick(KEY_WORDS.flags, lang), { flags: flagList(flags, lang) });
    }
    case 'section': {
      // The section's title, then what it holds (the term's own words).
      const term = DNS_TERMS.get(str(ref, 'name'));
      const title = fill(pick(KEY_WORDS.section, lang), { section: word(SECTION_NAMES, str(ref, 'name'), lang) });
      return term ? `${title}${gap(lang)}${firstSentence(pick(term.meaning, lang))}` : title;
    }
    case 'rr':
      return rr(ref, lang);
    case 'rcode': {
      const r = DNS_RCODE_KNOWLEDGE.get(str(ref, 'name').toUpperCase());
      return r ? `${r.code}: ${pick(r.meaning, lang)}` : null;
    }
  }
  const simple = own(SIMPLE, key);
  if (!simple) return null;
  const text = fill(pick(KEY_WORDS[simple], lang), vars(ref, lang));
  return key === 'question' ? text + typeNote(str(ref, 'type'), lang) : text;
}

/** Every transcript key describe knows (the notes' list), for the tests and the other helpers. */
export const DNS_KEYS: readonly string[] = ['header', 'flags', 'section', 'rr', 'rcode', ...Object.keys(SIMPLE)];
