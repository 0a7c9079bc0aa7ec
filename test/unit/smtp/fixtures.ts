import { Accounts, DEMO_ACCOUNTS } from '../../../src/protocols/accounts.js';
import { Dialog, splitLines, type DialogRow } from '../../support/dialog.js';
import type { MessageEvent } from '../../../src/protocols/transcript.js';
import { StoreWriteError, type Delivery, type Envelope } from '../../../src/mailstore/types.js';
import { SmtpSession, type SmtpSessionOptions } from '../../../src/protocols/smtp/session.js';
import type { SmtpEnvironment } from '../../../src/protocols/smtp/env.js';

/** A store that only delivers, recording what it got; can be told to fail. */
export class FakeStore {
  readonly delivered: Array<{ envelope: Envelope; raw: Buffer; receivedAt: Date | undefined }> = [];
  failWith: StoreWriteError | null = null;
  private next = 0;

  async deliver(envelope: Envelope, raw: Buffer, receivedAt?: Date): Promise<Delivery[]> {
    if (this.failWith) throw this.failWith;
    this.delivered.push({ envelope, raw: Buffer.from(raw), receivedAt });
    return envelope.to.map((recipient) => ({
      account: recipient.split('@')[0]?.toLowerCase() ?? recipient,
      mailbox: 'INBOX',
      recipient,
      meta: { id: `m${++this.next}`, uid: this.next, size: raw.length, internalDate: receivedAt ?? new Date(0), flags: [] },
    }));
  }
}

export const FIXED_DATE = new Date(Date.UTC(2025, 0, 7, 9, 5, 3));

/** Deterministic clock and randomness: queue ids Q1, Q2, ...; CRAM challenges <1.1@host>, <2.2@host>, ... */
export function fixedEnv(): SmtpEnvironment {
  let q = 0;
  let c = 0;
  return {
    now: () => FIXED_DATE,
    queueId: () => `Q${++q}`,
    cramChallenge: (host) => `<${++c}.${c}@${host}>`,
  };
}

export interface Harness {
  session: SmtpSession;
  store: FakeStore;
  wire: Wire;
  messages: MessageEvent[];
}

export function makeSession(opts: Partial<SmtpSessionOptions> = {}): Harness {
  const store = new FakeStore();
  const messages: MessageEvent[] = [];
  const session = new SmtpSession({
    id: 'smtp-test',
    remoteAddress: '127.0.0.1',
    store,
    accounts: new Accounts(DEMO_ACCOUNTS),
    env: fixedEnv(),
    onMessage: (e) => messages.push(e),
    ...opts,
  });
  return { session, store, wire: new Wire(session), messages };
}

/**
 * The one Dialog (test/support/dialog.ts) seen as SMTP reply lines: text is sent as UTF-8
 * (SMTPUTF8 addresses), answers come back split into lines.
 */
export class Wire {
  readonly dialog: Dialog<SmtpSession>;

  constructor(readonly session: SmtpSession) {
    this.dialog = new Dialog(session);
  }

  get steps(): Dialog['steps'] {
    return this.dialog.steps;
  }

  get closed(): boolean {
    return this.dialog.closed;
  }

  /** Every reply line written so far. */
  get out(): string[] {
    return splitLines(this.dialog.written);
  }

  async start(): Promise<string[]> {
    return splitLines(await this.dialog.greet());
  }

  /** Send bytes in chunks of `chunk` octets; returns the reply lines they caused. */
  async send(data: string | Buffer, chunk = Number.POSITIVE_INFINITY): Promise<string[]> {
    return splitLines(await this.dialog.send(Buffer.from(data), chunk));
  }

  /** One line with CRLF; returns its replies. */
  line(text: string): Promise<string[]> {
    return this.send(`${text}\r\n`);
  }
}

/** The reply code a list of reply lines ends with ('' when there was none). */
export function lastCode(replies: string[]): string {
  const last = replies[replies.length - 1];
  return last === undefined ? '' : last.slice(0, 3);
}

/**
 * Run DialogRows; each result row holds what the answer was, for a readable table diff: its
 * last reply code where the row wants a code ('' is no reply at all), the RegExp itself
 * where a wanted pattern matched (else the answer).
 */
export async function runDialog(wire: Wire, rows: readonly DialogRow[]): Promise<Array<[string, string | RegExp, string[]]>> {
  const got: Array<[string, string | RegExp, string[]]> = [];
  for (const [line, want] of rows) {
    const replies = await wire.line(line);
    const answer = typeof want === 'string' ? lastCode(replies) : want.test(replies.join('\r\n')) ? want : replies.join('\r\n');
    got.push([line, answer, replies]);
  }
  return got;
}

export const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * The client's bytes as stored: what follows the header fields the server prepends
 * (Return-Path, the three-line Received, an optional Message-ID). Throws when the stored
 * message does not begin with exactly those fields, so nothing else can hide in between.
 */
export function clientPart(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const m = /^Return-Path: [^\r\n]*\r\nReceived: [^\r\n]*\r\n\t[^\r\n]*\r\n\t[^\r\n]*\r\n(?:Message-ID: [^\r\n]*\r\n)?/.exec(text);
  if (!m) throw new Error(`no trace header in ${JSON.stringify(text.slice(0, 200))}`);
  return raw.subarray(m[0].length);
}
