import { Accounts } from '../../../src/protocols/accounts.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { MailStore } from '../../../src/mailstore/types.js';
import { RecentRegistry } from '../../../src/protocols/imap/recent.js';
import { ImapSession } from '../../../src/protocols/imap/session.js';
import type { ImapServices } from '../../../src/protocols/imap/commands/spec.js';
import type { Step } from '../../../src/protocols/session.js';
import { Framer } from '../../../src/protocols/transport.js';

/**
 * Drives a pure ImapSession the way the server does, without a socket: bytes go through
 * the real Framer with whatever the session expects next (line, literal bytes, discard),
 * and everything the session writes (including pushes during IDLE) is collected as text.
 */
export class Dialog {
  private readonly framer = new Framer();
  /** Everything written so far, as one string (literals included, CRLF line ends). */
  written = '';
  closed = false;
  steps: Step[] = [];

  constructor(readonly session: ImapSession) {
    session.attachPush((step) => this.collect(step));
  }

  private collect(step: Step): void {
    this.steps.push(step);
    for (const item of step.out) this.written += typeof item === 'string' ? `${item}\r\n` : item.raw.toString('latin1');
    if (step.close) this.closed = true;
  }

  async greet(): Promise<string> {
    const before = this.written.length;
    this.collect(await this.session.greet());
    return this.written.slice(before);
  }

  /** Send raw client bytes; returns what the server wrote in answer (bounded: at most 10,000 frames). */
  async send(data: string | Buffer): Promise<string> {
    const before = this.written.length;
    this.framer.push(Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
    for (let i = 0; i < 10_000 && !this.closed; i++) {
      const frame = this.framer.next(this.session.expect);
      if (frame === null) break;
      const step =
        frame.kind === 'line' ? await this.session.line(frame.line, { crlf: frame.crlf }) : frame.kind === 'bytes' ? await this.session.bytes(frame.data) : await this.session.overflow();
      this.collect(step);
    }
    return this.written.slice(before);
  }

  /** Send one command line (CRLF added). */
  cmd(line: string): Promise<string> {
    return this.send(`${line}\r\n`);
  }

  /** Wait until pushed output contains `text` (bounded: 200 turns of the event loop). */
  async waitFor(text: string): Promise<string> {
    for (let i = 0; i < 200 && !this.written.includes(text); i++) await new Promise((r) => setImmediate(r));
    return this.written;
  }
}

export const ACCOUNTS: ReadonlyArray<[string, string]> = [
  ['bob', 'builder'],
  ['alice', 'wonderland'],
];

export function services(store: MailStore = new MemoryStore(), recent = new RecentRegistry()): ImapServices {
  return { store, accounts: new Accounts(ACCOUNTS), recent, hostname: 'lab.test' };
}

let counter = 0;

export async function dialog(svc: ImapServices = services()): Promise<Dialog> {
  const d = new Dialog(new ImapSession({ id: `imap-test-${++counter}`, services: svc }));
  await d.greet();
  return d;
}

/** A small message with CRLF line ends. */
export function message(subject: string, body = 'Hello.', from = 'alice@example.com', to = 'bob@example.com'): Buffer {
  return Buffer.from(
    [`From: Alice <${from}>`, `To: Bob <${to}>`, `Subject: ${subject}`, 'Date: Mon, 01 Jan 2024 10:00:00 +0000', 'Message-ID: <' + subject.replace(/\W/g, '') + '@example.com>', '', body, ''].join('\r\n'),
  );
}

/** The tagged status line for `tag` in the output, or undefined. */
export function tagged(output: string, tag: string): string | undefined {
  return output.split('\r\n').find((l) => l.startsWith(`${tag} `));
}
