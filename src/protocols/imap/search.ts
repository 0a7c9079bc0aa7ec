import { parseImapDay } from './format.js';
import type { MessageView } from './message.js';
import { ImapParseError, astringOf, type ImapToken } from './parser.js';
import { IMAP_MAX_NESTING } from '../../limits.js';
import { inSequenceSet, isSequenceSet, parseSequenceSet, type SequenceSet } from './sequence.js';

/**
 * SEARCH criteria (RFC 3501 6.4.4) as a tree, and matching one message against it.
 * Keys side by side are ANDed; OR takes two keys, NOT one, a parenthesised list is a group.
 */
export type SearchKey =
  | { op: 'and'; keys: SearchKey[] }
  | { op: 'or'; left: SearchKey; right: SearchKey }
  | { op: 'not'; key: SearchKey }
  | { op: 'all' }
  /** A flag or keyword is set (`present`) or not: SEEN, UNSEEN, KEYWORD, RECENT... */
  | { op: 'flag'; flag: string; present: boolean }
  /** FROM, TO, CC, BCC, SUBJECT and HEADER: a substring of the decoded field. */
  | { op: 'header'; field: string; value: string }
  | { op: 'body'; value: string }
  | { op: 'text'; value: string }
  /** BEFORE/ON/SINCE (internal date) and SENTBEFORE/SENTON/SENTSINCE (Date header); day = days since 1970-01-01. */
  | { op: 'date'; field: 'internal' | 'sent'; cmp: 'before' | 'on' | 'since'; day: number }
  | { op: 'size'; cmp: 'larger' | 'smaller'; octets: number }
  | { op: 'seq'; set: SequenceSet }
  | { op: 'uid'; set: SequenceSet };

/** Charsets SEARCH accepts; others get `NO [BADCHARSET (UTF-8 US-ASCII)]` (RFC 3501 6.4.4, 7.1). */
export const SEARCH_CHARSETS = ['UTF-8', 'US-ASCII'] as const;

export class SearchCharsetError extends Error {
  constructor(readonly charset: string) {
    super(`charset ${charset} is not supported; use one of ${SEARCH_CHARSETS.join(', ')}`);
    this.name = 'SearchCharsetError';
  }
}

export interface SearchTarget {
  seq: number;
  uid: number;
  /** Flags incl. \Recent when this session sees the message as recent. */
  flags: readonly string[];
  size: number;
  internalDate: Date;
  view: (() => MessageView) | null;
}

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true],
  DELETED: ['\\Deleted', true],
  DRAFT: ['\\Draft', true],
  FLAGGED: ['\\Flagged', true],
  RECENT: ['\\Recent', true],
  SEEN: ['\\Seen', true],
  OLD: ['\\Recent', false],
  UNANSWERED: ['\\Answered', false],
  UNDELETED: ['\\Deleted', false],
  UNDRAFT: ['\\Draft', false],
  UNFLAGGED: ['\\Flagged', false],
  UNSEEN: ['\\Seen', false],
};

const HEADER_KEYS = new Set(['BCC', 'CC', 'FROM', 'SUBJECT', 'TO']);
const DATE_KEYS: Record<string, ['internal' | 'sent', 'before' | 'on' | 'since']> = {
  BEFORE: ['internal', 'before'],
  ON: ['internal', 'on'],
  SINCE: ['internal', 'since'],
  SENTBEFORE: ['sent', 'before'],
  SENTON: ['sent', 'on'],
  SENTSINCE: ['sent', 'since'],
};

class KeyReader {
  pos = 0;
  constructor(readonly args: readonly ImapToken[]) {}

  next(what: string, after: string): ImapToken {
    const token = this.args[this.pos++];
    if (!token) throw new ImapParseError(`${after} needs ${what}`);
    return token;
  }

  string(after: string): string {
    const text = astringOf(this.next('a string', after));
    if (text === null) throw new ImapParseError(`${after} needs a string, not a list`);
    return text;
  }

  key(depth: number): SearchKey {
    if (depth > IMAP_MAX_NESTING) throw new ImapParseError(`search keys nested deeper than ${IMAP_MAX_NESTING} levels`);
    const token = this.next('a search key', 'SEARCH');
    if (token.type === 'list') {
      if (token.items.length === 0) throw new ImapParseError('an empty ( ) group is not a search key');
      const inner = new KeyReader(token.items);
      const keys: SearchKey[] = [];
      while (inner.pos < token.items.length) keys.push(inner.key(depth + 1));
      return keys.length === 1 ? (keys[0] as SearchKey) : { op: 'and', keys };
    }
    if (token.type !== 'atom') throw new ImapParseError('expected a search key such as ALL, UNSEEN or FROM "alice"');
    return this.named(token.value, depth);
  }

