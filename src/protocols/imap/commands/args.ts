import { canonicalMailbox } from '../../../mailstore/names.js';
import { SYSTEM_FLAGS } from '../../../mailstore/types.js';
import type { ArgSchema } from '../../command.js';
import { ProtocolSyntaxError } from '../../errors.js';
import { ImapNoError } from '../errors.js';
import { parseFetchAtts, type FetchAtt } from '../fetch-atts.js';
import { parseImapDate } from '../format.js';
import { astringOf, type ImapToken } from '../parser.js';
import { parseSearch, SEARCH_CHARSETS, SearchCharsetError, type SearchKey } from '../search.js';
import { isSequenceSet, parseSequenceSet, type SequenceSet } from '../sequence.js';

/**
 * Typed argument combinators over the parser's tokens (RFC 3501 9), validated once,
 * centrally, as wildduck's imap-core does, but producing typed values: a SequenceSet, a
 * canonical mailbox name, a flag list, fetch items, a search key, a date.
 *
 * Checking happens in two passes, so a BAD names the first problem a client would see:
 * first every token is matched to a slot by its shape (optional slots taken greedily when
 * enough tokens remain for the required ones after them: APPEND mailbox [flags] [date]
 * message), then each slot's value is made in order (a bad mailbox name is NO [CANNOT],
 * a bad flag or date BAD).
 */

/** The command an argument belongs to, for its error replies. */
export interface Where {
  readonly name: string;
  readonly syntax: string;
}

/** One argument slot: how many tokens it takes, which tokens fit, and the value it makes of them. */
export interface Arg<T> {
  readonly mode: 'one' | 'optional' | 'rest';
  /** For BAD replies: `an atom or a string`. */
  readonly what: string;
  fits(token: ImapToken): boolean;
  /** The value of the tokens this slot took: one, none (an absent optional) or all (rest). */
  value(taken: readonly ImapToken[], where: Where): T;
}

export type ValuesOf<A extends readonly Arg<unknown>[]> = { -readonly [K in keyof A]: A[K] extends Arg<infer T> ? T : never };

/** A single-token kind; `optional()` and `rest()` make other slots of it. */
function kind<T>(what: string, fits: (t: ImapToken) => boolean, value: (t: ImapToken, where: Where) => T): Arg<T> {
  return { mode: 'one', what, fits, value: (taken, where) => value(taken[0] as ImapToken, where) };
}

export function optional<T>(arg: Arg<T>): Arg<T | undefined> {
  return { mode: 'optional', what: arg.what, fits: arg.fits, value: (taken, where) => (taken.length === 0 ? undefined : arg.value(taken, where)) };
}

/** Zero or more tokens of one shape, made into one value. */
function rest<T>(what: string, fits: (t: ImapToken) => boolean, value: (taken: readonly ImapToken[], where: Where) => T): Arg<T> {
  return { mode: 'rest', what, fits, value };
}

const isAtom = (t: ImapToken): boolean => t.type === 'atom';
const isAstring = (t: ImapToken): boolean => t.type === 'atom' || t.type === 'string' || t.type === 'nil';
const isString = (t: ImapToken): boolean => t.type === 'string';
const isList = (t: ImapToken): boolean => t.type === 'list';
const any = (): boolean => true;

/** The text of an astring token (NIL reads as "NIL"); the shape was checked already. */
function textOf(token: ImapToken): string {
  return astringOf(token) ?? '';
}

function bytesOf(token: ImapToken): Buffer {
  return token.type === 'string' ? token.value : Buffer.alloc(0);
}

function itemsOf(token: ImapToken): ImapToken[] {
  return token.type === 'list' ? token.items : [token];
}

export const atom = kind('an atom', isAtom, (t) => (t.type === 'atom' ? t.value : ''));

export const astring = kind('an atom or a string', isAstring, textOf);

/**
 * A mailbox name in its canonical form (INBOX case-insensitive, RFC 3501 5.1). Names that
 * could climb out of the store (`..`, a leading `/` or `~`, NUL) throw MailboxNameError,
 * which the error renderer answers with NO [CANNOT].
 */
export const mailbox = kind('an atom or a string', isAstring, (t) => canonicalMailbox(textOf(t)));

