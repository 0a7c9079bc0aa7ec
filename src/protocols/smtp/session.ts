import { isUtf8 } from 'node:buffer';
import type { Accounts } from '../accounts.js';
import type { Lang } from '../../i18n.js';
import { SMTP_COMMAND_LINE, SMTP_MAX_BAD_COMMANDS, SMTP_MAX_MESSAGE_SIZE } from '../../limits.js';
import type { Expect, ProtocolSession, Step, Terminator } from '../session.js';
import type { Direction, MessageEvent } from '../transcript.js';
import { SMTP_COMMANDS } from './commands/index.js';
import { dispatch } from './dispatch.js';
import { systemEnvironment, type SmtpEnvironment } from './env.js';
import type { FailureRules } from './failure-rules.js';
import { explainSmtpClientLine, explainSmtpContentLine, smtpKnowledge } from './knowledge.js';
import { renderError } from './replies.js';
import type { CommandContext, Outcome, PendingInput, PendingOutcome, SmtpConfig, SmtpSessionData, SmtpState, SmtpStore } from './types.js';

/**
 * One SMTP server session as a pure state machine (RFC 5321 3, 4.1.4): it takes a line and
 * returns the replies, never touching a socket, the clock (see SmtpEnvironment) or the
 * terminal. Commands go through the dispatcher; DATA content and SASL responses go to the
 * pending slot; typed errors become replies in `renderError` only.
 */
export interface SmtpSessionOptions {
  id: string;
  remoteAddress: string;
  store: SmtpStore;
  accounts: Accounts;
  hostname?: string;
  authRequired?: boolean;
  maxMessageSize?: number;
  lang?: Lang;
  env?: SmtpEnvironment;
  onMessage?: (event: MessageEvent) => void;
  transcriptDataLines?: boolean;
  /** TLS: offer STARTTLS, start inside TLS (SMTPS), PLAIN/LOGIN only inside TLS. */
  tls?: { starttls?: boolean; secure?: boolean; authRequiresTls?: boolean };
  /** Failure on demand: rules (with their random source) consulted at MAIL, RCPT, DATA and AUTH. */
  failures?: FailureRules;
}

export const DEFAULT_HOSTNAME = 'l7lab.localhost';
const COMMAND_EXPECT: Expect = { mode: 'line', maxLine: SMTP_COMMAND_LINE };

type LineKind = 'command' | PendingInput['lineKind'];

/** Steps for frozen, shared outcomes (a line of message content): built once, never mutated. */
const sharedSteps = new WeakMap<Outcome, Step>();
const settledSteps = new WeakMap<Step, Promise<Step>>();

export class SmtpSession implements ProtocolSession {
  readonly protocol = 'smtp' as const;
  readonly id: string;
  private current: SmtpState = 'CONNECTED';
  private pending: PendingInput | null = null;
  private pendingExpect: Expect = COMMAND_EXPECT;
  private badCommands = 0;
  private lastLineKind: LineKind = 'command';
  private lastSummary: { size: number; lines: number } | null = null;
  private readonly ctx: CommandContext;
  private readonly lang: Lang;

  constructor(opts: SmtpSessionOptions) {
    this.id = opts.id;
    this.lang = opts.lang ?? 'en';
    const config: SmtpConfig = {
      hostname: opts.hostname ?? DEFAULT_HOSTNAME,
      maxMessageSize: opts.maxMessageSize ?? SMTP_MAX_MESSAGE_SIZE,
      authRequired: opts.authRequired ?? false,
      accounts: opts.accounts,
      transcriptDataLines: opts.transcriptDataLines ?? false,
      starttls: opts.tls?.starttls ?? false,
      authRequiresTls: opts.tls?.authRequiresTls ?? false,
      failures: opts.failures ?? null,
    };
    const data: SmtpSessionData = {
      greeting: null,
      clientDomain: null,
      remoteAddress: opts.remoteAddress,
      authenticatedAs: null,
      authFailures: 0,
      transaction: null,
      secure: opts.tls?.secure ?? false,
    };
    const session = this;
    this.ctx = {
      config,
      env: opts.env ?? systemEnvironment,
      data,
      commands: SMTP_COMMANDS,
      sessionId: opts.id,
      store: opts.store,
      onMessage: opts.onMessage ?? null,
      get state() {
        return session.current;
      },
    };
  }

  get state(): SmtpState {
    return this.current;
  }

  get expect(): Expect {
    return this.pending ? this.pendingExpect : COMMAND_EXPECT;
  }

  /** Mid-message: a shutdown lets the content finish and be stored first (LineServer.close). */
  get busy(): boolean {
    return this.current === 'DATA';
  }

  /** The user the client authenticated as, or null. */
  get authenticatedAs(): string | null {
    return this.ctx.data.authenticatedAs;
  }

