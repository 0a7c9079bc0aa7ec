import type { Lang } from '../i18n.js';
import type { EventSource } from '../conversation/hub-link.js';
import { Conversation } from '../conversation/pairing.js';
import type { LineEvent } from '../protocols/transcript.js';
import type { Protocol } from '../protocol.js';
import { theme } from '../ui/theme.js';
import { WireError, type WireClient } from '../wire/client.js';
import type { WireReply } from '../wire/reply-framer.js';
import type { InputMode } from '../conversation/input-mode.js';
import { complete } from './completion.js';
import { explainClient, explainReply, verbOf } from '../explain/explainer.js';
import { challengeOf, HELPER_NAMES, parseHelper } from './helpers.js';
import { worthSaving, type History } from './history.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import { STARTTLS } from '../protocol.js';
import { msg, type MessageKey } from './messages.js';
import { DataCollector, LiteralCollector, literalAnnouncement } from './multiline.js';
import { dataOutgoing, literalOutgoing, type Outgoing } from './outgoing.js';
import { RawQueue } from './raw-view.js';
import { explained, renderExchange, sentLine, type ShownLine } from './render.js';
import { runHelper } from './shell-helpers.js';
import { ensureTag, TagCounter } from './tags.js';
import { HttpTurn } from './http-turn.js';

/**
 * The practice shell's conversation: one typed line at a time, sent with CRLF, the whole
 * reply read and shown explained. Knows the protocol's multi-line steps (DATA, literals,
 * SASL continuations) and adds IMAP tags. No terminal here: terminal.ts feeds it lines.
 */
export type Wire = Pick<WireClient, 'send' | 'sendRawLines' | 'sendHttp' | 'waitFor' | 'takeLines' | 'localPort'> & { onData: WireClient['onData'] } & Partial<Pick<WireClient, 'tls'>>;

export interface ShellOptions {
  protocol: Protocol;
  lang: Lang;
  wire: Wire;
  /** Where the lab's transcript events for this connection come from (null: not the lab). */
  events: EventSource | null;
  history: History;
  out: (text: string) => void;
  /** How long to wait for the server to close after its goodbye. */
  closeWaitMs: number;
  /** How long the wire waits for a whole reply (for the message when one does not come). */
  replyTimeoutMs: number;
  /** host:port, for the hint after STARTTLS. */
  where?: string;
}

/** What the terminal does next: read another line, or stop (the user quit, or the server left). */
export type Outcome = 'more' | 'quit' | 'closed';

export class PracticeShell {
  mode: InputMode = 'command';
  state: string | null = null;
  private raw = false;
  private greeting = '';
  private challenge: string | null = null;
  private lastCommand = 'GREETING';
  private data: DataCollector | null = null;
  private literal: { collector: LiteralCollector; head: Outgoing[] } | null = null;
  private readonly tags = new TagCounter();
  private readonly hinted = new Set<MessageKey>();
  private readonly rawQueue = new RawQueue();
  /** A command is on the wire: its reply owns whatever arrives. */
  private inFlight = false;
  private listener: (() => void) | null = null;
  private readonly conversation: Conversation;
  /** HTTP: lines are collected into a request and answered whole (http-turn.ts); null for the others. */
  private readonly http: HttpTurn | null;

  constructor(private readonly o: ShellOptions) {
    this.conversation = new Conversation(o.events, () => o.wire.localPort);
    const turn = { lang: o.lang, wire: o.wire, events: o.events, out: o.out, raw: () => this.raw, tls: () => this.overTls() };
    this.http = o.protocol === 'http' ? new HttpTurn(turn) : null;
    o.wire.onData = (data) => {
      // HTTP's raw view comes from the response's own parts (http-view.ts), not from this queue.
      if (!this.http) this.rawQueue.push(data);
      // After the framer has the bytes too (it is fed right after this tap).
      if (!this.inFlight && this.listener) setImmediate(this.listener);
    };
  }