/** CREATE's name: a trailing delimiter (`Work/`) only says inferiors are meant, so it is dropped (RFC 3501 6.3.3). */
export const newMailbox = kind('an atom or a string', isAstring, (t) => {
  const raw = textOf(t);
  return canonicalMailbox(raw.endsWith('/') && raw.length > 1 ? raw.slice(0, -1) : raw);
});

/** A sequence set such as `1:*` or `2,4:7` (RFC 3501 9 sequence-set). */
export const seqSet = kind<SequenceSet>('a sequence set such as 1:* or 2,4:7', (t) => t.type === 'atom' && isSequenceSet(t.value), (t) => parseSequenceSet(t.type === 'atom' ? t.value : ''));

/** A quoted string or a literal, as octets (APPEND's message). */
export const literal = kind('a quoted string or a literal', isString, bytesOf);

/** A date-time such as "17-Jul-1996 02:44:25 -0700" (RFC 3501 9 date-time). */
export const dateTime = kind('a quoted string or a literal', isString, (t, where) => {
  const parsed = parseImapDate(bytesOf(t).toString('latin1'));
  if (parsed === null) throw new ProtocolSyntaxError('the date-time must look like "17-Jul-1996 02:44:25 -0700"', where.syntax);
  return parsed;
});

const SYSTEM = new Map<string, string>(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));

/**
 * Flags given by a client (STORE, APPEND): one list or bare atoms (RFC 3501 9 flag-list,
 * and STORE's `1*flag`). \Recent is the server's to set (RFC 3501 2.3.2), so it is dropped;
 * any other unknown `\` name is an error, so a typo like \Seeen is not silently lost.
 */
export function flagsOf(tokens: readonly ImapToken[]): string[] {
  const items = tokens.length === 1 && tokens[0]?.type === 'list' ? tokens[0].items : tokens;
  const out: string[] = [];
  for (const t of items) {
    // RFC 3501 9: flag-keyword = atom, and "NIL" is an atom; only where a nstring is expected
    // does it mean nothing. So `STORE 1 +FLAGS NIL` sets the keyword NIL, as Dovecot does.
    if (t.type === 'nil') {
      out.push('NIL');
      continue;
    }
    if (t.type !== 'atom') throw new ProtocolSyntaxError('a flag is an atom such as \\Seen or $Label');
    if (!t.value.startsWith('\\')) {
      out.push(t.value);
      continue;
    }
    const lower = t.value.toLowerCase();
    if (lower === '\\recent') continue;
    const system = SYSTEM.get(lower);
    if (!system) throw new ProtocolSyntaxError(`${t.value} is not a system flag (${SYSTEM_FLAGS.join(' ')})`);
    out.push(system);
  }
  return out;
}

/** APPEND's `(flag ...)`. */
export const flagList = kind('a parenthesised list', isList, (t) => flagsOf(itemsOf(t)));

/** STORE's flags: a list or bare atoms, to the end of the command. */
export const storeFlags = rest('an argument', any, (taken) => flagsOf(taken));

export interface StoreOperation {
  op: 'set' | 'add' | 'remove';
  silent: boolean;
}

