import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { Accounts } from '../../src/protocols/accounts.js';
import { scratch } from '../support/scratch.js';
import { cleanup, lab, portOf, Raw } from './helpers.js';

/**
 * \Recent across processes sharing a Maildir (RFC 3501 2.3.2; issue 20, item 19): two labs,
 * each with its own store object and \Recent registry, stand for two `serve` processes.
 * A read-write SELECT moves new/ to cur/, as Dovecot does; EXAMINE only looks.
 */
const { tempDir } = scratch('l7lab-recent-', cleanup);

async function imapOn(port: number): Promise<Raw> {
  const c = await Raw.open(port);
  await c.line();
  expect(await c.imap('l', 'LOGIN bob builder')).toMatch(/l OK/);
  return c;
}

describe('\\Recent persisted in a Maildir', () => {
  it('recent in the first process to SELECT, not again in a second; EXAMINE before that moves nothing', async () => {
    const root = join(tempDir(), 'mail');
    const first = new MaildirStore(root);
    await first.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: new\r\n\r\nhi\r\n'));
    const accounts = () => new Accounts([['bob', 'builder']]);
    const a = await lab({ store: first, accounts: accounts() });
    const b = await lab({ store: new MaildirStore(root), accounts: accounts() });
    const ca = await imapOn(portOf(a, 'imap'));
    const cb = await imapOn(portOf(b, 'imap'));
    expect(await cb.imap('t', 'STATUS INBOX (RECENT)')).toMatch(/\* STATUS INBOX \(RECENT 1\)/);
    expect(await cb.imap('e', 'EXAMINE INBOX')).toMatch(/\* 1 RECENT/);
    expect(readdirSync(join(root, 'bob', 'new'))).toHaveLength(1);
    expect(await ca.imap('s', 'SELECT INBOX')).toMatch(/\* 1 RECENT/);
    expect(readdirSync(join(root, 'bob', 'new'))).toHaveLength(0);
    expect(readdirSync(join(root, 'bob', 'cur'))).toHaveLength(1);
    expect(await cb.imap('t', 'STATUS INBOX (RECENT)')).toMatch(/\* STATUS INBOX \(RECENT 0\)/);
    expect(await cb.imap('s', 'SELECT INBOX')).toMatch(/\* 0 RECENT/);
    expect(await cb.imap('f', 'FETCH 1 FLAGS')).toMatch(/\* 1 FETCH \(FLAGS \(\)\)/);
  });
});
