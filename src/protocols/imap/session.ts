import type { Lang } from '../../i18n.js';
import { authFailureDelay } from '../auth-delay.js';
import { AUTH_MAX_FAILURES, IMAP_COMMAND_LINE, IMAP_MAX_BAD_COMMANDS } from '../../limits.js';
import type { ClientNote, Expect, OutItem, ProtocolSession, Step, Terminator } from '../session.js';
import type { Direction, OsiLayer } from '../transcript.js';
import { CommandReader, type ReadStep } from './command-reader.js';
import type { CommandResult, CommandSpec, Continuation, ImapContext, ImapServices, ImapState } from './commands/spec.js';
import { admit } from './dispatch.js';
import { imapKnowledge } from './knowledge.js';
import { ImapParseError, parseCommand, tagOf } from './parser.js';
import { BYE, capabilityList, renderError } from './replies.js';
import type { SelectedMailbox } from './selected-mailbox.js';

/**
 * The IMAP4rev1 session (RFC 3501): a pure state machine. It reads command lines and
 * literals, runs each command through the dispatcher, and returns what to write. It never
 * touches a socket or a clock; for IDLE (RFC 2177) the server gives it a push function
 * (attachPush) through which it sends untagged updates the moment the store changes.
 *
 * Every entry point runs under one lock, so an update pushed during IDLE can never
 * interleave with the answer to a command.
 */
export interface ImapSessionOptions {
  id: string;
  services: ImapServices;
  lang?: Lang;
  /** Inside TLS from the start (IMAPS port, RFC 8314). */
  secure?: boolean;
}

const COMMAND_LINE: Expect = { mode: 'line', maxLine: IMAP_COMMAND_LINE };

/** The first line of LOGIN/AUTHENTICATE carries credentials, and so do its literals. */
const SECRET_COMMAND = /^\S+ (LOGIN|AUTHENTICATE)( |$)/i;

interface Waiting {
  tag: string;
  spec: CommandSpec;
  cont: Continuation;
}

