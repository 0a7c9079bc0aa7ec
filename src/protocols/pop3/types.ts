import type { Accounts } from '../accounts.js';
import type { CommandSpec, OutcomeBase, Pending } from '../command.js';
import type { SessionTls } from '../session.js';
import type { MailStore } from '../../mailstore/types.js';
import type { Maildrop, MaildropEntry, MaildropView } from './maildrop.js';
import type { LoginGuard } from '../auth-delay.js';

/**
 * The three states of a POP3 session, in RFC 1939 section 3's own words:
 * AUTHORIZATION (after the greeting, until the client identifies itself),
 * TRANSACTION (the maildrop is locked and the client works on it),
 * UPDATE (after QUIT from TRANSACTION: marked messages are removed, then goodbye).
 */
export type Pop3State = 'AUTHORIZATION' | 'TRANSACTION' | 'UPDATE';

/** What every handler sees, whatever the state. */
interface Pop3ContextBase {
  readonly store: MailStore;
  readonly accounts: Accounts;
  readonly hostname: string;
  /** The APOP timestamp this connection's greeting carried (RFC 1939 7). */
  readonly timestamp: string;
  /** STLS offered, inside TLS, passwords only inside TLS (RFC 2595 4 and 2.2). */
  readonly tls: Readonly<SessionTls>;
}

/** AUTHORIZATION (RFC 1939 4): nobody is logged in yet. */
export interface AuthorizationContext extends Pop3ContextBase {
  readonly state: 'AUTHORIZATION';
  /** The name of a USER command given on the line just before (PASS must follow it at once, RFC 1939 7). */
  readonly pendingUser: string | null;
  /** Failed logins, counted once for every protocol (auth-delay.ts). */
  readonly logins: LoginGuard;
}

/** TRANSACTION (RFC 1939 5): the maildrop is locked and its snapshot fixed; both always there. */
export interface TransactionContext extends Pop3ContextBase {
  readonly state: 'TRANSACTION';
  readonly account: string;
  readonly maildrop: MaildropView;
}

/** The context of a command, by the state it runs in (no command runs in UPDATE). */
export type Pop3Context = AuthorizationContext | TransactionContext;

/** The context a handler allowed in the states `S` receives: narrowed by the session alone. */
export type ContextIn<S extends Pop3State> = Extract<Pop3Context, { state: S }>;

/**
 * Session data a command changes: returned, never assigned by the handler; the session
 * applies it (and alone releases the maildrop lock).
 */
export interface Pop3Change {
  /** USER: the name the next line (PASS) may use (RFC 1939 7). */
  pendingUser?: string;
  /** A login: the maildrop locked for this session and its snapshot (RFC 1939 4). */
  login?: { account: string; maildrop: Maildrop; release: () => void };
  /** STLS accepted (RFC 2595 4): from the handshake on, the session is inside TLS. */
  secure?: true;
  /** DELE: mark this message (RFC 1939 5). */
  mark?: MaildropEntry;
  /** RSET: unmark every message (RFC 1939 5). */
  unmarkAll?: true;
}

/** A SASL response expected on the next line (RFC 5034 4): the one pending slot. */
export type Pop3Pending = Pending<AuthorizationContext, Pop3Outcome>;

/** What a POP3 command (or a SASL response line) returns: the one Outcome. */
export interface Pop3Outcome extends OutcomeBase<Pop3State, Pop3Change, Pop3Pending> {}

/** A POP3 command allowed in the states `S`, taking `Args` (see args.ts). */
export type Pop3Spec<S extends Pop3State, Args = []> = CommandSpec<S, Args, ContextIn<S>, string, Pop3Outcome>;
