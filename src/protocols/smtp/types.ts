import type { Accounts } from '../accounts.js';
import type { ClientNote, Terminator } from '../session.js';
import type { MessageEvent, OsiLayer } from '../transcript.js';
import type { MailStore } from '../../mailstore/types.js';
import type { SmtpEnvironment } from './env.js';
import type { FailureRules } from './failure-rules.js';

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
export const COMMAND_STATES: readonly SmtpState[] = ['CONNECTED', 'GREETED', 'MAIL', 'RCPT'];

/** The mail transaction opened by MAIL FROM (RFC 5321 3.3). */
export interface Transaction {
  /** Reverse-path without angle brackets; '' is the null sender `<>`. */
  from: string;
  /** Accepted forward-paths, without angle brackets. */
  to: string[];
  /** SIZE= declared on MAIL FROM (RFC 1870 6), or null. */
  declaredSize: number | null;
  /** BODY= on MAIL FROM (RFC 6152 2). */
  body: '7BIT' | '8BITMIME' | null;
  /** SMTPUTF8 on MAIL FROM (RFC 6531 3.4): addresses and headers may be UTF-8. */
  smtputf8: boolean;
}

/** Fixed for the life of a server. */
export interface SmtpConfig {
  hostname: string;
  maxMessageSize: number;
  authRequired: boolean;
  accounts: Accounts;
  /** Emit a transcript event for every line of message content (else only the final "."). */
  transcriptDataLines: boolean;
  /** STARTTLS is offered (the server has a certificate, RFC 3207). */
  starttls: boolean;
  /** PLAIN and LOGIN only inside TLS: 538 5.7.11 before it (RFC 4954 4, 6). */
  authRequiresTls: boolean;
  /** Failure on demand (--fail, magic addresses); null = never simulate a failure. */
  failures: FailureRules | null;
}

/** All the SMTP server needs of the mail store: it only ever delivers. */
export type SmtpStore = Pick<MailStore, 'deliver'>;

/** What a session knows about its peer and its transaction; handlers update it. */
export interface SmtpSessionData {
  greeting: 'EHLO' | 'HELO' | null;
  clientDomain: string | null;
  remoteAddress: string;
  authenticatedAs: string | null;
  authFailures: number;
  transaction: Transaction | null;
  /** The connection is inside TLS: after STARTTLS, or from the start on the SMTPS port (RFC 8314). */
  secure: boolean;
}

/** What a command handler sees. Only the session changes `state`; handlers return the next one. */
export interface CommandContext {
  readonly config: SmtpConfig;
  readonly env: SmtpEnvironment;
  readonly state: SmtpState;
  readonly data: SmtpSessionData;
  readonly commands: ReadonlyMap<string, CommandSpec>;
  readonly sessionId: string;
  readonly store: SmtpStore;
  /** Called once per stored message, after the store has made it durable; null when nobody listens. */
  readonly onMessage: ((event: MessageEvent) => void) | null;
}

/** The result of a command or of one line of a multi-line step. */
export interface Outcome {
  /** Reply lines, without CRLF. */
  replies: string[];
  /** The next state; unchanged when omitted. */
  next?: SmtpState;
  /** Close after replying, with this reason ('quit', 'error', ...). */
  close?: string;
  /** A multi-line step starts: DATA content or a SASL exchange. */
  pending?: PendingInput;
  /** How the transcript should show the client's line. */
  note?: ClientNote;
  /** Layer tags for the reply lines (same index). */
  layers?: Array<OsiLayer | undefined>;
  /** After the replies, the server starts a TLS handshake (STARTTLS, RFC 3207 4). */
  startTls?: boolean;
  /** The server waits this long before replying (a brake on guessing, a simulated slow server). */
  delayMs?: number;
}

/** An Outcome of a pending step; `finished` hands the line back to the command dispatcher. */
export interface PendingOutcome extends Outcome {
  finished: boolean;
}

/**
 * The "one pending slot" of DESIGN.md: while set, every line goes here instead of the
 * command dispatcher, and the transport reads lines of `maxLine` octets.
 */
export interface PendingInput {
  readonly state: 'DATA' | 'AUTH';
  readonly maxLine: number;
  /** What the transcript explanation of the last line should say. */
  readonly lineKind: 'data' | 'data-bare-dot' | 'data-end' | 'sasl';
  /** Size and line count of finished message content, for the transcript. */
  readonly summary?: { size: number; lines: number } | null;
  line(ctx: CommandContext, line: Buffer, end: Terminator): PendingOutcome | Promise<PendingOutcome>;
  overflow(ctx: CommandContext): PendingOutcome;
}

/**
 * One SMTP command, declared, not dispatched by string. The dispatcher alone checks
 * `states` (503) and runs `args` (which throws SmtpSyntaxError, 501) before `handle`.
 */
export interface CommandSpec<A = unknown> {
  /** The verb, upper case. */
  name: string;
  states: readonly SmtpState[];
  /** Parses the text after the verb ('' when none). */
  args: (text: string) => A;
  /** e.g. `MAIL FROM:<reverse-path> [SIZE=n] [BODY=8BITMIME] [SMTPUTF8]` */
  syntax: string;
  /** e.g. `RFC 5321 4.1.1.2` */
  rfc: string;
  handle(ctx: CommandContext, args: A): Outcome;
}
