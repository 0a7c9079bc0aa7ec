import { Accounts, DEMO_ACCOUNTS } from '../../../src/protocols/accounts.js';
import { Framer, type Frame } from '../../../src/protocols/transport.js';
import type { Step } from '../../../src/protocols/session.js';
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

/** Feeds bytes through the real Framer exactly as LineServer does, collecting every step. */
export class Wire {
  readonly framer = new Framer();
  readonly out: string[] = [];
  readonly steps: Array<{ frame: Frame | null; step: Step }> = [];
  closed = false;

  constructor(readonly session: SmtpSession) {}

  async start(): Promise<string[]> {
    const step = await this.session.greet();
    this.record(null, step);
    return step.out.map(String);
  }

  /** Send bytes in chunks of `chunk` octets; returns the reply lines they caused. */
  async send(data: string | Buffer, chunk = Number.POSITIVE_INFINITY): Promise<string[]> {
    const bytes = Buffer.from(data);
    const before = this.out.length;
    const size = Math.max(1, Math.min(chunk, bytes.length || 1));
    for (let i = 0; i < bytes.length && !this.closed; i += size) {
      this.framer.push(bytes.subarray(i, i + size));
      await this.pump();
    }
    return this.out.slice(before);
  }

  /** One line with CRLF; returns its replies. */
  line(text: string): Promise<string[]> {
    return this.send(`${text}\r\n`);
  }

  private async pump(): Promise<void> {
    for (let n = 0; n < 100_000 && !this.closed; n++) {
      const frame = this.framer.next(this.session.expect);
      if (frame === null) return;
      const step =
        frame.kind === 'line'
          ? await this.session.line(frame.line, { crlf: frame.crlf })
          : frame.kind === 'overflow'
            ? await this.session.overflow()
            : await this.session.bytes(frame.data);
      this.record(frame, step);
    }
  }

  private record(frame: Frame | null, step: Step): void {
    this.steps.push({ frame, step });
    for (const item of step.out) this.out.push(typeof item === 'string' ? item : item.summary);
    if (step.close) this.closed = true;
  }
}

/** The reply code a list of reply lines ends with ('' when there was none). */
export function lastCode(replies: string[]): string {
  const last = replies[replies.length - 1];
  return last === undefined ? '' : last.slice(0, 3);
}

/** Run `[line, expectedCode]` rows; returns rows whose reply did not match, for a readable diff. */
export async function runDialog(wire: Wire, rows: ReadonlyArray<readonly [string, string]>): Promise<Array<[string, string, string[]]>> {
  const got: Array<[string, string, string[]]> = [];
  for (const [line, _code] of rows) {
    const replies = await wire.line(line);
    got.push([line, lastCode(replies), replies]);
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
