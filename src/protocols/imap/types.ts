import type { CommandSpec, OutcomeBase, Pending } from '../command.js';
import type { SessionTls } from '../session.js';
import type { ImapToken } from './parser.js';
import type { SelectedMailbox } from './selected-mailbox.js';
import type { ImapServices } from './services.js';
import { tokenArgs, type Arg, type ValuesOf } from './commands/args.js';

/**
 * What every IMAP command module declares and receives, on the one command pattern
 * (protocols/command.ts): a CommandSpec whose arguments are typed combinators over the
 * parser's tokens (args.ts), whose context is narrowed by the states it declares, and
 * whose handler returns the one Outcome. The dispatcher (runCommand) alone checks the
 * state and the arguments; a handler only ever sees a command allowed where it is, with
 * typed, already validated values.
 */

/** RFC 3501 3: the four states, in the RFC's own words. */
export type ImapState = 'not authenticated' | 'authenticated' | 'selected' | 'logout';

export const IMAP_STATES: readonly ImapState[] = ['not authenticated', 'authenticated', 'selected', 'logout'];

/** What any command sees (RFC 3501 6.1: any state). */
export interface ImapContext {
  readonly tag: string;
  /** The command as dispatched, `UID FETCH` for a UID command. */
  readonly name: string;
  readonly state: ImapState;
  readonly services: ImapServices;
  /** Where this session stands on TLS (after STARTTLS, `secure` is true). */
  readonly tls: SessionTls;
}

/** Authenticated and selected states (RFC 3501 6.3): a user is logged in. */
export interface AuthenticatedContext extends ImapContext {
  readonly user: string;
  /** The open mailbox, when the state is selected. */
  readonly selected: SelectedMailbox | null;
}

/** Selected state (RFC 3501 6.4): a mailbox is open. */
export interface SelectedContext extends AuthenticatedContext {
  readonly selected: SelectedMailbox;
}

/** The context a handler gets for the states it declares. */
export type ContextFor<S extends ImapState> = [S] extends ['selected'] ? SelectedContext : [S] extends ['authenticated' | 'selected'] ? AuthenticatedContext : ImapContext;

/** Session data a command changes; only the session applies it. */
export interface ImapChange {
  /** Logged in as this account (lowercased). */
  user?: string;
  /** The newly selected mailbox (null: none any more). */
  selected?: SelectedMailbox | null;
  /** Count one more failed authentication. */
  authFailed?: true;
}

export type ImapStatus = 'OK' | 'NO' | 'BAD';

/**
 * The one IMAP Outcome: `replies` are the untagged responses (lines, or bytes with a
 * literal); the session adds the tagged status line `tag status [code] text` after them.
 */
export interface ImapOutcome extends OutcomeBase<ImapState, ImapChange, ImapPending> {
  /** Tagged status; OK when omitted. */
  status?: ImapStatus;
  /** Response code without brackets, e.g. `READ-WRITE`, `APPENDUID 3 7`. */
  code?: string;
  text: string;
}

/**
 * A command that is not done after its first line (AUTHENTICATE, IDLE): the session sends
 * `prompt` (a `+` continuation) and hands every following line to `line` until an outcome
 * comes without `pending`.
 */
export interface ImapPending extends Pending<ImapContext, ImapOutcome> {
  readonly prompt: string;
  /** What the client's lines are, for their knowledge key: SASL responses or IDLE's DONE. */
  readonly mode: 'sasl' | 'idle';
  /** May the session push untagged updates at once while waiting? (IDLE, RFC 2177) */
  readonly pushUpdates?: boolean;
}

export type ImapTokens = readonly ImapToken[];

/** The registry's view of an IMAP command spec, with IMAP's own two flags. */
export interface ImapCommandSpec<Args = unknown, Ctx = ImapContext> extends CommandSpec<ImapState, Args, Ctx, ImapTokens, ImapOutcome> {
  /**
   * RFC 3501 7.4.1: no untagged EXPUNGE while answering FETCH, STORE or SEARCH, so the
   * client's sequence numbers stay valid; the expunges wait for the next command.
   */
  readonly holdExpunges?: boolean;
  /** SELECT/EXAMINE: a failure (NO) leaves no mailbox selected (RFC 3501 6.3.1). */
  readonly deselectOnFailure?: boolean;
}

interface Definition<S extends ImapState, A extends readonly Arg<unknown>[]> {
  name: string;
  states: readonly S[];
  args: A;
  syntax: string;
  rfc: string;
  secret?: boolean;
  holdExpunges?: boolean;
  deselectOnFailure?: boolean;
  handle(ctx: ContextFor<S>, args: ValuesOf<A>): ImapOutcome | Promise<ImapOutcome>;
}

/**
 * One IMAP command: its argument combinators become the spec's schema (validated once,
 * centrally, with the command's name and syntax in every BAD), its states decide its context.
 */
export function imapCommand<S extends ImapState, const A extends readonly Arg<unknown>[]>(def: Definition<S, A>): ImapCommandSpec<ValuesOf<A>, ContextFor<S>> {
  const { args, ...rest } = def;
  return { ...rest, args: tokenArgs(def.name, def.syntax, args) };
}

/** An outcome with no untagged responses. */
export function done(text: string, extra: Partial<ImapOutcome> = {}): ImapOutcome {
  return { replies: [], text, ...extra };
}
