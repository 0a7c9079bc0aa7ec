import type { Accounts } from '../accounts.js';
import type { AnyCommandSpec, CommandSpec, OutcomeBase, Pending } from '../command.js';
import type { SessionTls, Step } from '../session.js';
import type { MessageEvent } from '../transcript.js';
import type { MailStore } from '../../mailstore/types.js';
import type { SmtpEnvironment } from './env.js';
import type { FailureRules } from './failure-rules.js';
import type { LoginGuard } from '../auth-delay.js';

/**
 * SMTP session states, named after the phases of RFC 5321:
 * - CONNECTED: the 220 greeting is out; the client must identify itself (3.1, 4.1.1.1)
 * - GREETED: EHLO/HELO accepted, no mail transaction open (3.2); AUTH happens here (RFC 4954 4)
 * - MAIL: MAIL FROM accepted, a transaction has begun; RCPT TO comes next (3.3)
 * - RCPT: at least one RCPT TO accepted; more RCPT TO or DATA (3.3)
 * - DATA: 354 sent; the message content is read up to CRLF.CRLF (3.3, 4.1.1.4)
 * - AUTH: inside a SASL exchange: each line answers a 334 challenge (RFC 4954 4)
 * - CLOSED: 221 or 421 sent, the channel is closing (3.8, 4.1.1.10)
 * Being authenticated is not a state of its own: it is a fact about the session that
 * survives RSET and EHLO (RFC 4954 4), kept in `SmtpSessionData.authenticatedAs`.
 */
export type SmtpState = 'CONNECTED' | 'GREETED' | 'MAIL' | 'RCPT' | 'DATA' | 'AUTH' | 'CLOSED';

/** The states in which a command line (not content, not a SASL response) is read. */
export const COMMAND_STATES = ['CONNECTED', 'GREETED', 'MAIL', 'RCPT'] as const satisfies readonly SmtpState[];

/** The states in which a mail transaction is open (RFC 5321 3.3): MAIL FROM was accepted. */
export type TransactionState = 'MAIL' | 'RCPT';

/** The mail transaction opened by MAIL FROM (RFC 5321 3.3). Never changed in place: RCPT returns a new one. */
export interface Transaction {
  /** Reverse-path without angle brackets; '' is the null sender `<>`. */
  readonly from: string;
  /** Accepted forward-paths, without angle brackets. */
  readonly to: readonly string[];
  /** SIZE= declared on MAIL FROM (RFC 1870 6), or null. */
  readonly declaredSize: number | null;
  /** BODY= on MAIL FROM (RFC 6152 2). */
  readonly body: '7BIT' | '8BITMIME' | null;
  /** SMTPUTF8 on MAIL FROM (RFC 6531 3.4): addresses and headers may be UTF-8. */
  readonly smtputf8: boolean;
}

/** Fixed for the life of a server. */
export interface SmtpConfig {
  hostname: string;
  maxMessageSize: number;
  authRequired: boolean;
  accounts: Accounts;
  /** Emit a transcript event for every line of message content (else only the final "."). */
  transcriptDataLines: boolean;
  /** STARTTLS offered (`starttls`, RFC 3207); PLAIN/LOGIN only inside TLS (`loginRequiresTls`, RFC 4954 4). */
  tls: Readonly<Pick<SessionTls, 'starttls' | 'loginRequiresTls'>>;
  /** Failure on demand (--fail, magic addresses); null = never simulate a failure. */
  failures: FailureRules | null;
}

/** All the SMTP server needs of the mail store: it only ever delivers. */
export type SmtpStore = Pick<MailStore, 'deliver'>;

/** What a session knows about its peer and its transaction. Only the session changes it, by applying SmtpChange. */
export interface SmtpSessionData {
  readonly greeting: 'EHLO' | 'HELO' | null;
  readonly clientDomain: string | null;
  readonly remoteAddress: string;
  readonly authenticatedAs: string | null;
  readonly transaction: Transaction | null;
  /** The connection is inside TLS: after STARTTLS, or from the start on the SMTPS port (RFC 8314). */
  readonly secure: boolean;
}

/** What a handler asks the session to change (a handler never writes session data itself). */
export type SmtpChange = Partial<Omit<SmtpSessionData, 'remoteAddress'>>;

/** What every handler sees. Only the session changes `state` and `data`; handlers return the change. */
export interface SmtpContext {
  readonly config: SmtpConfig;
  readonly env: SmtpEnvironment;
  readonly state: SmtpState;
  readonly data: SmtpSessionData;
  readonly commands: ReadonlyMap<string, SmtpCommand>;
  readonly sessionId: string;
  readonly store: SmtpStore;
  /** Failed logins, counted once for every protocol (auth-delay.ts). */
  readonly logins: LoginGuard;
  /** Called once per stored message, after the store has made it durable; null when nobody listens. */
  readonly onMessage: ((event: MessageEvent) => void) | null;
}

/** The context in MAIL and RCPT: a transaction is open, so it is not `| null` (the session's narrow() checks it once). */
export interface TransactionContext extends SmtpContext {
  readonly transaction: Transaction;
}

/** The context a handler declared for `states` gets: a transaction whenever every state has one. */
export type ContextIn<S extends SmtpState> = [S] extends [TransactionState] ? TransactionContext : SmtpContext;

/** SMTP's one Outcome (command.ts): replies, next state, a change to apply, maybe a pending step. */
export interface SmtpOutcome extends OutcomeBase<SmtpState, SmtpChange, SmtpPending> {}

/**
 * The speed path for message content, said out loud: a line that changes nothing and answers
 * nothing. Its step is a shared constant (one per kind of line, built once, never mutated) with
 * its promise already resolved, so a burst of content lines allocates nothing per line.
 * The pending step goes on (a content line never ends it).
 */
export interface UnchangedLine {
  readonly unchanged: true;
  readonly step: Step;
  readonly settled: Promise<Step>;
}

/** A DATA content or SASL response line, in the one pending slot (command.ts Pending). */
export interface SmtpPending extends Pending<SmtpContext, SmtpOutcome | UnchangedLine> {}

/** One SMTP command: a command.ts spec whose context follows the states it declares. */
export type SmtpCommandSpec<S extends SmtpState, A> = CommandSpec<S, A, ContextIn<S>, string, SmtpOutcome>;

/** The registry's view of an SMTP command. */
export type SmtpCommand = AnyCommandSpec<SmtpState, SmtpContext, string, SmtpOutcome>;

/**
 * Declare a command: `S` is inferred from `states`, so a handler for MAIL and RCPT is typed
 * with a TransactionContext, and the session's narrow() is what makes that true at run time.
 */
export function smtpCommand<S extends SmtpState, A>(spec: SmtpCommandSpec<S, A>): SmtpCommand {
  return spec as unknown as SmtpCommand;
}
