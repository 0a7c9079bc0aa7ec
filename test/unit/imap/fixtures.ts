import { Accounts } from '../../../src/protocols/accounts.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { MailStore } from '../../../src/mailstore/types.js';
import type { ImapServices } from '../../../src/protocols/imap/services.js';
import { RecentRegistry } from '../../../src/protocols/imap/recent.js';
import { ImapSession, type ImapSessionOptions } from '../../../src/protocols/imap/session.js';
import { Dialog } from '../../support/dialog.js';
import { MULTIPART_REPORT } from '../../support/messages.js';

/** IMAP's own fixtures for the one dialog harness (test/support/dialog.ts). */

export type ImapDialog = Dialog<ImapSession>;

export const ACCOUNTS: ReadonlyArray<[string, string]> = [
  ['bob', 'builder'],
  ['alice', 'wonderland'],
];

export function services(store: MailStore = new MemoryStore(), recent = new RecentRegistry()): ImapServices {
  return { store, accounts: new Accounts(ACCOUNTS), recent, hostname: 'lab.test' };
}

let counter = 0;

/** A greeted session on `svc`. */
export async function dialog(svc: ImapServices = services(), opts: Partial<ImapSessionOptions> = {}): Promise<ImapDialog> {
  const d = new Dialog(new ImapSession({ id: `imap-test-${++counter}`, services: svc, ...opts }));
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

/** Bob, logged in, with three INBOX messages (one multipart, one \Seen \Deleted) and Archive/2023 (Archive subscribed). */
export async function fixture(): Promise<{ store: MemoryStore; d: ImapDialog }> {
  const store = new MemoryStore();
  await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message('one'), new Date('2024-01-01T10:00:00Z'));
  await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, Buffer.from(MULTIPART_REPORT), new Date('2024-01-02T11:00:00Z'));
  await store.append('bob', 'INBOX', message('three', 'Bye.'), ['\\Seen', '\\Deleted'], new Date('2024-01-03T12:00:00Z'));
  await store.createMailbox('bob', 'Archive/2023');
  await store.setSubscribed('bob', 'Archive', true);
  const d = await dialog(services(store));
  await d.line('l LOGIN bob builder');
  return { store, d };
}
