import { canonicalMailbox } from '../../../mailstore/names.js';
import { SYSTEM_FLAGS } from '../../../mailstore/types.js';
import { ProtocolSyntaxError } from '../../errors.js';
import { astringOf, type ImapToken } from '../parser.js';
import { parseSequenceSet, type SequenceSet } from '../sequence.js';
import type { SelectedMailbox } from '../selected-mailbox.js';
import type { ImapContext, ImapState } from './spec.js';
import { itemsOf } from './spec.js';

/** Small helpers shared by the command modules. */

/** Every state in which a command can be read (RFC 3501 6.1: "any state"). */
export const ANY_STATE: readonly ImapState[] = ['not authenticated', 'authenticated', 'selected'];
export const AUTHENTICATED: readonly ImapState[] = ['authenticated', 'selected'];
export const SELECTED: readonly ImapState[] = ['selected'];

/** The text of an argument the dispatcher already checked is an astring. */
export function text(token: ImapToken | undefined): string {
  const s = token === undefined ? null : astringOf(token);
  if (s === null) throw new ProtocolSyntaxError('expected an atom or a string');
  return s;
}

/**
 * A mailbox name argument in its canonical form (INBOX case-insensitive, RFC 3501 5.1).
 * Names that could climb out of the store (`..`, a leading `/` or `~`, NUL) throw
 * MailboxNameError, which the error renderer answers with NO.
 */
export function mailboxArg(token: ImapToken | undefined): string {
  return canonicalMailbox(text(token));
}

export function userOf(ctx: ImapContext): string {
  const user = ctx.session.user;
  if (user === null) throw new Error(`${ctx.name} ran without a logged-in user`);
  return user;
}

export function selectedOf(ctx: ImapContext): SelectedMailbox {
  const mb = ctx.session.selected;
  if (mb === null) throw new Error(`${ctx.name} ran without a selected mailbox`);
  return mb;
}

export function sequenceArg(token: ImapToken | undefined): SequenceSet {
  if (token?.type !== 'atom') throw new ProtocolSyntaxError('expected a sequence set');
  return parseSequenceSet(token.value);
}

const SYSTEM = new Map<string, string>(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));

/**
 * Flags given by a client (STORE, APPEND): one list or bare atoms (RFC 3501 9 flag-list,
 * and STORE's `1*flag`). \Recent is the server's to set (RFC 3501 2.3.2), so it is dropped;
 * any other unknown `\` name is an error, so a typo like \Seeen is not silently lost.
 */
export function flagsArg(tokens: readonly ImapToken[]): string[] {
  const items = tokens.length === 1 && tokens[0]?.type === 'list' ? tokens[0].items : tokens;
  const out: string[] = [];
  for (const t of items) {
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

/** The items of a `...` argument (the dispatcher collects them into one list). */
export const restOf = itemsOf;