  named(word: string, depth: number): SearchKey {
    const name = word.toUpperCase();
    const flag = FLAG_KEYS[name];
    if (flag) return { op: 'flag', flag: flag[0], present: flag[1] };
    if (name === 'ALL') return { op: 'all' };
    // RFC 3501 6.4.4: NEW is "RECENT UNSEEN".
    if (name === 'NEW') return { op: 'and', keys: [{ op: 'flag', flag: '\\Recent', present: true }, { op: 'flag', flag: '\\Seen', present: false }] };
    if (name === 'KEYWORD' || name === 'UNKEYWORD') return { op: 'flag', flag: this.keyword(name), present: name === 'KEYWORD' };
    if (HEADER_KEYS.has(name)) return { op: 'header', field: name.toLowerCase(), value: this.string(name) };
    if (name === 'HEADER') return { op: 'header', field: this.string('HEADER').toLowerCase(), value: this.string('HEADER <field-name>') };
    if (name === 'BODY' || name === 'TEXT') return { op: name === 'BODY' ? 'body' : 'text', value: this.string(name) };
    const date = DATE_KEYS[name];
    if (date) return { op: 'date', field: date[0], cmp: date[1], day: this.day(name) };
    if (name === 'LARGER' || name === 'SMALLER') return { op: 'size', cmp: name === 'LARGER' ? 'larger' : 'smaller', octets: this.number(name) };
    if (name === 'UID') return { op: 'uid', set: parseSequenceSet(this.atom('a UID set such as 1:*', 'UID')) };
    if (name === 'NOT') return { op: 'not', key: this.key(depth + 1) };
    if (name === 'OR') return { op: 'or', left: this.key(depth + 1), right: this.key(depth + 1) };
    if (isSequenceSet(word)) return { op: 'seq', set: parseSequenceSet(word) };
    throw new ImapParseError(`unknown search key ${word} (RFC 3501 6.4.4)`);
  }

  atom(what: string, after: string): string {
    const token = this.next(what, after);
    if (token.type !== 'atom') throw new ImapParseError(`${after} needs ${what}`);
    return token.value;
  }

  keyword(after: string): string {
    const flag = this.atom('a keyword such as $Important', after);
    if (flag.startsWith('\\')) throw new ImapParseError(`${after} takes a keyword, not a system flag like ${flag}`);
    return flag;
  }

  day(after: string): number {
    const text = this.string(after);
    const day = parseImapDay(text);
    if (day === null) throw new ImapParseError(`${after} needs a date like 1-Feb-1994, got '${text}'`);
    return day;
  }

  number(after: string): number {
    const text = this.atom('a number of octets', after);
    if (!/^\d{1,10}$/.test(text) || Number(text) > 4_294_967_295) throw new ImapParseError(`${after} needs a number of octets, got '${text}'`);
    return Number(text);
  }
}

/** The SEARCH arguments: optional CHARSET, then one or more keys (RFC 3501 6.4.4). */
export function parseSearch(args: readonly ImapToken[]): { charset: string | null; key: SearchKey } {
  const reader = new KeyReader(args);
  let charset: string | null = null;
  const first = args[0];
  if (first?.type === 'atom' && first.value.toUpperCase() === 'CHARSET') {
    reader.pos = 1;
    charset = reader.string('CHARSET');
    if (!SEARCH_CHARSETS.some((c) => c === charset?.toUpperCase())) throw new SearchCharsetError(charset);
  }
  if (reader.pos >= args.length) throw new ImapParseError('SEARCH needs at least one search key, e.g. SEARCH ALL');
  const keys: SearchKey[] = [];
  while (reader.pos < args.length) keys.push(reader.key(0));
  return { charset, key: keys.length === 1 ? (keys[0] as SearchKey) : { op: 'and', keys } };
}

/** Does matching need the message itself (headers, text, Date)? If not, view may be null. */
export function searchNeedsMessage(key: SearchKey): boolean {
  switch (key.op) {
    case 'and':
      return key.keys.some(searchNeedsMessage);
    case 'or':
      return searchNeedsMessage(key.left) || searchNeedsMessage(key.right);
    case 'not':
      return searchNeedsMessage(key.key);
    case 'header':
    case 'body':
    case 'text':
      return true;
    case 'date':
      return key.field === 'sent';
    default:
      return false;
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day a Date header names, in the sender's own zone ("disregarding time and timezone",
 * RFC 3501 6.4.4): `Tue, 1 Jul 2003 23:52:37 -0700` is 1 July. Two-digit years per RFC 5322 4.3.
 */
export function sentDay(header: string): number | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})/.exec(header);
  if (m) {
    const month = MONTHS.indexOf((m[2] as string).toLowerCase());
    let year = Number(m[3]);
    if ((m[3] as string).length === 2) year += year < 50 ? 2000 : 1900;
    if (month >= 0) return Date.UTC(year, month, Number(m[1])) / 86_400_000;
  }
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}

