import { AUTH_MAX_FAILURES, IMAP_COMMAND_LINE, IMAP_MAX_BAD_COMMANDS, IMAP_MAX_LITERAL, IMAP_MAX_LITERAL_BEFORE_LOGIN } from '../../limits.js';
import { standaloneGuard, type LoginFailure, type LoginGuard } from '../auth-delay.js';
import { runCommand } from '../command.js';
import type { ClientNote, Expect, OutItem, ProtocolSession, SessionTls, Step, Terminator } from '../session.js';
import type { OsiLayer } from '../transcript.js';
import { CommandReader, type ReadStep } from './command-reader.js';
import { IMAP_COMMANDS } from './commands/index.js';
import type { AuthenticatedContext, ImapCommandSpec, ImapContext, ImapOutcome, ImapPending, ImapState, ImapStatus } from './types.js';
import type { ImapServices } from './services.js';
import { verbOf } from './dispatch.js';
import { clientKey, serverKey } from './knowledge/keys.js';
import { ImapParseError, parseCommand, tagOf } from './parser.js';
import { BYE, capabilityList, NO_TLS, renderError } from './replies.js';
import type { SelectedMailbox } from './selected-mailbox.js';

/**
 * The IMAP4rev1 session (RFC 3501): a pure state machine. It reads command lines and
 * literals, runs each command through the one dispatcher (runCommand), and returns what
 * to write, each line with its knowledge key. It never touches a socket or a clock; for
 * IDLE (RFC 2177) the server gives it a push function (attachPush) through which it sends
 * untagged updates the moment the store changes.
 *
 * Every entry point runs under one lock, so an update pushed during IDLE can never
 * interleave with the answer to a command. State and session data change only here, from
 * what a command's outcome says (`next`, `change`).
 */
export interface ImapSessionOptions {
  id: string;
  services: ImapServices;
  /** STARTTLS offered, inside TLS from the start (IMAPS, RFC 8314), passwords only inside TLS. */
  tls?: Partial<SessionTls>;
  /** This connection's view of the brake on guessing (auth-delay.ts); a brake of its own if absent. */
  logins?: LoginGuard;
}

const COMMAND_LINE: Expect = { mode: 'line', maxLine: IMAP_COMMAND_LINE, commandLine: true };

/** The first line of LOGIN/AUTHENTICATE carries credentials, and so do its literals. */
const SECRET_COMMAND = /^\S+ (LOGIN|AUTHENTICATE)( |$)/i;

interface Waiting {
  tag: string;
  spec: ImapCommandSpec;
  pending: ImapPending;
}

/** Reply lines with their knowledge keys; `command` is the command they answer. */
function keyed(out: OutItem[], command?: string): Step {
  return { out, knowledge: out.map((item) => (typeof item === 'string' ? serverKey(item, command) : null)) };
}

