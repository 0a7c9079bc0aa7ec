import type { Accounts } from '../accounts.js';
import { runCommand, type AnyCommandSpec } from '../command.js';
import { POP3_COMMAND_LINE, POP3_IDLE_TIMEOUT_MS } from '../../limits.js';
import { DEFAULT_HOSTNAME, type ClientNote, type Expect, type ProtocolSession, type SessionTls, type Step, type Terminator } from '../session.js';
import type { MailStore } from '../../mailstore/types.js';
import { parseLine } from './commands/args.js';
import { POP3_COMMANDS } from './commands/index.js';
import { pop3ClientKey, pop3ServerKey, type Answers } from './knowledge/keys.js';
import type { Maildrop } from './maildrop.js';
import { clampReply, POP3_GREETING, renderError } from './replies.js';
import type { AuthorizationContext, Pop3Change, Pop3Context, Pop3Outcome, Pop3Pending, Pop3State } from './types.js';
import { standaloneGuard, type LoginGuard } from '../auth-delay.js';

export { POP3_GREETING } from './replies.js';

export interface Pop3SessionOptions {
  id: string;
  store: MailStore;
  accounts: Accounts;
  /** The APOP timestamp for the greeting (apopTimestamp()): injected, so the session never reads the clock. */
  timestamp: string;
  hostname?: string;
  /** The server's autologout, only to say it in the timeout reply. */
  idleTimeoutMs?: number;
  commands?: ReadonlyMap<string, AnyCommandSpec<Pop3State, Pop3Context, string, Pop3Outcome>>;
  /** STLS offered (RFC 2595 4), inside TLS from the start (POP3S, RFC 8314), passwords only inside TLS (RFC 2595 2.2). */
  tls?: Partial<SessionTls>;
  /** This connection's view of the brake on guessing (auth-delay.ts); a brake of its own if absent. */
  logins?: LoginGuard;
}

/** 600000 -> "10 minutes", 1500 -> "1.5 seconds", 150 -> "150 ms". */
function duration(ms: number): string {
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} minutes`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} seconds`;
  return `${ms} ms`;
}

const COMMAND_LINE: Expect = { mode: 'line', maxLine: POP3_COMMAND_LINE, commandLine: true };

/**
 * One POP3 session as a pure state machine (RFC 1939 3): AUTHORIZATION -> TRANSACTION ->
 * UPDATE. It takes a line and returns what to write; the socket, the clock and the terminal
 * live elsewhere. Lines are answered strictly in order, which is all PIPELINING asks of a
 * server (RFC 2449 6.6). Handlers only return outcomes: the state, the session data and the
 * maildrop lock change here alone.
 */
export class Pop3Session implements ProtocolSession {
  readonly protocol = 'pop3' as const;
  readonly id: string;
  private current: Pop3State = 'AUTHORIZATION';
  private tls: SessionTls;
  /** The name of the USER line just before; any other line forgets it (RFC 1939 7). */
  private pendingUser: string | null = null;
  private readonly logins: LoginGuard;
  /** In TRANSACTION: the account whose maildrop is locked, and its snapshot (RFC 1939 4). */
  private login: { account: string; maildrop: Maildrop } | null = null;
  /** Unlocks the maildrop; null once released (QUIT's UPDATE, or the connection gone). */
  private release: (() => void) | null = null;
  /** The one pending slot: a SASL response expected on the next line (RFC 5034 4). */
  private pending: Pop3Pending | null = null;
  private readonly commands: NonNullable<Pop3SessionOptions['commands']>;
  private readonly idleTimeoutMs: number;

  constructor(private readonly opts: Pop3SessionOptions) {
    this.id = opts.id;
    this.commands = opts.commands ?? POP3_COMMANDS;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? POP3_IDLE_TIMEOUT_MS;
    this.logins = opts.logins ?? standaloneGuard();
    this.tls = { starttls: opts.tls?.starttls ?? false, secure: opts.tls?.secure ?? false, loginRequiresTls: opts.tls?.loginRequiresTls ?? false };
  }

  get state(): Pop3State {
    return this.current;
  }

  get expect(): Expect {
    // A SASL response may be longer than a command line (RFC 5034 4 lets the server set its limit).
    return this.pending?.expect ?? COMMAND_LINE;
  }

  async greet(): Promise<Step> {
    return this.step({ replies: [`${POP3_GREETING} ${this.opts.timestamp}`], layers: ['L5'] }, 'GREETING');
  }

  /** POP3 treats CRLF and a bare LF alike: nothing in RFC 1939 depends on the difference. */
  async line(line: Buffer, end: Terminator = { crlf: true }): Promise<Step> {
    const text = line.toString('latin1');
    const pending = this.pending;
    if (pending) {
      this.pending = null;
      const outcome = await this.guard(async () => pending.line(this.authorization(null), line, end));
      return this.step(outcome, 'SASL', { text, mode: 'sasl', note: { secret: true, layer: 'L6' } });
    }
    // PASS must follow USER at once (RFC 1939 7): the name is handed to this line only.
    const userBefore = this.pendingUser;
    this.pendingUser = null;
    let verb = '';
    const outcome = await this.guard(async () => {
      const parsed = parseLine(text);
      verb = parsed.keyword;
      return runCommand(this.commands, verb, this.current, parsed.rest, (state) => this.narrow(state, userBefore));
    });
    const secret = this.commands.get(verb)?.secret === true;
    return this.step(outcome, verb, { text, ...(secret ? { note: { secret: true } } : {}) });
  }

