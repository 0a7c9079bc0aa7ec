import { UnknownCommandError, WrongStateError } from './errors.js';
import type { ClientNote, Expect, OutItem, Terminator } from './session.js';
import type { KnowledgeRef, OsiLayer } from './transcript.js';

/**
 * The one command pattern every protocol uses (DESIGN.md "One command, one small module").
 *
 * A protocol declares its commands as specs in a Map (commands/index.ts). The dispatcher
 * (`runCommand`) alone rejects an unknown command, a command in the wrong state and bad
 * arguments, then calls `handle` with typed arguments. Handlers never re-check either:
 * the context a handler receives is narrowed by the states it declares (a command allowed
 * only in IMAP's selected state sees a selected mailbox, not `SelectedMailbox | null`),
 * the way GreenMail's SelectedStateCommand does it.
 */

/**
 * Turns a command's raw arguments (the text after the verb, or IMAP's token list) into typed
 * values, or throws ProtocolSyntaxError (rendered by the protocol's one error renderer with
 * the command's syntax). Validated once, centrally, as wildduck's imap-core does, but typed.
 * `ctx` is there for arguments whose meaning depends on the session (POP3's message number
 * names a message of this maildrop).
 */
export interface ArgSchema<Raw, Args, Ctx = unknown> {
  parse(raw: Raw, ctx: Ctx): Args;
}

/**
 * What a command (or one line of a multi-line step) returns. Only the session applies it:
 * it changes the state, stores `change`, opens or closes the pending slot.
 * A protocol's own part of the answer (IMAP's tagged status and response code) extends it;
 * `P` is the protocol's Pending type (its Ctx and Outcome filled in).
 */
export interface OutcomeBase<State extends string, Change = never, P = never> {
  /** Reply lines without CRLF, or raw chunks (a message body, a literal). */
  replies: OutItem[];
  /** The next state; unchanged when omitted. */
  next?: State;
  /** Session data to change, as a record the session applies (the handler never mutates it). */
  change?: Change;
  /** Close after replying, for this reason ('quit', 'error', ...). */
  close?: string;
  /** A multi-line step starts (or, from a pending line, goes on): see Pending. */
  pending?: P;
  /** How the transcript shows the client's line (decoded SASL, secret, a summary). */
  note?: ClientNote;
  /** Layer tags for the reply lines, same index as `replies`. */
  layers?: Array<OsiLayer | undefined>;
  /** Knowledge keys for the reply lines, same index as `replies` (the edge turns them into text). */
  knowledge?: Array<KnowledgeRef | null | undefined>;
  /** After the replies, the server starts a TLS handshake (STARTTLS, STLS). */
  startTls?: boolean;
  /** The server waits this long before replying (a brake on guessing, a simulated slow server). */
  delayMs?: number;
}

/**
 * The one pending slot (DESIGN.md "Multi-line steps through one pending slot"): while a
 * session holds one, every line goes to it instead of the dispatcher, and the transport
 * reads what `expect` says. A pending step ends when its outcome carries no `pending`.
 */
export interface Pending<Ctx, O> {
  readonly expect: Expect;
  /** The prompt that asks for the next line, when the protocol sends one (IMAP `+ ...`, SMTP `354`). */
  readonly prompt?: string;
  line(ctx: Ctx, line: Buffer, end: Terminator): O | Promise<O>;
  /** The line was longer than `expect.maxLine` (the excess was discarded unseen). */
  overflow?(ctx: Ctx): O;
}

/**
 * One command, declared, not dispatched by string. `Ctx` is the context narrowed by
 * `states`; `Args` what `args` produces.
 */
export interface CommandSpec<State extends string, Args, Ctx, Raw = string, O = OutcomeBase<State>> {
  /** The verb, upper case (`UID FETCH` for a two-word command). */
  readonly name: string;
  readonly states: readonly State[];
  readonly args: ArgSchema<Raw, Args, Ctx>;
  /** e.g. `MAIL FROM:<reverse-path> [SIZE=n]`: for the syntax error reply and the explanations. */
  readonly syntax: string;
  /** e.g. `RFC 5321 4.1.1.2` */
  readonly rfc: string;
  /** The client line carries a credential: logs mask it. */
  readonly secret?: boolean;
  handle(ctx: Ctx, args: Args): O | Promise<O>;
}

/**
 * The registry's view of a spec: argument and context types are the spec's own business.
 * (Method syntax keeps `handle` and `parse` assignable from any concrete spec.)
 */
export type AnyCommandSpec<State extends string, Ctx, Raw = string, O = OutcomeBase<State>> = CommandSpec<State, unknown, Ctx, Raw, O>;

/** A registry: the dispatcher's only table, keyed by the upper-case verb. */
export function registry<State extends string, Ctx, Raw, O>(specs: ReadonlyArray<AnyCommandSpec<State, Ctx, Raw, O>>): ReadonlyMap<string, AnyCommandSpec<State, Ctx, Raw, O>> {
  const map = new Map<string, AnyCommandSpec<State, Ctx, Raw, O>>();
  for (const spec of specs) {
    if (map.has(spec.name)) throw new Error(`two specs for the command ${spec.name}`);
    map.set(spec.name, spec);
  }
  return map;
}

/** Find the spec and admit it in `state`, in that order, so the error names the first problem. */
function admit<State extends string, Ctx, Raw, O>(
  commands: ReadonlyMap<string, AnyCommandSpec<State, Ctx, Raw, O>>,
  verb: string,
  state: State,
): AnyCommandSpec<State, Ctx, Raw, O> {
  const spec = commands.get(verb);
  if (!spec) throw new UnknownCommandError(verb);
  if (!spec.states.includes(state)) throw new WrongStateError(spec.name, state, spec.states);
  return spec;
}

/**
 * The dispatcher: admit the command, parse its arguments once, run it. `narrow` gives the
 * context for the state the spec was admitted in (the one place a state's guarantees, such
 * as "a user is logged in", are checked at run time).
 */
export function runCommand<State extends string, Ctx, Raw, O>(
  commands: ReadonlyMap<string, AnyCommandSpec<State, Ctx, Raw, O>>,
  verb: string,
  state: State,
  raw: Raw,
  narrow: (state: State) => Ctx,
): O | Promise<O> {
  const spec = admit(commands, verb, state);
  const ctx = narrow(state);
  return spec.handle(ctx, spec.args.parse(raw, ctx));
}
