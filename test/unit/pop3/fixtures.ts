import { expect } from 'vitest';
import { Accounts } from '../../../src/protocols/accounts.js';
import type { SessionTls, Step } from '../../../src/protocols/session.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { Pop3Session } from '../../../src/protocols/pop3/session.js';
import type { Pop3State } from '../../../src/protocols/pop3/types.js';
import { Dialog, splitLines, type DialogRow } from '../../support/dialog.js';

/** POP3 fixtures: messages, a store, accounts, sessions. Sessions are driven through test/support/dialog.ts. */

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
export function makeSession(store: MemoryStore, accounts = makeAccounts(), timestamp = RFC_TIMESTAMP, tls?: Partial<SessionTls>): Pop3Session {
  return new Pop3Session({ id: `t-${++counter}`, store, accounts, timestamp, hostname: 'test', ...(tls ? { tls } : {}) });
}

const dialogs = new WeakMap<Pop3Session, Dialog<Pop3Session>>();

/** The one dialog harness over a session (created on first use; the test greets the session itself). */
export function dialogOf(session: Pop3Session): Dialog<Pop3Session> {
  let d = dialogs.get(session);
  if (!d) {
    d = new Dialog(session);
    dialogs.set(session, d);
  }
  return d;
}

/** What a step puts on the wire: lines + CRLF, raw chunks verbatim. */
export function wire(step: Step): Buffer {
  return Buffer.concat(step.out.map((item) => (typeof item === 'string' ? Buffer.from(`${item}\r\n`) : item.raw)));
}

/** The wire text of a step split into lines (without CRLF). */
export function lines(step: Step): string[] {
  return splitLines(wire(step).toString('latin1'));
}

/** Send one line through the real Framer; the step that answered it. */
export async function send(session: Pop3Session, line: string): Promise<Step> {
  const d = dialogOf(session);
  const before = d.steps.length;
  await d.line(line);
  const step = d.steps.at(-1);
  if (!step || d.steps.length === before) throw new Error(`no answer to ${JSON.stringify(line)}`);
  return step.step;
}

/** Raw client bytes in `chunk`-sized pieces through the dialog harness: everything written, greeting first. */
export async function converse(session: Pop3Session, input: string, chunk: number): Promise<{ out: Buffer; closed: boolean }> {
  const d = dialogOf(session);
  await d.greet();
  await d.send(input, chunk);
  return { out: Buffer.from(d.written, 'latin1'), closed: d.closed };
}

/**
 * A POP3 row: the client line and the answer as in DialogRow, except that a string is the
 * answer's first line exactly and an array is every line; then, optionally, the state after.
 */
export type Pop3Row = readonly [send: DialogRow[0], want: DialogRow[1] | readonly string[], state?: Pop3State];

export async function run(session: Pop3Session, rows: readonly Pop3Row[]): Promise<void> {
  for (const [client, reply, state] of rows) {
    const got = lines(await send(session, client));
    if (Array.isArray(reply)) expect(got, client).toEqual(reply);
    else if (typeof reply === 'string') expect(got[0], client).toBe(reply);
    else expect(got[0], client).toMatch(reply as RegExp);
    if (state) expect(session.state, `state after ${client}`).toBe(state);
  }
}