export class ImapSession implements ProtocolSession {
  readonly protocol = 'imap' as const;
  private current: ImapState = 'not authenticated';
  private expecting: Expect = COMMAND_LINE;
  private user: string | null = null;
  private selected: SelectedMailbox | null = null;
  private readonly logins: LoginGuard;
  /** The failed login the command being finished recorded, if any. */
  private lastFailure: LoginFailure | null = null;
  private tls: SessionTls;
  private badCount = 0;
  private discarding = 0;
  /** Before login, literals are held to IMAP_MAX_LITERAL_BEFORE_LOGIN (limits.ts). */
  private readonly reader = new CommandReader(() =>
    this.user === null ? { octets: IMAP_MAX_LITERAL_BEFORE_LOGIN, closeOnExcess: true } : { octets: IMAP_MAX_LITERAL, closeOnExcess: false },
  );
  private waiting: Waiting | null = null;
  private push: ((step: Step) => void) | null = null;
  private pushQueued = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: ImapSessionOptions) {
    this.tls = { ...NO_TLS, ...opts.tls };
    this.logins = opts.logins ?? standaloneGuard();
  }

  get id(): string {
    return this.opts.id;
  }

  get state(): ImapState {
    return this.current;
  }

  get expect(): Expect {
    return this.expecting;
  }

  async greet(): Promise<Step> {
    const line = `* OK [CAPABILITY ${capabilityList(this.tls)}] ${this.opts.services.hostname} l7lab IMAP4rev1 server ready`;
    return { ...keyed([line]), layers: ['L5'] };
  }

  line(line: Buffer, end: Terminator = { crlf: true }): Promise<Step> {
    return this.exclusive(() => {
      if (this.waiting) return this.continueWith(line, end);
      // Only a command's first line says what it is; the lines after a literal go on with it.
      const knowledge = this.reader.collecting ? null : clientKey(line.toString('latin1'));
      return this.read(line, this.reader.line(line), { knowledge });
    });
  }

  bytes(data: Buffer): Promise<Step> {
    return this.exclusive(() => {
      const secret = SECRET_COMMAND.test(this.reader.firstLine?.toString('latin1') ?? '');
      const octets = this.discarding > 0 ? this.discarding : data.length;
      const text = this.discarding > 0 ? `[${octets} octets discarded unread]` : `[literal: ${octets} octets]`;
      this.discarding = 0;
      return this.read(data, this.reader.bytes(data), { text, secret, layer: 'L6', knowledge: { key: 'literal', params: { octets } } });
    });
  }

  /**
   * A line past IMAP_COMMAND_LINE was dropped unseen. Its end might have announced a
   * LITERAL+ literal whose octets are already on their way; reading on would run them as
   * commands, so the only safe answer is BYE (RFC 7888 4 allows closing).
   */
  overflow(): Promise<Step> {
    return this.exclusive(async () => this.end(BYE.lineTooLong, 'error'));
  }

  timeout(cause: 'idle' | 'deadline' = 'idle'): Step {
    return this.end(cause === 'deadline' ? BYE.slowLine : BYE.autologout, 'timeout');
  }

  shutdown(): Step {
    return this.end(BYE.shutdown, 'shutdown');
  }

  async closed(): Promise<void> {
    this.selected?.close();
    this.selected = null;
  }

  attachPush(push: (step: Step) => void): void {
    this.push = push;
  }

  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.chain.then(fn, fn);
    // The chain only orders the work: it must not keep the last result (10,000 FETCH lines) alive.
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private end(bye: string, reason: string): Step {
    this.selected?.close();
    this.selected = null;
    this.waiting = null;
    this.current = 'logout';
    return { ...keyed([bye]), close: true, closeReason: reason };
  }

  private async read(input: Buffer, step: ReadStep, note: ClientNote): Promise<Step> {
    const secret = note.secret || SECRET_COMMAND.test(this.reader.firstLine?.toString('latin1') ?? '');
    const client: ClientNote = { ...note, ...(secret ? { secret: true } : {}) };
    switch (step.kind) {
      case 'command':
        return this.command(step.input, client);
      case 'literal':
        this.expecting = { mode: 'bytes', count: step.count };
        return { ...keyed(step.prompt ? [step.prompt] : []), client };
      case 'line':
        // The rest of a command line after a literal is still the command line, with its deadline.
        this.expecting = { mode: 'line', maxLine: step.maxLine, commandLine: true };
        return { out: [], client };
      case 'discard':
        this.discarding = step.count;
        this.expecting = { mode: 'discard', count: step.count };
        return { out: [], client };
      case 'refuse':
        this.expecting = COMMAND_LINE;
        return this.reply([step.reply], 'BAD', client);
      case 'bye': {
        // RFC 7888 4: the LITERAL+ octets are already on their way; reading them would be the memory asked for.
        const bye = this.end(BYE.literalTooLarge, 'error');
        return { ...bye, ...keyed([step.reply, BYE.literalTooLarge]), client };
      }
      case 'swallowed':
        this.expecting = COMMAND_LINE;
        return { out: [], client: { ...client, text: `${input.toString('latin1')}   [rest of a refused command, not run]`, knowledge: null } };
    }
  }

  /**
   * The context for a command admitted in `state`, narrowed as its spec's states promise
   * (types.ts ContextFor): the one place those promises are checked at run time.
   */
  private context(tag: string, name: string, state: ImapState): ImapContext {
    const base: ImapContext = { tag, name, state, services: this.opts.services, tls: { ...this.tls } };
    if (state !== 'authenticated' && state !== 'selected') return base;
    if (this.user === null) throw new Error(`${name} ran in the ${state} state without a logged-in user`);
    if (state === 'selected' && this.selected === null) throw new Error(`${name} ran in the selected state without a selected mailbox`);
    const narrowed: AuthenticatedContext = { ...base, user: this.user, selected: this.selected };
    return narrowed;
  }

  private async command(input: Buffer, client: ClientNote): Promise<Step> {
    let tag: string | null = tagOf(input);
    let spec: ImapCommandSpec | undefined;
    try {
      const parsed = parseCommand(input);
      tag = parsed.tag;
      const { verb, tokens } = verbOf(parsed);
      spec = IMAP_COMMANDS.get(verb);
      const outcome = await runCommand(IMAP_COMMANDS, verb, this.current, tokens, (state) => this.context(parsed.tag, verb, state));
      return await this.finish(parsed.tag, spec as ImapCommandSpec, outcome, spec?.secret ? { ...client, secret: true } : client);
    } catch (err) {
      return this.fail(err, err instanceof ImapParseError ? (err.tag ?? tag) : tag, client, spec);
    }
  }

  private async continueWith(line: Buffer, end: Terminator): Promise<Step> {
    const { tag, spec, pending } = this.waiting as Waiting;
    this.waiting = null;
    this.selected?.onUpdate(null);
    this.expecting = COMMAND_LINE;
    // A continuation of LOGIN/AUTHENTICATE carries the credential, even when the command then fails.
    const client: ClientNote = { knowledge: clientKey(line.toString('latin1'), pending.mode), ...(spec.secret ? { secret: true } : {}) };
    try {
      const outcome = await pending.line(this.context(tag, spec.name, this.current), line, end);
      return await this.finish(tag, spec, outcome, client);
    } catch (err) {
      return this.fail(err, tag, client, spec);
    }
  }

  private fail(err: unknown, tag: string | null, client: ClientNote, spec?: ImapCommandSpec): Step {
    const rendered = renderError(err, tag, this.current);
    if (rendered.status === 'NO' && spec?.deselectOnFailure) this.deselect();
    return this.reply([rendered.line], rendered.status, client, undefined, spec?.name);
  }

  private async finish(tag: string, spec: ImapCommandSpec, outcome: ImapOutcome, base: ClientNote): Promise<Step> {
    const client = outcome.note ? { ...base, ...outcome.note } : base;
    const before = this.current;
    this.apply(outcome);
    const out: OutItem[] = [...outcome.replies];
    if (outcome.pending) return this.wait(tag, spec, outcome.pending, out, client);
    const status = outcome.status ?? 'OK';
    if (status === 'NO' && spec.deselectOnFailure) this.deselect();
    // A failed command reports no mailbox updates: they wait for the next command.
    if (status !== 'NO' && this.selected && this.current === 'selected') out.push(...(await this.selected.updates({ expunges: !spec.holdExpunges })));
    out.push(`${tag} ${status} ${outcome.code ? `[${outcome.code}] ` : ''}${outcome.text}`);
    const layers: Array<OsiLayer | undefined> = out.map((_, i) => (i === out.length - 1 && this.current !== before ? 'L5' : undefined));
    if (outcome.close) return { ...keyed(out, spec.name), client, layers, close: true, closeReason: outcome.close };
    // A failed login is answered after a growing delay (auth-delay.ts), the server waiting.
    const failure = outcome.change?.authFailed ? this.lastFailure : null;
    const delay = failure && failure.delayMs > 0 ? { delayMs: failure.delayMs } : {};
    if (failure && failure.failures >= AUTH_MAX_FAILURES) {
      out.push(BYE.tooManyAuth);
      this.current = 'logout';
      return { ...keyed(out, spec.name), client, layers, close: true, closeReason: 'error', ...delay };
    }
    const step = { ...this.reply(out, status, client, layers, spec.name), ...delay };
    // STARTTLS: the handshake follows the tagged OK (RFC 3501 6.2.1); capabilities change from here.
    if (outcome.startTls && !step.close) {
      this.tls = { ...this.tls, secure: true };
      step.startTls = true;
    }
    return step;
  }

  private async wait(tag: string, spec: ImapCommandSpec, pending: ImapPending, out: OutItem[], client: ClientNote): Promise<Step> {
    this.waiting = { tag, spec, pending };
    this.expecting = pending.expect;
    out.push(pending.prompt);
    if (pending.pushUpdates && this.selected) {
      // RFC 2177 3: what is already pending goes out now; later changes as they happen.
      out.push(...(await this.selected.updates({ expunges: true })));
      this.selected.onUpdate(() => this.schedulePush());
    }
    return { ...keyed(out, spec.name), client };
  }

  /** Count BAD replies; too many and the session says BYE (a client that is lost or hostile). */
  private reply(out: OutItem[], status: ImapStatus, client: ClientNote, layers?: Array<OsiLayer | undefined>, command?: string): Step {
    if (status === 'BAD' && ++this.badCount >= IMAP_MAX_BAD_COMMANDS) {
      out.push(BYE.tooManyBad);
      this.selected?.close();
      this.selected = null;
      this.current = 'logout';
      return { ...keyed(out, command), client, close: true, closeReason: 'error' };
    }
    return { ...keyed(out, command), client, ...(layers ? { layers } : {}) };
  }

  /** The outcome's changes: the only way a command changes the session. */
  private apply(outcome: ImapOutcome): void {
    const change = outcome.change ?? {};
    if (change.user !== undefined) this.user = change.user;
    if (change.selected !== undefined) {
      if (this.selected && this.selected !== change.selected) this.selected.close();
      this.selected = change.selected;
    }
    if (change.authFailed) this.lastFailure = this.logins.failed();
    if (change.user) this.logins.succeeded();
    if (outcome.next) this.current = outcome.next;
  }

  /** RFC 3501 6.3.1: a SELECT/EXAMINE that fails leaves no mailbox selected. */
  private deselect(): void {
    if (!this.selected) return;
    this.selected.close();
    this.selected = null;
    if (this.current === 'selected') this.current = 'authenticated';
  }

  /** A store change arrived during IDLE: send it now, under the lock, if still idling. */
  private schedulePush(): void {
    if (this.pushQueued || !this.push) return;
    this.pushQueued = true;
    void this.exclusive(async () => {
      this.pushQueued = false;
      if (!this.waiting?.pending.pushUpdates || !this.selected || !this.push) return;
      const lines = await this.selected.updates({ expunges: true });
      if (lines.length > 0) this.push(keyed(lines));
    }).catch(() => undefined);
  }
}