  async greet(): Promise<Step> {
    // At once, with no delay (RFC 5321 3.1): a greeting delay only slows honest clients.
    return { out: [`220 ${this.ctx.config.hostname} ESMTP l7lab mock mail server: mail is captured, never relayed`] };
  }

  line(line: Buffer, end: Terminator): Promise<Step> {
    try {
      return this.settle(this.lineNow(line, end));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** A line of message content comes back at once; only the final dot (the store) is async. */
  lineNow(line: Buffer, end: Terminator): Step | Promise<Step> {
    if (this.current === 'CLOSED') return { out: [], close: true, closeReason: 'quit' };
    const pending = this.pending;
    if (pending) {
      const result = pending.line(this.ctx, line, end);
      return result instanceof Promise ? result.then((o) => this.afterPending(pending, o)) : this.afterPending(pending, result);
    }
    this.lastLineKind = 'command';
    // Command lines are UTF-8: RFC 6531 3.3 allows it in addresses after SMTPUTF8. Malformed
    // UTF-8 would decode to U+FFFD and an address nobody sent would be accepted and stored.
    if (!isUtf8(line)) return this.bad('500 5.5.2 Syntax error: the command line is not valid UTF-8 (RFC 6531 3.3)');
    return this.command(() => dispatch(this.ctx, line.toString('utf8')));
  }

  private afterPending(pending: PendingInput, outcome: PendingOutcome): Step {
    this.lastLineKind = pending.lineKind;
    if (pending.summary) this.lastSummary = pending.summary;
    if (outcome.finished) this.pending = null;
    return this.apply(outcome);
  }

  /** A shared step (a line of content) gets a shared, already resolved promise: no allocation per line. */
  private settle(step: Step | Promise<Step>): Promise<Step> {
    if (step instanceof Promise) return step;
    if (!Object.isFrozen(step)) return Promise.resolve(step);
    let settled = settledSteps.get(step);
    if (!settled) settledSteps.set(step, (settled = Promise.resolve(step)));
    return settled;
  }

  async bytes(_data: Buffer): Promise<Step> {
    throw new Error('SMTP reads lines only');
  }

  async overflow(): Promise<Step> {
    const pending = this.pending;
    if (pending) {
      const outcome = pending.overflow(this.ctx);
      if (outcome.finished) this.pending = null;
      return this.apply(outcome);
    }
    this.lastLineKind = 'command';
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
    this.ctx.data.transaction = null;
  }

  explain(direction: Direction, text: string): string | null {
    if (direction === 'server') return smtpKnowledge.explainServerLine(text, this.lang);
    if (this.lastLineKind === 'command') return explainSmtpClientLine(text, this.lang);
    return explainSmtpContentLine(this.lastLineKind, this.lastSummary, this.lang);
  }

  private command(run: () => Outcome): Step {
    let outcome: Outcome;
    try {
      outcome = run();
    } catch (err) {
      const rendered = renderError(err);
      return rendered.bad ? this.bad(rendered.reply) : this.apply({ replies: [rendered.reply] });
    }
    return this.apply(outcome);
  }

  /** Count a client error; past SMTP_MAX_BAD_COMMANDS the session ends with 421 (RFC 5321 4.2.2). */
  private bad(reply: string): Step {
    this.badCommands++;
    if (this.badCommands >= SMTP_MAX_BAD_COMMANDS) {
      return this.closeWith(`421 4.7.0 ${this.ctx.config.hostname} Too many errors, closing connection`, 'error');
    }
    return this.apply({ replies: [reply] });
  }

  private closeWith(reply: string, reason: string): Step {
    return this.apply({ replies: [reply], next: 'CLOSED', close: reason });
  }

  private apply(outcome: Outcome): Step {
    // A frozen outcome only carries replies and a note (see DataPending): no state change.
    if (Object.isFrozen(outcome)) {
      let step = sharedSteps.get(outcome);
      if (!step) sharedSteps.set(outcome, (step = Object.freeze(this.toStep(outcome))));
      return step;
    }
    if (outcome.pending) {
      this.pending = outcome.pending;
      this.pendingExpect = { mode: 'line', maxLine: outcome.pending.maxLine };
    }
    if (outcome.next) this.current = outcome.next;
    if (outcome.close) {
      this.current = 'CLOSED';
      this.pending = null;
    }
    return this.toStep(outcome);
  }

  private toStep(outcome: Outcome): Step {
    const step: Step = { out: outcome.replies };
    if (outcome.close) {
      step.close = true;
      step.closeReason = outcome.close;
    }
    if (outcome.note) step.client = outcome.note;
    if (outcome.layers) step.layers = outcome.layers;
    if (outcome.startTls) step.startTls = true;
    if (outcome.delayMs) step.delayMs = outcome.delayMs;
    return step;
  }
}