  /** Be told when the server sends something between commands (IMAP IDLE updates, a 421 before it closes). */
  onServerSpeaks(listener: () => void): void {
    this.listener = listener;
  }

  /**
   * What the server sent on its own since the last reply, rendered (null: nothing whole yet),
   * and whether it was a goodbye.
   */
  takePushed(): { text: string; bye: boolean } | null {
    if (this.inFlight) return null;
    const lines = this.o.wire.takeLines();
    if (lines.length === 0) return null;
    const reply: WireReply = { protocol: this.o.protocol, lines, status: /^\d{3}/.exec(lines[lines.length - 1] as string)?.[0] ?? '', continuation: false };
    return { text: this.render([], reply, this.mode), bye: this.isGoodbye(reply) };
  }

  /** Show the greeting the connection opened with. */
  start(greeting: WireReply): void {
    // HTTP has no greeting: the client speaks first.
    if (greeting.lines.length === 0) return;
    this.greeting = greeting.lines.join(' ');
    this.showReply([], greeting, 'command', this.overTls());
  }

  prompt(): string {
    if (this.http) return `http ${this.http.state}> `;
    if (this.mode === 'data') return 'data> ';
    if (this.mode === 'literal') return `literal ${this.literal?.collector.missing ?? 0}> `;
    if (this.mode === 'continuation') return '+> ';
    return this.state === null ? `${this.o.protocol}> ` : `${this.o.protocol} ${this.state}> `;
  }

  /** The next line is part of a message (DATA body, an IMAP literal): never a command to recall. */
  takesBody(): boolean {
    return this.mode === 'data' || this.mode === 'literal' || this.http?.inBody === true;
  }

  readonly completer = (line: string): [string[], string] =>
    complete(line, { knowledge: KNOWLEDGE[this.o.protocol], state: this.http?.state ?? this.state, mode: this.mode, helpers: HELPER_NAMES });

  async handle(line: string): Promise<Outcome> {
    if (this.http && (this.http.inBody || !line.trimStart().startsWith(':'))) return this.httpLine(this.http, line);
    if (this.mode === 'data') return this.dataLine(line);
    if (this.mode === 'literal') return this.literalLine(line);
    if (line.trimStart().startsWith(':')) return this.helper(line);
    if (this.mode === 'continuation') return this.exchange([{ text: line }], 'continuation');
    if (line.trim() === '') return 'more';
    await this.remember(line);
    let text = line;
    if (this.o.protocol === 'imap') {
      const tagged = ensureTag(line, new Set(KNOWLEDGE.imap.commands.keys()), this.tags);
      text = tagged.line;
      if (tagged.added) this.hint('tagAdded', { tag: tagged.tag });
      // LITERAL+ (RFC 7888): the literal follows at once, without waiting for `+`.
      const literal = literalAnnouncement(text);
      if (literal?.nonSync) return this.startLiteral(literal.size, [{ text }]);
    }
    this.lastCommand = verbOf(this.o.protocol, text);
    return this.exchange([{ text }], 'command');
  }

  /** HTTP: the request goes out whole (http-turn.ts); a response that closes ends the shell. */
  private async httpLine(http: HttpTurn, line: string): Promise<Outcome> {
    if (!http.inBody) await this.remember(line);
    this.inFlight = true;
    const result = await http.line(line).catch((err: unknown) => this.failed(err, [], 'command', this.overTls()));
    this.inFlight = false;
    if (http.labState !== null) this.state = http.labState;
    return result !== 'close' ? result : (await this.waitForClose()) ? 'closed' : 'more';
  }