export class ImapSession implements ProtocolSession {
  readonly protocol = 'imap' as const;
  private current: ImapState = 'not authenticated';
  private expecting: Expect = COMMAND_LINE;
  private user: string | null = null;
  private selected: SelectedMailbox | null = null;
  private authFailures = 0;
  private secure: boolean;
  private badCount = 0;
  private discarding = 0;
  private readonly reader = new CommandReader();
  private waiting: Waiting | null = null;
  private push: ((step: Step) => void) | null = null;
  private pushQueued = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: ImapSessionOptions) {
    this.secure = opts.secure ?? false;
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
    const host = this.opts.services.hostname;
    const services = this.opts.services;
    const tls = { starttls: services.tls?.starttls ?? false, secure: this.secure, loginRequiresTls: services.tls?.loginRequiresTls ?? false };
    return { out: [`* OK [CAPABILITY ${capabilityList(tls)}] ${host} l7lab IMAP4rev1 server ready`], layers: ['L5'] };
  }

  line(line: Buffer, _end?: Terminator): Promise<Step> {
    return this.exclusive(() => (this.waiting ? this.continueWith(line) : this.read(line, this.reader.line(line))));
  }

  bytes(data: Buffer): Promise<Step> {
    return this.exclusive(() => {
      const secret = SECRET_COMMAND.test(this.reader.firstLine?.toString('latin1') ?? '');
      const text = this.discarding > 0 ? `[${this.discarding} octets discarded unread]` : `[literal: ${data.length} octets]`;
      this.discarding = 0;
      return this.read(data, this.reader.bytes(data), { text, secret, layer: 'L6' });
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

  timeout(): Step {
    return this.end(BYE.autologout, 'timeout');
  }

  shutdown(): Step {
    return this.end(BYE.shutdown, 'shutdown');
  }

  async closed(): Promise<void> {
    this.selected?.close();
    this.selected = null;
  }

  explain(direction: Direction, text: string): string | null {
    const lang = this.opts.lang ?? 'en';
    return direction === 'client' ? imapKnowledge.explainClientLine(text, lang) : imapKnowledge.explainServerLine(text, lang);
  }

  attachPush(push: (step: Step) => void): void {
    this.push = push;
  }

  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private end(bye: string, reason: string): Step {
    this.selected?.close();
    this.selected = null;
    this.waiting = null;
    this.current = 'logout';
    return { out: [bye], close: true, closeReason: reason };
  }

  private async read(input: Buffer, step: ReadStep, note: ClientNote = {}): Promise<Step> {
    const secret = note.secret || SECRET_COMMAND.test(this.reader.firstLine?.toString('latin1') ?? '');
    const client: ClientNote = { ...note, ...(secret ? { secret: true } : {}) };
    switch (step.kind) {
      case 'command':
        return this.command(step.input, client);
      case 'literal':
        this.expecting = { mode: 'bytes', count: step.count };
        return { out: step.prompt ? [step.prompt] : [], client };
      case 'line':
        this.expecting = { mode: 'line', maxLine: step.maxLine };
        return { out: [], client };
      case 'discard':
        this.discarding = step.count;
        this.expecting = { mode: 'discard', count: step.count };
        return { out: [], client };
      case 'refuse':
        this.expecting = COMMAND_LINE;
        return this.reply([step.reply], 'BAD', client);
      case 'swallowed':
        this.expecting = COMMAND_LINE;
        return { out: [], client: { ...client, text: `${input.toString('latin1')}   [rest of a refused command, not run]` } };
    }
  }

  private context(tag: string, name: string, out: OutItem[]): ImapContext {
    const session = { state: this.current, user: this.user, selected: this.selected, authFailures: this.authFailures, secure: this.secure };
    return { tag, name, services: this.opts.services, session, untagged: (item) => out.push(item) };
  }

  private async command(input: Buffer, client: ClientNote): Promise<Step> {
    const out: OutItem[] = [];
    let tag: string | null = tagOf(input);
    try {
      const parsed = parseCommand(input);
      tag = parsed.tag;
      const { spec, args } = admit(parsed, this.current);
      const note = spec.secret ? { ...client, secret: true } : client;
      if (spec.deselectFirst) this.deselect();
      const result = await spec.handle(this.context(parsed.tag, spec.name, out), args);
      return await this.finish(parsed.tag, spec, result, out, note);
    } catch (err) {
      return this.fail(err, err instanceof ImapParseError ? (err.tag ?? tag) : tag, out, client);
    }
  }

  private async continueWith(line: Buffer): Promise<Step> {
    const { tag, spec, cont } = this.waiting as Waiting;
    this.waiting = null;
    this.selected?.onUpdate(null);
    this.expecting = COMMAND_LINE;
    const client = cont.note?.(line) ?? {};
    const out: OutItem[] = [];
    try {
      const result = await cont.line(line, this.context(tag, spec.name, out));
      return await this.finish(tag, spec, result, out, client);
    } catch (err) {
      return this.fail(err, tag, out, client);
    }
  }

  private fail(err: unknown, tag: string | null, out: OutItem[], client: ClientNote): Step {
    const rendered = renderError(err, tag, this.current);
    out.push(rendered.line);
    return this.reply(out, rendered.status, client);
  }

  private async finish(tag: string, spec: CommandSpec, result: CommandResult, out: OutItem[], client: ClientNote): Promise<Step> {
    const before = this.current;
    this.apply(result);
    if (result.continuation) return this.wait(tag, spec, result.continuation, out, client);
    if (this.selected && this.current === 'selected') out.push(...(await this.selected.updates({ expunges: !spec.holdExpunges })));
    const status = result.status ?? 'OK';
    out.push(`${tag} ${status} ${result.code ? `[${result.code}] ` : ''}${result.text}`);
    const layers: Array<OsiLayer | undefined> = out.map((_, i) => (i === out.length - 1 && this.current !== before ? 'L5' : undefined));
    if (result.close) return { out, client, layers, close: true, closeReason: 'quit' };
    // A failed login is answered after a growing delay (auth-delay.ts), the server waiting.
    const delay = result.authFailed ? { delayMs: authFailureDelay(this.authFailures) } : {};
    if (this.authFailures >= AUTH_MAX_FAILURES) {
      out.push(BYE.tooManyAuth);
      this.current = 'logout';
      return { out, client, layers, close: true, closeReason: 'error', ...delay };
    }
    const step = { ...this.reply(out, status, client, layers), ...delay };
    // STARTTLS: the handshake follows the tagged OK (RFC 3501 6.2.1); capabilities change from here.
    if (result.startTls && !step.close) {
      this.secure = true;
      step.startTls = true;
    }
    return step;
  }

  private async wait(tag: string, spec: CommandSpec, cont: Continuation, out: OutItem[], client: ClientNote): Promise<Step> {
    this.waiting = { tag, spec, cont };
    this.expecting = { mode: 'line', maxLine: cont.maxLine };
    out.push(cont.prompt);
    if (cont.pushUpdates && this.selected) {
      // RFC 2177 3: what is already pending goes out now; later changes as they happen.
      out.push(...(await this.selected.updates({ expunges: true })));
      this.selected.onUpdate(() => this.schedulePush());
    }
    return { out, client };
  }

  /** Count BAD replies; too many and the session says BYE (a client that is lost or hostile). */
  private reply(out: OutItem[], status: 'OK' | 'NO' | 'BAD', client: ClientNote, layers?: Array<OsiLayer | undefined>): Step {
    if (status === 'BAD' && ++this.badCount >= IMAP_MAX_BAD_COMMANDS) {
      out.push(BYE.tooManyBad);
      this.selected?.close();
      this.selected = null;
      this.current = 'logout';
      return { out, client, close: true, closeReason: 'error' };
    }
    return { out, client, ...(layers ? { layers } : {}) };
  }

  private apply(result: CommandResult): void {
    if (result.user !== undefined) this.user = result.user;
    if (result.selected !== undefined) {
      if (this.selected && this.selected !== result.selected) this.selected.close();
      this.selected = result.selected;
    }
    if (result.authFailed) this.authFailures++;
    if (result.next) this.current = result.next;
  }

  /** RFC 3501 6.3.1: SELECT/EXAMINE leave the current mailbox first, even if they then fail. */
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
      if (!this.waiting?.cont.pushUpdates || !this.selected || !this.push) return;
      const lines = await this.selected.updates({ expunges: true });
      if (lines.length > 0) this.push({ out: lines });
    }).catch(() => undefined);
  }
}
