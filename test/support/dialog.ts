import { expect } from 'vitest';
import type { Lang } from '../../src/i18n.js';
import type { Protocol } from '../../src/protocol.js';
import { KNOWLEDGE } from '../../src/protocols/registry.js';
import type { ProtocolSession, Step } from '../../src/protocols/session.js';
import { Framer, type Frame } from '../../src/protocols/transport.js';

/**
 * The one dialog harness for every ProtocolSession (DESIGN.md): bytes go through the real
 * Framer with whatever the session expects next (a line, literal bytes, octets to discard),
 * exactly as the line server feeds it, and everything the session writes (pushes during
 * IMAP IDLE included) is collected, as steps and as wire text. No socket, no clock.
 */
export class Dialog<S extends ProtocolSession = ProtocolSession> {
  private readonly framer = new Framer();
  /** Everything written so far, as one string (raw chunks included, CRLF line ends). */
  written = '';
  closed = false;
  readonly steps: Array<{ frame: Frame | null; step: Step }> = [];

  constructor(readonly session: S) {
    session.attachPush?.((step) => this.collect(null, step));
  }

  /** The greeting, as wire text. */
  async greet(): Promise<string> {
    const before = this.written.length;
    this.collect(null, await this.session.greet());
    return this.written.slice(before);
  }

  /**
   * Send raw client bytes in pieces of `chunk` octets; returns what the server wrote in answer.
   * Bounded: at most 10,000 frames per call; stops at a closing step.
   */
  async send(data: string | Buffer, chunk = Number.POSITIVE_INFINITY): Promise<string> {
    const before = this.written.length;
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
    const size = Math.max(1, Math.min(chunk, bytes.length || 1));
    let frames = 0;
    for (let i = 0; i < bytes.length && !this.closed; i += size) {
      this.framer.push(bytes.subarray(i, i + size));
      for (let frame = this.framer.next(this.session.expect); frame && !this.closed && frames < 10_000; frame = this.framer.next(this.session.expect)) {
        frames++;
        this.collect(frame, await this.feed(frame));
      }
    }
    return this.written.slice(before);
  }

  /** Send one line (CRLF added); returns what the server wrote in answer. */
  line(text: string): Promise<string> {
    return this.send(`${text}\r\n`);
  }

  /** Reply lines (without CRLF) written in answer to one line. */
  async lines(text: string): Promise<string[]> {
    return splitLines(await this.line(text));
  }

  /** Run rows in order: each line sent, its answer checked (see DialogRow). */
  async run(rows: readonly DialogRow[]): Promise<void> {
    for (const [send, want] of rows) {
      const got = await this.line(send);
      expectAnswer(got, want, send);
    }
  }

  /** Wait until the written text contains `text` (bounded: 200 turns of the event loop). */
  async waitFor(text: string): Promise<string> {
    for (let i = 0; i < 200 && !this.written.includes(text); i++) await new Promise((r) => setImmediate(r));
    return this.written;
  }

  private feed(frame: Frame): Promise<Step> {
    if (frame.kind === 'line') return this.session.line(frame.line, { crlf: frame.crlf });
    if (frame.kind === 'overflow') return this.session.overflow();
    return this.session.bytes(frame.data);
  }

  private collect(frame: Frame | null, step: Step): void {
    this.steps.push({ frame, step });
    this.written += wireText(step);
    if (step.close) this.closed = true;
  }
}

/**
 * One row of a table-driven dialog: the line the client sends and what the answer must be.
 * A string is the start of the answer's last line (`'250'`, `'+OK'`, `'a1 OK'`); a RegExp
 * is matched against the whole answer.
 */
export type DialogRow = readonly [send: string, want: string | RegExp];

export function expectAnswer(got: string, want: string | RegExp, sent = ''): void {
  if (typeof want === 'string') {
    const last = splitLines(got).at(-1) ?? '';
    expect(last.startsWith(want), `after ${JSON.stringify(sent)} the answer was ${JSON.stringify(got)}, expected it to end with a line starting ${JSON.stringify(want)}`).toBe(true);
  } else {
    expect(got, `after ${JSON.stringify(sent)}`).toMatch(want);
  }
}

/**
 * What the edge says for a step's lines in `lang` (sessions emit knowledge keys, never words):
 * the client line's key and each reply line's key, described; null where a line has no key.
 */
export function said(step: Step, protocol: Protocol, lang: Lang = 'en'): { client: string | null; server: Array<string | null> } {
  const describe = (ref: Parameters<(typeof KNOWLEDGE)[Protocol]['describe']>[0] | null | undefined): string | null => (ref ? KNOWLEDGE[protocol].describe(ref, lang) : null);
  return { client: describe(step.client?.knowledge), server: step.out.map((_, i) => describe(step.knowledge?.[i])) };
}

/** What a step puts on the wire, as text: lines get CRLF, raw chunks go as they are. */
export function wireText(step: Step): string {
  return step.out.map((item) => (typeof item === 'string' ? `${item}\r\n` : item.raw.toString('latin1'))).join('');
}

/** Wire text split into lines without CRLF (a trailing CRLF adds no empty line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r\n$/, '').split('\r\n');
}