  async bytes(_data?: Buffer): Promise<Step> {
    // POP3 never asks for a byte count; nothing to do.
    return { out: [] };
  }

  async overflow(): Promise<Step> {
    this.pendingUser = null;
    const pending = this.pending;
    this.pending = null;
    // The line itself was discarded unseen: nothing explains it (knowledge null).
    if (pending?.overflow) return { ...this.step(pending.overflow(this.authorization(null)), 'SASL'), client: { knowledge: null } };
    return { ...this.step({ replies: [`-ERR line too long: at most ${POP3_COMMAND_LINE} octets including CRLF (RFC 2449 4)`] }, 'OVERFLOW'), client: { knowledge: null } };
  }

  /**
   * Autologout (RFC 1939 3): the session does not enter UPDATE, so nothing is removed.
   * RFC 1939 lets the server close silently; like Dovecot we say why first, so a learner
   * at a terminal does not just see the connection vanish.
   */
  timeout(cause: 'idle' | 'deadline' = 'idle'): Step {
    const why = cause === 'deadline' ? 'a command line arrived too slowly' : `autologout: idle for ${duration(this.idleTimeoutMs)}`;
    return this.step({ replies: [`-ERR ${why}; nothing was deleted`], close: 'timeout' }, 'TIMEOUT');
  }

  shutdown(): Step {
    return this.step({ replies: ['-ERR [SYS/TEMP] server shutting down; nothing was deleted'], close: 'shutdown' }, '');
  }

  /** However the connection ended, release the lock; marked messages stay (RFC 1939 3). */
  async closed(): Promise<void> {
    this.pending = null;
    this.releaseLock();
  }

  /**
   * The context for a command admitted in `state`: the one run-time check that a state's
   * guarantees hold (in TRANSACTION a maildrop is locked). No command runs in UPDATE.
   */
  private narrow(state: Pop3State, pendingUser: string | null): Pop3Context {
    if (state === 'AUTHORIZATION') return this.authorization(pendingUser);
    if (state === 'TRANSACTION' && this.login) return { ...this.services(), state, account: this.login.account, maildrop: this.login.maildrop };
    throw new Error(`POP3 session ${this.id}: no command context in the ${state} state`);
  }

  private authorization(pendingUser: string | null): AuthorizationContext {
    return { ...this.services(), state: 'AUTHORIZATION', pendingUser, logins: this.logins };
  }

  private services(): { store: MailStore; accounts: Accounts; timestamp: string; hostname: string; tls: SessionTls } {
    const { store, accounts, timestamp } = this.opts;
    return { store, accounts, timestamp, hostname: this.opts.hostname ?? DEFAULT_HOSTNAME, tls: this.tls };
  }

  /** The one place a typed error becomes a reply; anything else is a bug and propagates. */
  private async guard(run: () => Promise<Pop3Outcome>): Promise<Pop3Outcome> {
    try {
      return await run();
    } catch (err) {
      const line = renderError(err);
      if (line === null) throw err;
      return { replies: [line] };
    }
  }

  private apply(change: Pop3Change): void {
    if (change.pendingUser !== undefined) this.pendingUser = change.pendingUser;
    if (change.login) {
      this.login = { account: change.login.account, maildrop: change.login.maildrop };
      this.release = change.login.release;
    }
    if (change.secure) this.tls = { ...this.tls, secure: true };
    if (change.mark) this.login?.maildrop.mark(change.mark);
    if (change.unmarkAll) this.login?.maildrop.reset();
  }

  private releaseLock(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }

  /**
   * Apply an outcome and build its step, with the knowledge keys of every line: `answers`
   * is what the replies answer (the command just run, or a moment such as 'GREETING').
   */
  private step(outcome: Pop3Outcome, answers: Answers, client?: { text: string; mode?: string; note?: ClientNote }): Step {
    if (outcome.change) this.apply(outcome.change);
    if (outcome.next) this.current = outcome.next;
    // UPDATE (RFC 1939 6): the marked messages are gone; the maildrop is free for the next session.
    if (outcome.next === 'UPDATE') this.releaseLock();
    if (outcome.pending) this.pending = outcome.pending;
    const out = outcome.replies.map((item) => (typeof item === 'string' ? clampReply(item) : item));
    const knowledge = out.map((item, i) => outcome.knowledge?.[i] ?? (typeof item === 'string' ? pop3ServerKey(item, answers) : null));
    const clientKey = client ? pop3ClientKey(client.text, client.mode) : null;
    const note = client ? { ...client.note, ...outcome.note, knowledge: clientKey } : outcome.note;
    return {
      out,
      knowledge,
      ...(outcome.close ? { close: true, closeReason: outcome.close } : {}),
      ...(note ? { client: note } : {}),
      ...(outcome.layers ? { layers: outcome.layers } : {}),
      ...(outcome.startTls ? { startTls: true } : {}),
      ...(outcome.delayMs ? { delayMs: outcome.delayMs } : {}),
    };
  }
}