  private async helper(line: string): Promise<Outcome> {
    const call = parseHelper(line);
    if (!call) return 'more';
    await this.remember(line);
    if (call.name === 'body') {
      this.o.out(this.http ? await this.http.attachBody(call.rest.trim()) : theme.warn(msg(this.o.lang, 'bodyOnlyHttp')));
      return 'more';
    }
    const result = await runHelper(call, {
      protocol: this.o.protocol,
      lang: this.o.lang,
      state: this.http?.state ?? this.state,
      greeting: this.greeting,
      challenge: this.challenge,
      history: this.o.history,
      toggleRaw: () => (this.raw = !this.raw),
    });
    if (result.text !== '') this.o.out(result.text);
    return result.quit ? 'quit' : 'more';
  }

  private async remember(line: string): Promise<void> {
    if (!worthSaving(line, this.o.protocol)) return;
    const failed = await this.o.history.add(line);
    if (failed !== null) this.o.out(theme.warn(msg(this.o.lang, 'historyUnwritable', { path: this.o.history.path, why: failed })));
  }

  private hint(key: MessageKey, values: Record<string, string | number> = {}): void {
    if (this.hinted.has(key)) return;
    this.hinted.add(key);
    this.o.out(theme.dim(msg(this.o.lang, key, values)));
  }

  private async dataLine(line: string): Promise<Outcome> {
    const data = this.data as DataCollector;
    if (!data.push(line)) return 'more';
    this.data = null;
    return this.exchange(dataOutgoing(data, this.o.lang), 'data');
  }

  private startLiteral(size: number, head: Outgoing[]): Outcome {
    this.literal = { collector: new LiteralCollector(size), head };
    this.mode = 'literal';
    this.hint('literalMode', { size });
    return 'more';
  }

  private async literalLine(line: string): Promise<Outcome> {
    const literal = this.literal as { collector: LiteralCollector; head: Outgoing[] };
    const lines = literal.collector.push(line);
    if (lines === null) return 'more';
    this.literal = null;
    return this.exchange([...literal.head, ...literalOutgoing(lines, this.o.lang)], 'literal');
  }

  /** Send lines, read the reply, show both; then decide what the next typed line is. */
  private async exchange(lines: Outgoing[], mode: InputMode): Promise<Outcome> {
    let reply: WireReply;
    // Decided before sending: after STARTTLS's go-ahead the wire upgrades, yet that exchange itself was plain.
    const tls = this.overTls();
    this.inFlight = true;
    try {
      const texts = lines.map((l) => l.text);
      reply = texts.length === 1 ? await this.o.wire.send(texts[0] as string) : await this.o.wire.sendRawLines(texts);
    } catch (err) {
      return this.failed(err, lines, mode, tls);
    } finally {
      this.inFlight = false;
    }
    this.showReply(lines, reply, mode, tls);
    if (this.tlsStarts(reply)) return 'closed';
    this.nextMode(reply, lines[lines.length - 1]?.text ?? '');
    return this.isGoodbye(reply) && (await this.waitForClose()) ? 'closed' : 'more';
  }

  /**
   * STARTTLS accepted (RFC 3207 4, RFC 2595 4, RFC 3501 6.2.1): the server now waits for a TLS
   * handshake, which this shell does not do, so nothing typed in plain text can follow.
   */
  private tlsStarts(reply: WireReply): boolean {
    const upgrade = STARTTLS[this.o.protocol];
    if (!upgrade || this.lastCommand !== upgrade.verb || reply.status !== upgrade.ok) return false;
    this.o.out(theme.warn(msg(this.o.lang, 'tlsNow', { protocol: this.o.protocol, where: this.o.where ?? '<host>:<port>' })));
    return true;
  }

  /** Lines on a TLS connection are marked [TLS], as serve and the lessons mark them (ui/transcript-view.ts). */
  private overTls(): boolean {
    return (this.o.wire.tls ?? null) !== null;
  }

  private showReply(sent: Outgoing[], reply: WireReply, mode: InputMode, tls: boolean): void {
    if (reply.continuation) this.challenge = challengeOf(reply.lines) ?? this.challenge;
    this.o.out(this.render(sent, reply, mode, tls));
  }