/** STORE's `FLAGS`, `+FLAGS`, `-FLAGS`, each with an optional `.SILENT` (RFC 3501 6.4.6). */
export const storeOperation = kind<StoreOperation>('an atom', isAtom, (t, where) => {
  const token = t.type === 'atom' ? t.value : '';
  const m = /^([+-]?)FLAGS(\.SILENT)?$/i.exec(token);
  if (!m) throw new ProtocolSyntaxError(`${token} is not FLAGS, +FLAGS or -FLAGS (optionally .SILENT)`, where.syntax);
  return { op: m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set', silent: m[2] !== undefined };
});

/** FETCH items: an atom, a list of them, a `BODY[...]` section or a macro (RFC 3501 6.4.5). */
export const fetchAtts = kind<FetchAtt[]>('a fetch item, a list of them, or ALL/FAST/FULL', (t) => t.type === 'atom' || t.type === 'list' || t.type === 'section', (t) => parseFetchAtts(t));

/**
 * SEARCH's `[CHARSET name] key ...` as one search key (RFC 3501 6.4.4). An unknown charset
 * is NO [BADCHARSET (the ones we know)], not BAD.
 */
export const searchKey = rest<SearchKey>('an argument', any, (taken) => {
  try {
    return parseSearch(taken).key;
  } catch (err) {
    if (err instanceof SearchCharsetError) throw new ImapNoError(err.message, `BADCHARSET (${SEARCH_CHARSETS.join(' ')})`);
    throw err;
  }
});

export const STATUS_ITEMS = ['MESSAGES', 'RECENT', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN'] as const;
export type StatusItem = (typeof STATUS_ITEMS)[number];

/** STATUS's `(MESSAGES UNSEEN ...)` (RFC 3501 6.3.10). */
export const statusItems = kind<StatusItem[]>('a parenthesised list', isList, (t, where) =>
  itemsOf(t).map((item) => {
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (!(STATUS_ITEMS as readonly string[]).includes(name)) throw new ProtocolSyntaxError(`unknown STATUS item; use ${STATUS_ITEMS.join(', ')}`, where.syntax);
    return name as StatusItem;
  }),
);

/** ID's `("field" "value" ...)` or NIL (RFC 2971 3.1): checked for shape only. */
export const idParams = kind<null>('an argument', any, (t, where) => {
  const ok = t.type === 'nil' || (t.type === 'list' && t.items.length % 2 === 0 && t.items.every((i) => i.type === 'string' || i.type === 'nil'));
  if (!ok) throw new ProtocolSyntaxError('ID takes NIL or a list of "field" "value" pairs', where.syntax);
  return null;
});

/** Atoms to the end of the command (ENABLE's capability names). */
export const atoms = rest('an atom', isAtom, (taken) => taken.map((t) => (t.type === 'atom' ? t.value : '')));

function describeToken(token: ImapToken): string {
  switch (token.type) {
    case 'atom':
      return `atom ${token.value}`;
    case 'nil':
      return 'NIL';
    case 'string':
      return token.literal ? `a literal of ${token.value.length} octets` : 'a quoted string';
    case 'list':
      return 'a list';
    case 'section':
      return `${token.name}[...]`;
  }
}

/** First pass: which tokens each slot takes, by shape alone. */
function allot(slots: readonly Arg<unknown>[], tokens: readonly ImapToken[], fail: (why: string) => never): ImapToken[][] {
  const taken: ImapToken[][] = [];
  let i = 0;
  slots.forEach((slot, s) => {
    const requiredAfter = slots.slice(s + 1).filter((x) => x.mode === 'one').length;
    if (slot.mode === 'rest') {
      const items = tokens.slice(i, tokens.length - requiredAfter);
      const bad = items.find((t) => !slot.fits(t));
      if (bad) fail(`${describeToken(bad)} is not ${slot.what}`);
      taken.push(items);
      i += items.length;
      return;
    }
    const token = tokens[i];
    if (slot.mode === 'optional') {
      const take = token !== undefined && slot.fits(token) && tokens.length - (i + 1) >= requiredAfter;
      taken.push(take ? [token] : []);
      if (take) i++;
      return;
    }
    if (token === undefined) fail(`missing argument ${s + 1}: expected ${slot.what}`);
    else if (!slot.fits(token)) fail(`argument ${s + 1} is ${describeToken(token)}, expected ${slot.what}`);
    taken.push([token as ImapToken]);
    i++;
  });
  if (i < tokens.length) fail(`too many arguments (${tokens.length - i} more than expected)`);
  return taken;
}

/** The schema of one command: its slots over the tokens after the command name, as a typed tuple. */
export function tokenArgs<const A extends readonly Arg<unknown>[]>(name: string, syntax: string, slots: A): ArgSchema<readonly ImapToken[], ValuesOf<A>> {
  const where: Where = { name, syntax };
  const fail = (why: string): never => {
    throw new ProtocolSyntaxError(`${name}: ${why}`, syntax);
  };
  return {
    parse(tokens) {
      const taken = allot(slots, tokens, fail);
      return slots.map((slot, s) => slot.value(taken[s] as ImapToken[], where)) as ValuesOf<A>;
    },
  };
}
