import { isUtf8 } from 'node:buffer';
import type { Accounts } from '../accounts.js';
import { runCommand } from '../command.js';
import { SMTP_COMMAND_LINE, SMTP_MAX_BAD_COMMANDS, SMTP_MAX_MESSAGE_SIZE } from '../../limits.js';
import { DEFAULT_HOSTNAME, type ClientNote, type Expect, type OutItem, type ProtocolSession, type SessionTls, type Step, type Terminator } from '../session.js';
import type { KnowledgeRef, MessageEvent } from '../transcript.js';
import { foreignProtocol, isForeignProtocol, splitCommand } from './command-line.js';
import { SMTP_COMMANDS } from './commands/index.js';
import { systemEnvironment, type SmtpEnvironment } from './env.js';
import type { FailureRules } from './failure-rules.js';
import { clientKey, commandKey, serverKey } from './knowledge/keys.js';
import { renderError } from './replies.js';
import type { SmtpContext, SmtpOutcome, SmtpPending, SmtpSessionData, SmtpState, SmtpStore, Transaction, TransactionContext, UnchangedLine } from './types.js';
import { standaloneGuard, type LoginGuard } from '../auth-delay.js';

/**
 * One SMTP server session as a pure state machine (RFC 5321 3, 4.1.4): it takes a line and
 * returns the replies, never touching a socket, the clock (see SmtpEnvironment) or the
 * terminal. Commands go through the one dispatcher (command.ts runCommand); DATA content and
 * SASL responses go to the pending slot; typed errors become replies in `renderError` only.
 * Handlers return what changes (next state, `change`, `pending`); only `apply` changes it.
 */
export interface SmtpSessionOptions {
  id: string;
  remoteAddress: string;
  store: SmtpStore;
  accounts: Accounts;
  hostname?: string;
  authRequired?: boolean;
  maxMessageSize?: number;
  env?: SmtpEnvironment;
  onMessage?: (event: MessageEvent) => void;
  transcriptDataLines?: boolean;
  /** TLS: offer STARTTLS, start inside TLS (SMTPS), PLAIN/LOGIN only inside TLS. */
  tls?: Partial<SessionTls>;
  /** Failure on demand: rules (with their random source) consulted at MAIL, RCPT, DATA and AUTH. */
  failures?: FailureRules;
  /** This connection's view of the brake on guessing (auth-delay.ts); a brake of its own if absent. */
  logins?: LoginGuard;
}

export { DEFAULT_HOSTNAME };
const COMMAND_EXPECT: Expect = { mode: 'line', maxLine: SMTP_COMMAND_LINE, commandLine: true };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The client note of a command line: its key, one shared frozen note per verb. */
const COMMAND_NOTES = new Map<KnowledgeRef, ClientNote>();
function noteFor(key: KnowledgeRef | null): ClientNote | undefined {
  if (!key) return undefined;
  let note = COMMAND_NOTES.get(key);
  if (!note) COMMAND_NOTES.set(key, (note = Object.freeze({ knowledge: key })));
  return note;
}

export class SmtpSession implements ProtocolSession {
  readonly protocol = 'smtp' as const;
  readonly id: string;
  private current: SmtpState = 'CONNECTED';
  private pending: SmtpPending | null = null;
  private badCommands = 0;
  private readonly data: Mutable<SmtpSessionData>;
  /** What handlers see; its `transaction` is typed for them only in MAIL and RCPT (see narrow). */
  private readonly ctx: TransactionContext;