  private render(sent: Outgoing[], reply: WireReply, mode: InputMode, tls = this.overTls()): string {
    const paired = this.conversation.pair(sent, reply.lines);
    const local = explainReply(this.o.protocol, reply.lines, this.lastCommand, this.o.lang);
    const shown: ShownLine[] = [
      ...sent.map((l, i) => ({ ...this.clientLine(l, paired.client[i], mode), tls })),
      ...reply.lines.map((text, i) => ({
        direction: 'server' as const,
        text,
        tls,
        explanation: explained(paired.server[i], this.o.lang) ?? local[i] ?? null,
        bytes: this.rawQueue.take(text),
      })),
    ];
    if (paired.state !== null) this.state = paired.state;
    return renderExchange(shown, this.o.events ? this.state : null, { lang: this.o.lang, raw: this.raw });
  }

  private clientLine(line: Outgoing, event: LineEvent | undefined, mode: InputMode): ShownLine {
    return sentLine(line, event, explainClient(this.o.protocol, line.text, mode, this.o.lang, this.lastCommand), this.o.lang);
  }

  /** SMTP 354 opens DATA; 334 and `+` ask for a response; an IMAP `+` after `{n}` asks for the literal. */
  private nextMode(reply: WireReply, lastSent: string): void {
    this.mode = 'command';
    if (!reply.continuation) return;
    if (this.o.protocol === 'smtp' && reply.status === '354') {
      this.data = new DataCollector();
      this.mode = 'data';
      this.hint('dataMode');
      return;
    }
    const literal = this.o.protocol === 'imap' ? literalAnnouncement(lastSent) : null;
    if (literal && !literal.nonSync) {
      this.startLiteral(literal.size, []);
      return;
    }
    this.mode = 'continuation';
    this.hint(this.lastCommand === 'IDLE' ? 'idle' : 'continuation');
  }

  /** A goodbye: SMTP 221/421 (RFC 5321 4.1.1.10, 3.8), the reply to POP3 QUIT, IMAP BYE (RFC 3501 7.1.5). */
  private isGoodbye(reply: WireReply): boolean {
    const { protocol } = this.o;
    return (
      (protocol === 'smtp' && (reply.status === '221' || reply.status === '421')) ||
      (protocol === 'pop3' && this.lastCommand === 'QUIT') ||
      (protocol === 'imap' && reply.lines.some((l) => /^\* BYE\b/i.test(l)))
    );
  }

  /** After a goodbye, wait (bounded) for the server to close, and say so when it did. */
  async waitForClose(): Promise<boolean> {
    try {
      await this.o.wire.waitFor(/(?!)/, this.o.closeWaitMs);
    } catch (err) {
      if (err instanceof WireError && err.kind === 'timeout') return false;
    }
    this.o.out(theme.dim(msg(this.o.lang, 'closed')));
    return true;
  }

  private failed(err: unknown, lines: Outgoing[], mode: InputMode, tls: boolean): Outcome {
    if (!(err instanceof WireError)) throw err;
    const { lang, protocol } = this.o;
    if (err.kind === 'timeout') {
      // What did arrive stays in the framer and is shown with the reply it belongs to.
      this.showReply(lines, { protocol, lines: [], status: '', continuation: false }, mode, tls);
      this.mode = 'command';
      this.o.out(theme.warn(msg(lang, 'noReply', { seconds: Math.round(this.o.replyTimeoutMs / 1000), protocol: protocol.toUpperCase() })));
      return 'more';
    }
    // Whatever the server said before it left is worth seeing; the lines sent may never have left.
    if (err.partial.length > 0) this.showReply(lines, { protocol, lines: err.partial, status: '', continuation: false }, mode, tls);
    this.o.out(theme.dim(err.kind === 'closed' ? msg(lang, 'closed') : err.message));
    return 'closed';
  }
}
