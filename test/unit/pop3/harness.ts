import type { Lang } from '../../../src/i18n.js';
import { Accounts } from '../../../src/protocols/accounts.js';
import { Framer } from '../../../src/protocols/transport.js';
import type { Step } from '../../../src/protocols/session.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { Pop3Session } from '../../../src/protocols/pop3/session.js';

/** The RFC 1939 7 APOP example: this timestamp and secret give c4c9334bac560ecc979e58001b3e22fb. */
export const RFC_TIMESTAMP = '<1896.697170952@dbc.mtview.ca.us>';
export const RFC_DIGEST = 'c4c9334bac560ecc979e58001b3e22fb';

/** A message with CRLF line ends; `lines` become body lines. */
export function message(subject: string, lines: string[]): Buffer {
  return Buffer.from([`From: alice@example.com`, `To: bob@example.com`, `Subject: ${subject}`, '', ...lines].join('\r\n') + '\r\n');
}

export const MSG1 = message('one', ['first body line', '.starts with a dot', '..two dots', 'last']);
export const MSG2 = message('two', ['hello']);
export const MSG3 = message('three', ['a', 'b', 'c']);

export async function makeStore(messages: Buffer[] = [MSG1, MSG2, MSG3], account = 'bob'): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const raw of messages) await store.deliver({ from: 'alice@example.com', to: [`${account}@example.com`] }, raw);
  return store;
}

export function makeAccounts(): Accounts {
  return new Accounts([
    ['bob', 'builder'],
    ['mrose', 'tanstaaf'],
    ['alice', 'with space pass'],
  ]);
}

let counter = 0;
export function makeSession(store: MemoryStore, accounts = makeAccounts(), timestamp = RFC_TIMESTAMP, lang: Lang = 'en'): Pop3Session {
  return new Pop3Session({ id: `t-${++counter}`, store, accounts, timestamp, hostname: 'test', lang });
}

/** What a step puts on the wire: lines + CRLF, raw chunks verbatim. */
export function wire(step: Step): Buffer {
  return Buffer.concat(step.out.map((item) => (typeof item === 'string' ? Buffer.from(`${item}\r\n`) : item.raw)));
}

/** The wire text of a step split into lines (without CRLF). */
export function lines(step: Step): string[] {
  const text = wire(step).toString('latin1');
  return text.slice(0, -2).split('\r\n');
}

export async function send(session: Pop3Session, line: string): Promise<Step> {
  return session.line(Buffer.from(line, 'latin1'), { crlf: true });
}

/**
 * Feed raw client bytes through the real Framer in `chunk`-sized pieces, the way the line
 * server does (one frame at a time, with the session's current expectation), and return
 * everything the server wrote, greeting first. Stops at a closing step.
 */
export async function converse(session: Pop3Session, input: string, chunk: number): Promise<{ out: Buffer; closed: boolean }> {
  const framer = new Framer();
  const parts: Buffer[] = [wire(await session.greet())];
  const data = Buffer.from(input, 'latin1');
  for (let i = 0; i < data.length; i += chunk) {
    framer.push(data.subarray(i, i + chunk));
    for (let frame = framer.next(session.expect); frame; frame = framer.next(session.expect)) {
      const step =
        frame.kind === 'line'
          ? await session.line(frame.line, { crlf: frame.crlf })
          : frame.kind === 'overflow'
            ? await session.overflow()
            : await session.bytes(frame.data);
      parts.push(wire(step));
      if (step.close) return { out: Buffer.concat(parts), closed: true };
    }
  }
  return { out: Buffer.concat(parts), closed: false };
}