  constructor(opts: SmtpSessionOptions) {
    this.id = opts.id;
    this.data = {
      greeting: null,
      clientDomain: null,
      remoteAddress: opts.remoteAddress,
      authenticatedAs: null,
      transaction: null,
      secure: opts.tls?.secure ?? false,
    };
    const session = this;
    this.ctx = {
      config: {
        hostname: opts.hostname ?? DEFAULT_HOSTNAME,
        maxMessageSize: opts.maxMessageSize ?? SMTP_MAX_MESSAGE_SIZE,
        authRequired: opts.authRequired ?? false,
        accounts: opts.accounts,
        transcriptDataLines: opts.transcriptDataLines ?? false,
        tls: { starttls: opts.tls?.starttls ?? false, loginRequiresTls: opts.tls?.loginRequiresTls ?? false },
        failures: opts.failures ?? null,
      },
      env: opts.env ?? systemEnvironment,
      data: this.data,
      commands: SMTP_COMMANDS,
      sessionId: opts.id,
      store: opts.store,
      logins: opts.logins ?? standaloneGuard(),
      onMessage: opts.onMessage ?? null,
      get state() {
        return session.current;
      },
      // Read only by handlers admitted in MAIL or RCPT, after narrow() saw it set.
      get transaction() {
        return session.data.transaction as Transaction;
      },
    };
  }

  get state(): SmtpState {
    return this.current;
  }

  get expect(): Expect {
    return this.pending ? this.pending.expect : COMMAND_EXPECT;
  }

  /** Mid-message: a shutdown lets the content finish and be stored first (LineServer.close). */
  get busy(): boolean {
    return this.current === 'DATA';
  }

  /** The user the client authenticated as, or null. */
  get authenticatedAs(): string | null {
    return this.data.authenticatedAs;
  }

  async greet(): Promise<Step> {
    // At once, with no delay (RFC 5321 3.1): a greeting delay only slows honest clients.
    return this.toStep({ replies: [`220 ${this.ctx.config.hostname} ESMTP l7lab mock mail server: mail is captured, never relayed`] });
  }

