import type { Accounts } from '../accounts.js';
import type { Lang } from '../../i18n.js';
import { POP3_COMMAND_LINE, POP3_IDLE_TIMEOUT_MS, SASL_MAX_RESPONSE_LINE } from '../../limits.js';
import type { ClientNote, Expect, ProtocolSession, Step, Terminator } from '../session.js';
import type { Direction } from '../transcript.js';
import type { MailStore } from '../../mailstore/types.js';
import { POP3_COMMANDS } from './commands/index.js';
import { SessionData } from './context.js';
import { dispatch, parseLine } from './dispatcher.js';
import { clampReply, renderError } from './errors.js';
import { explainPop3Client, explainPop3Server, type ReplyContext } from './knowledge.js';
import type { CommandSpec, Continuation, Pop3Reply, Pop3State } from './types.js';

export interface Pop3SessionOptions {
  id: string;
  store: MailStore;
  accounts: Accounts;
  /** The APOP timestamp for the greeting (apopTimestamp()): injected, so the session never reads the clock. */
  timestamp: string;
  hostname?: string;
  lang?: Lang;
  /** The server's autologout, only to say it in the timeout reply. */
  idleTimeoutMs?: number;
  commands?: ReadonlyMap<string, CommandSpec>;
  /** TLS: offer STLS (RFC 2595), or start inside TLS (POP3S port, RFC 8314). */
  tls?: { stls?: boolean; secure?: boolean };
}

export const POP3_GREETING = '+OK l7lab POP3 server ready';

/** 600000 -> "10 minutes", 1500 -> "1.5 seconds", 150 -> "150 ms". */
function duration(ms: number): string {
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(1)} minutes`;
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} seconds`;
  return `${ms} ms`;
}

/**
 * One POP3 session as a pure state machine (RFC 1939 3): AUTHORIZATION -> TRANSACTION ->
 * UPDATE. It takes a line and returns what to write; the socket, the clock and the terminal
 * live elsewhere. Lines are answered strictly in order, which is all PIPELINING asks of a
 * server (RFC 2449 6.6).
 */
export class Pop3Session implements ProtocolSession {
  readonly protocol = 'pop3' as const;
  readonly id: string;
  private readonly data: SessionData;
  private readonly commands: ReadonlyMap<string, CommandSpec>;
  private readonly lang: Lang;
  private readonly idleTimeoutMs: number;
  /** The one pending slot: a SASL response expected on the next line (RFC 5034 4). */
  private pending: Continuation | null = null;
  /** What the last server lines answer, so each can be explained in context. */
  private replyContext: ReplyContext = 'GREETING';
  private clientIsSasl = false;

  constructor(opts: Pop3SessionOptions) {
    this.id = opts.id;
    this.data = new SessionData(opts.store, opts.accounts, opts.hostname ?? 'localhost', opts.timestamp);
    this.commands = opts.commands ?? POP3_COMMANDS;
    this.lang = opts.lang ?? 'en';
    this.idleTimeoutMs = opts.idleTimeoutMs ?? POP3_IDLE_TIMEOUT_MS;
    this.data.stlsOffered = opts.tls?.stls ?? false;
    this.data.secure = opts.tls?.secure ?? false;
  }

  get state(): Pop3State {
    return this.data.state;
  }

  get expect(): Expect {
    // A SASL response may be longer than a command line (RFC 5034 4 lets the server set its limit).
    return { mode: 'line', maxLine: this.pending ? SASL_MAX_RESPONSE_LINE : POP3_COMMAND_LINE };
  }

  async greet(): Promise<Step> {
    this.replyContext = 'GREETING';
    return { out: [clampReply(`${POP3_GREETING} ${this.data.timestamp}`)], layers: ['L5'] };
  }

  /** POP3 treats CRLF and a bare LF alike: nothing in RFC 1939 depends on the difference. */
  async line(line: Buffer, _end?: Terminator): Promise<Step> {
    const text = line.toString('latin1');
    const pending = this.pending;
    this.pending = null;
    if (pending) {
      this.clientIsSasl = true;
      this.replyContext = 'SASL';
      return this.apply(await this.guard(() => pending(this.data, text)), { secret: true, layer: 'L6' });
    }
    this.clientIsSasl = false;
    // PASS must follow USER at once (RFC 1939 7): any other line forgets the name.
    const userBefore = this.data.pendingUser;
    this.data.pendingUser = null;
    let keyword = '';
    let secret = false;
    this.replyContext = 'ERROR';
    const reply = await this.guard(async () => {
      const parsed = parseLine(text);
      keyword = parsed.keyword;
      this.replyContext = keyword;
      secret = this.commands.get(keyword)?.secret === true;
      if (keyword === 'PASS') this.data.pendingUser = userBefore;
      return dispatch(this.commands, this.data, parsed);
    });
    if (keyword !== 'USER') this.data.pendingUser = null;
    return this.apply(reply, secret ? { secret: true } : undefined);
  }

  async bytes(_data?: Buffer): Promise<Step> {
    // POP3 never asks for a byte count; nothing to do.
    return { out: [] };
  }

  async overflow(): Promise<Step> {
    this.replyContext = 'OVERFLOW';
    this.data.pendingUser = null;
    if (this.pending) {
      this.pending = null;
      return { out: [`-ERR SASL response longer than ${SASL_MAX_RESPONSE_LINE} octets; authentication cancelled`] };
    }
    return { out: [`-ERR line too long: at most ${POP3_COMMAND_LINE} octets including CRLF (RFC 2449 4)`] };
  }

  /**
   * Autologout (RFC 1939 3): the session does not enter UPDATE, so nothing is removed.
   * RFC 1939 lets the server close silently; like Dovecot we say why first, so a learner
   * at a terminal does not just see the connection vanish.
   */
  timeout(): Step {
    this.replyContext = 'TIMEOUT';
    return { out: [`-ERR autologout: idle for ${duration(this.idleTimeoutMs)}; nothing was deleted`], close: true, closeReason: 'timeout' };
  }

  shutdown(): Step {
    this.replyContext = 'SHUTDOWN';
    return { out: ['-ERR [SYS/TEMP] server shutting down; nothing was deleted'], close: true, closeReason: 'shutdown' };
  }

  /** However the connection ended, release the lock; marked messages stay (RFC 1939 3). */
  async closed(): Promise<void> {
    this.pending = null;
    this.data.releaseLock();
  }

  explain(direction: Direction, text: string): string | null {
    if (direction === 'client') return explainPop3Client(text, this.lang, this.clientIsSasl);
    return explainPop3Server(text, this.lang, this.replyContext);
  }

  /** The one place a typed error becomes a reply; anything else is a bug and propagates. */
  private async guard(run: () => Promise<Pop3Reply>): Promise<Pop3Reply> {
    try {
      return await run();
    } catch (err) {
      const line = renderError(err);
      if (line === null) throw err;
      return { out: [line] };
    }
  }

  private apply(reply: Pop3Reply, client: ClientNote | undefined): Step {
    if (reply.next) this.data.state = reply.next;
    if (reply.continueWith) this.pending = reply.continueWith;
    const out = reply.out.map((item) => (typeof item === 'string' ? clampReply(item) : item));
    const note = reply.client || client ? { ...client, ...reply.client } : undefined;
    return {
      out,
      ...(reply.close ? { close: true, closeReason: reply.closeReason ?? 'quit' } : {}),
      ...(note ? { client: note } : {}),
      ...(reply.layers ? { layers: reply.layers } : {}),
      ...(reply.startTls ? { startTls: true } : {}),
      ...(reply.delayMs ? { delayMs: reply.delayMs } : {}),
    };
  }
}
