import type { Accounts } from '../../accounts.js';
import type { MailStore } from '../../../mailstore/types.js';
import type { ClientNote, OutItem } from '../../session.js';
import type { ImapToken } from '../parser.js';
import type { RecentRegistry } from '../recent.js';
import type { SelectedMailbox } from '../selected-mailbox.js';

/**
 * The shape every IMAP command module declares. The dispatcher (dispatch.ts) alone checks
 * the state and the arguments against `states` and `args`; a handler only ever sees a
 * command that is allowed where it is and whose arguments have the declared shapes.
 */

/** RFC 3501 3: the four states, in the RFC's own words. */
export type ImapState = 'not authenticated' | 'authenticated' | 'selected' | 'logout';

export const IMAP_STATES: readonly ImapState[] = ['not authenticated', 'authenticated', 'selected', 'logout'];

/**
 * Argument shapes (RFC 3501 9):
 * - atom: a bare atom; astring: atom, quoted string or literal (NIL reads as "NIL")
 * - string: quoted string or literal; list: a parenthesised list
 * - seq-set: a sequence set such as `1:*` or `2,4:7`
 * - fetch-att: an atom, a list or a `BODY[...]` section
 * - any: anything
 * Suffixes: `?` optional, `...` zero or more (collected into one list token).
 */
export type ArgKind = 'atom' | 'astring' | 'string' | 'list' | 'seq-set' | 'fetch-att' | 'any';
export type ArgSpec = ArgKind | `${ArgKind}?` | `${ArgKind}...`;

/** Arguments after validation, aligned with the spec's `args`; an absent optional is undefined. */
export type Args = ReadonlyArray<ImapToken | undefined>;

/** What a session holds between commands; the session alone changes it. */
export interface SessionView {
  readonly state: ImapState;
  /** The logged-in account (lowercased), once authenticated. */
  readonly user: string | null;
  readonly selected: SelectedMailbox | null;
  readonly authFailures: number;
  /** Inside TLS (after STARTTLS, or on the IMAPS port). */
  readonly secure: boolean;
}

/** Fixed for the life of a server, shared by its sessions. */
export interface ImapServices {
  readonly store: MailStore;
  readonly accounts: Accounts;
  readonly recent: RecentRegistry;
  readonly hostname: string;
  /** STARTTLS offered on this port; LOGIN refused until TLS (RFC 3501 6.2.1, 6.2.3). */
  readonly tls?: { readonly starttls: boolean; readonly loginRequiresTls: boolean };
}

export interface ImapContext {
  readonly tag: string;
  /** The command as dispatched, `UID FETCH` for a UID command. */
  readonly name: string;
  readonly services: ImapServices;
  readonly session: SessionView;
  /** Add an untagged response (a line, or bytes with a literal) before the tagged one. */
  untagged(item: OutItem): void;
}

/** A command that is not done after its first line (AUTHENTICATE, IDLE). */
export interface Continuation {
  /** The `+ ...` line asking for more. */
  prompt: string;
  maxLine: number;
  /** May the session push untagged updates at once while waiting? (IDLE, RFC 2177) */
  pushUpdates?: boolean;
  /** How the transcript shows the next client line (e.g. decoded SASL, secret). */
  note?(line: Buffer): ClientNote;
  line(line: Buffer, ctx: ImapContext): Promise<CommandResult>;
}

export interface CommandResult {
  /** Tagged status; OK when omitted. */
  status?: 'OK' | 'NO' | 'BAD';
  /** Response code without brackets, e.g. `READ-WRITE`, `APPENDUID 3 7`. */
  code?: string;
  text: string;
  /** The next state; unchanged when omitted. */
  next?: ImapState;
  /** Logged in as this account. */
  user?: string;
  /** The newly selected mailbox (null: none any more); unchanged when omitted. */
  selected?: SelectedMailbox | null;
  /** Count one more failed authentication. */
  authFailed?: boolean;
  close?: boolean;
  continuation?: Continuation;
  /** After the tagged OK, the server starts the TLS handshake (STARTTLS, RFC 3501 6.2.1). */
  startTls?: boolean;
}

export interface CommandSpec {
  /** Uppercased, `UID FETCH` for the UID forms. */
  name: string;
  states: readonly ImapState[];
  args: readonly ArgSpec[];
  /** For BAD replies and explanations, e.g. `FETCH sequence-set (fetch-att ...)`. */
  syntax: string;
  /** e.g. `RFC 3501 6.4.5` */
  rfc: string;
  /**
   * RFC 3501 7.4.1: no untagged EXPUNGE while answering FETCH, STORE or SEARCH, so the
   * client's sequence numbers stay valid; the expunges wait for the next command.
   */
  holdExpunges?: boolean;
  /** The client line carries a credential: logs mask it. */
  secret?: boolean;
  /** SELECT/EXAMINE: leave the selected mailbox before running (RFC 3501 6.3.1, also on failure). */
  deselectFirst?: boolean;
  handle(ctx: ImapContext, args: Args): Promise<CommandResult>;
}

/**
 * A command that failed for a reason the client can act on: tagged NO with an optional
 * response code. Thrown by handlers, rendered by the one error renderer (replies.ts).
 */
export class ImapNoError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ImapNoError';
  }
}

/** What this session advertises about TLS, from the server's settings and the session's state. */
export function tlsOf(ctx: ImapContext): { starttls: boolean; secure: boolean; loginRequiresTls: boolean } {
  return { starttls: ctx.services.tls?.starttls ?? false, secure: ctx.session.secure, loginRequiresTls: ctx.services.tls?.loginRequiresTls ?? false };
}

/** A list token's items (a rest `...` argument is collected into one list). */
export function itemsOf(token: ImapToken | undefined): ImapToken[] {
  if (token === undefined) return [];
  return token.type === 'list' ? token.items : [token];
}