const fold = (s: string): string => s.normalize('NFC').toLowerCase();

/** Lazily computed parts of one message, shared by all keys of one match (made per message: no Map in it). */
class Lazy {
  private folded: { body?: string; text?: string } | null = null;
  private parsed: MessageView | null | undefined;
  constructor(private readonly target: SearchTarget) {}

  view(): MessageView | null {
    if (this.parsed === undefined) this.parsed = this.target.view ? this.target.view() : null;
    return this.parsed;
  }

  text(name: 'body' | 'text'): string {
    this.folded ??= {};
    let value = this.folded[name];
    if (value === undefined) {
      const view = this.view();
      value = view ? fold(name === 'body' ? view.bodyText() : `${view.headerText()}\n${view.bodyText()}`) : '';
      this.folded[name] = value;
    }
    return value;
  }
}

function compareDay(day: number, cmp: 'before' | 'on' | 'since', wanted: number): boolean {
  if (cmp === 'before') return day < wanted;
  if (cmp === 'on') return day === wanted;
  return day >= wanted;
}

function matchDate(key: Extract<SearchKey, { op: 'date' }>, target: SearchTarget, lazy: Lazy): boolean {
  if (key.field === 'internal') return compareDay(Math.floor(target.internalDate.getTime() / 86_400_000), key.cmp, key.day);
  const view = lazy.view();
  const header = view ? view.headerValues('date')[0] : undefined;
  // No readable Date header counts as 1 January 1970, as Dovecot answers (checked with 2.3).
  const day = header !== undefined ? (sentDay(header) ?? 0) : 0;
  return compareDay(day, key.cmp, key.day);
}

function matchHeader(key: Extract<SearchKey, { op: 'header' }>, lazy: Lazy): boolean {
  const view = lazy.view();
  if (!view) return false;
  const values = view.headerValues(key.field);
  // RFC 3501 6.4.4: HEADER with an empty string matches every message that has the field.
  if (key.value === '') return values.length > 0;
  const wanted = fold(key.value);
  const candidates = ADDRESS_FIELDS.has(key.field) ? values.flatMap((v) => view.withAddresses(v)) : values;
  return candidates.some((v) => fold(v).includes(wanted));
}

const ADDRESS_FIELDS = new Set(['from', 'to', 'cc', 'bcc', 'sender', 'reply-to']);

/** Case-insensitive; only a same-length flag is lowercased, so SEARCH UNSEEN on 10,000 messages allocates nothing. */
function hasFlag(flags: readonly string[], flag: string): boolean {
  let wanted: string | null = null;
  for (const f of flags) {
    if (f === flag) return true;
    if (f.length !== flag.length) continue;
    wanted ??= flag.toLowerCase();
    if (f.toLowerCase() === wanted) return true;
  }
  return false;
}

function match(key: SearchKey, target: SearchTarget, ctx: { maxSeq: number; maxUid: number }, lazy: Lazy): boolean {
  switch (key.op) {
    case 'and':
      return key.keys.every((k) => match(k, target, ctx, lazy));
    case 'or':
      return match(key.left, target, ctx, lazy) || match(key.right, target, ctx, lazy);
    case 'not':
      return !match(key.key, target, ctx, lazy);
    case 'all':
      return true;
    case 'flag':
      return hasFlag(target.flags, key.flag) === key.present;
    case 'header':
      return matchHeader(key, lazy);
    case 'body':
    case 'text':
      return lazy.text(key.op).includes(fold(key.value));
    case 'date':
      return matchDate(key, target, lazy);
    case 'size':
      return key.cmp === 'larger' ? target.size > key.octets : target.size < key.octets;
    case 'seq':
      return inSequenceSet(key.set, target.seq, ctx.maxSeq);
    case 'uid':
      return inSequenceSet(key.set, target.uid, ctx.maxUid);
  }
}

/** Does this message match? Substrings compare case-insensitively (RFC 3501 6.4.4). */
export function matchSearch(key: SearchKey, target: SearchTarget, ctx: { maxSeq: number; maxUid: number }): boolean {
  return match(key, target, ctx, new Lazy(target));
}