  line(line: Buffer, end: Terminator): Promise<Step> {
    try {
      const result = this.take(line, end);
      if (result instanceof Promise) return result;
      return 'unchanged' in result ? result.settled : Promise.resolve(result);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** A line of message content comes back at once, as its shared step; only the final dot (the store) is async. */
  lineNow(line: Buffer, end: Terminator): Step | Promise<Step> {
    const result = this.take(line, end);
    return result instanceof Promise || !('unchanged' in result) ? result : result.step;
  }

  private take(line: Buffer, end: Terminator): Step | Promise<Step> | UnchangedLine {
    if (this.current === 'CLOSED') return { out: [], close: true, closeReason: 'quit' };
    const pending = this.pending;
    if (pending) {
      const result = pending.line(this.ctx, line, end);
      if (result instanceof Promise) return result.then((r) => this.fromPending(r));
      return 'unchanged' in result ? result : this.apply(result);
    }
    return this.command(line);
  }

  private fromPending(result: SmtpOutcome | UnchangedLine): Step {
    return 'unchanged' in result ? result.step : this.apply(result);
  }

  /** A command line: split, refused if it is HTTP, else admitted, parsed and run by runCommand. */
  private command(line: Buffer): Step | Promise<Step> {
    // Command lines are UTF-8: RFC 6531 3.3 allows it in addresses after SMTPUTF8. Malformed
    // UTF-8 would decode to U+FFFD and an address nobody sent would be accepted and stored.
    const utf8 = isUtf8(line);
    const text = line.toString(utf8 ? 'utf8' : 'latin1');
    const { verb, rest } = splitCommand(text.trimEnd());
    // The key explains the verb the client typed (leading blanks are skipped for it, not for the dispatcher).
    const key = line[0] !== undefined && line[0] > 0x20 ? commandKey(verb) : clientKey(text);
    const note = noteFor(key);
    if (!utf8) return this.bad('500 5.5.2 Syntax error: the command line is not valid UTF-8 (RFC 6531 3.3)', note);
    if (isForeignProtocol(verb)) return this.apply(foreignProtocol(), note);
    try {
      const result = runCommand(SMTP_COMMANDS, verb, this.current, rest, this.narrow);
      if (result instanceof Promise) return result.then((o) => this.apply(o, note), (err: unknown) => this.refuse(err, note));
      return this.apply(result, note);
    } catch (err) {
      return this.refuse(err, note);
    }
  }

  /**
   * The context for the state a spec was admitted in: the one run-time check of a state's
   * guarantee. MAIL and RCPT have an open transaction (RFC 5321 3.3), so their handlers get it typed.
   */
  private readonly narrow = (state: SmtpState): SmtpContext => {
    if ((state === 'MAIL' || state === 'RCPT') && this.data.transaction === null) throw new Error(`SMTP state ${state} without a transaction`);
    return this.ctx;
  };

  /** A typed error from the dispatcher or a handler, as the reply renderError gives it. */
  private refuse(err: unknown, note?: ClientNote): Step {
    const rendered = renderError(err);
    return rendered.bad ? this.bad(rendered.reply, note) : this.apply({ replies: [rendered.reply] }, note);
  }

  async bytes(_data: Buffer): Promise<Step> {
    throw new Error('SMTP reads lines only');
  }

  async overflow(): Promise<Step> {
    const pending = this.pending;
    if (pending?.overflow) return this.fromPending(pending.overflow(this.ctx));
    return this.bad(`500 5.5.2 Line too long: a command line may be at most ${SMTP_COMMAND_LINE} octets including CRLF`);
  }

  timeout(): Step {
    return this.closeWith(`421 4.4.2 ${this.ctx.config.hostname} Error: timeout exceeded, closing connection`, 'timeout');
  }

  shutdown(): Step {
    return this.closeWith(`421 4.3.2 ${this.ctx.config.hostname} Service shutting down, closing connection`, 'shutdown');
  }

  async closed(): Promise<void> {
    this.pending = null;
    this.data.transaction = null;
  }

  /** Count a client error; past SMTP_MAX_BAD_COMMANDS the session ends with 421 (RFC 5321 4.2.2). */
  private bad(reply: string, note?: ClientNote): Step {
    this.badCommands++;
    if (this.badCommands >= SMTP_MAX_BAD_COMMANDS) {
      return this.closeWith(`421 4.7.0 ${this.ctx.config.hostname} Too many errors, closing connection`, 'error', note);
    }
    return this.apply({ replies: [reply] }, note);
  }

  private closeWith(reply: string, reason: string, note?: ClientNote): Step {
    return this.apply({ replies: [reply], next: 'CLOSED', close: reason }, note);
  }

  /**
   * The only place session state changes: the outcome's change, next state and pending slot
   * (a pending step ends when its outcome has no `pending`). `commandNote`: the key of the
   * command line this outcome answers.
   */
  private apply(outcome: SmtpOutcome, commandNote?: ClientNote): Step {
    if (outcome.change) Object.assign(this.data, outcome.change);
    this.pending = outcome.pending ?? null;
    if (outcome.next) this.current = outcome.next;
    if (outcome.close) {
      this.current = 'CLOSED';
      this.pending = null;
    }
    const note = commandNote && outcome.note ? { ...outcome.note, ...commandNote } : (commandNote ?? outcome.note);
    return this.toStep(outcome, note);
  }

  private toStep(outcome: SmtpOutcome, note?: ClientNote): Step {
    const step: Step = { out: outcome.replies };
    if (outcome.close) {
      step.close = true;
      step.closeReason = outcome.close;
    }
    if (note) step.client = note;
    if (outcome.layers) step.layers = outcome.layers;
    if (outcome.replies.length > 0) step.knowledge = outcome.knowledge ?? keysOf(outcome.replies);
    if (outcome.startTls) step.startTls = true;
    if (outcome.delayMs) step.delayMs = outcome.delayMs;
    return step;
  }
}

/** The key of each reply line (a raw chunk has none). */
function keysOf(replies: OutItem[]): Array<KnowledgeRef | null> {
  const keys = new Array<KnowledgeRef | null>(replies.length);
  for (let i = 0; i < replies.length; i++) {
    const r = replies[i];
    keys[i] = typeof r === 'string' ? serverKey(r) : null;
  }
  return keys;
}
