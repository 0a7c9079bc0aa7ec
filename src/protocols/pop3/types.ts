import type { Accounts } from '../accounts.js';
import type { ClientNote, OutItem } from '../session.js';
import type { OsiLayer } from '../transcript.js';
import type { MailStore } from '../../mailstore/types.js';
import type { Maildrop, MaildropEntry } from './maildrop.js';

/**
 * The three states of a POP3 session, in RFC 1939 section 3's own words:
 * AUTHORIZATION (after the greeting, until the client identifies itself),
 * TRANSACTION (the maildrop is locked and the client works on it),
 * UPDATE (after QUIT from TRANSACTION: marked messages are removed, then goodbye).
 */
export type Pop3State = 'AUTHORIZATION' | 'TRANSACTION' | 'UPDATE';

/**
 * What one argument of a command must be; the dispatcher alone checks them.
 * - msg: a message-number of a message that exists and is not marked deleted (RFC 1939 5)
 * - lines: a non-negative number (TOP's line count, RFC 1939 7)
 * - word: one space-free argument
 * - rest: everything after the keyword and one space (PASS may contain spaces, RFC 1939 7)
 */
export interface ArgSpec {
  name: string;
  kind: 'msg' | 'lines' | 'word' | 'rest';
  optional?: boolean;
  /** A word must match this, e.g. APOP's digest; `shape` says it in words for the -ERR. */
  pattern?: RegExp;
  shape?: string;
}

/** Arguments after the dispatcher validated them. */
export interface Pop3Args {
  /** The message a `msg` argument named: it exists and is not marked deleted. */
  message?: MaildropEntry;
  /** TOP's line count. */
  lines?: number;
  /** word and rest arguments, in order. */
  words: string[];
}

/** A SASL continuation the session waits for (RFC 5034 4): the next line goes here, not to the dispatcher. */
export type Continuation = (ctx: Pop3Context, line: string) => Promise<Pop3Reply>;

export interface Pop3Reply {
  out: OutItem[];
  /** The next state; only the session applies it. Omitted: unchanged. */
  next?: Pop3State;
  close?: boolean;
  closeReason?: string;
  client?: ClientNote;
  layers?: Array<OsiLayer | undefined>;
  /** Read the next line as a SASL response and hand it to this function. */
  continueWith?: Continuation;
  /** After the reply, the server starts a TLS handshake (STLS, RFC 2595 4). */
  startTls?: boolean;
  /** The server waits this long before replying (a failed login, see auth-delay.ts). */
  delayMs?: number;
}

/** What a command handler may see and do; implemented by the session. */
export interface Pop3Context {
  readonly store: MailStore;
  readonly accounts: Accounts;
  readonly hostname: string;
  /** The APOP timestamp this connection's greeting carried (RFC 1939 7). */
  readonly timestamp: string;
  readonly state: Pop3State;
  /** The name of a USER command given just before (PASS must follow it at once, RFC 1939 7). */
  readonly pendingUser: string | null;
  /** The account whose maildrop is locked, in TRANSACTION. */
  readonly account: string | null;
  /** The maildrop snapshot taken at login, in TRANSACTION. */
  readonly maildrop: Maildrop | null;
  /** STLS is offered: the server has a certificate (RFC 2595 4). */
  readonly stlsOffered: boolean;
  /** The connection is inside TLS (after STLS, or on the POP3S port, RFC 8314). */
  readonly secure: boolean;
  /** STLS accepted: from the handshake on, the session is encrypted. */
  enterTls(): void;
  setPendingUser(name: string): void;
  /** Count one failed authentication; returns the total so far in this connection. */
  countFailure(): number;
  /** Hold the maildrop lock and snapshot for the rest of the session. */
  enterTransaction(account: string, maildrop: Maildrop, release: () => void): void;
  /** Release the maildrop lock (idempotent). */
  releaseLock(): void;
}

export interface CommandSpec {
  /** The keyword, upper case (keywords are case-insensitive, RFC 1939 3). */
  name: string;
  states: readonly Pop3State[];
  args: readonly ArgSpec[];
  /** e.g. `TOP msg n` */
  syntax: string;
  /** e.g. `RFC 1939 7` */
  rfc: string;
  /** The client line carries a credential: logs mask it. */
  secret?: boolean;
  handle(ctx: Pop3Context, args: Pop3Args): Promise<Pop3Reply>;
}
