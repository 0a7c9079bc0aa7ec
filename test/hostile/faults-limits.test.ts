import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { MAILDIR_TMP_STALE_MS, SMTP_LOCAL_PART } from '../../src/limits.js';
import { Accounts } from '../../src/protocols/accounts.js';
import { uniqueBase } from '../../src/mailstore/maildir/layout.js';
import { scratch } from '../support/scratch.js';
import { cleanup, lab, othersServed, portOf, Raw } from './helpers.js';

/**
 * Faults and limits of issue 20 (items 8-10), over real sockets and a real Maildir store:
 * what a server promised (a 250) it keeps, whatever the input or the crash before it.
 */
const { tempDir } = scratch('l7lab-faults-', cleanup);

describe('SMTP: a recipient the store could not keep is refused at RCPT (issue 20, item 8)', () => {
  it('a 256-octet local part gets 501 5.1.3 at RCPT; the other recipient gets the mail', async () => {
    const store = new MaildirStore(join(tempDir(), 'mail'));
    const l = await lab({ store });
    const c = await Raw.open(portOf(l, 'smtp'));
    expect(await c.smtp()).toMatch(/^220 /);
    expect(await c.smtpCmd('EHLO client.example')).toMatch(/^250-/);
    expect(await c.smtpCmd('MAIL FROM:<alice@example.com>')).toMatch(/^250 /);
    expect(await c.smtpCmd(`RCPT TO:<${'x'.repeat(256)}@example.com>`)).toMatch(/^501 5\.1\.3 /);
    // 64 octets is the limit (RFC 5321 4.5.3.1.1), escaped to 192 in the account's directory name.
    expect(await c.smtpCmd(`RCPT TO:<${'%'.repeat(SMTP_LOCAL_PART)}@example.com>`)).toMatch(/^250 /);
    expect(await c.smtpCmd(`RCPT TO:<${'%'.repeat(SMTP_LOCAL_PART + 1)}@example.com>`)).toMatch(/^501 5\.1\.3 /);
    expect(await c.smtpCmd('RCPT TO:<bob@example.com>')).toMatch(/^250 /);
    expect(await c.smtpCmd('DATA')).toMatch(/^354 /);
    expect(await c.smtpCmd('Subject: two\r\n\r\nhello\r\n.')).toMatch(/^250 /);
    expect(await store.list('bob', 'INBOX')).toHaveLength(1);
    expect(await store.list('%'.repeat(SMTP_LOCAL_PART), 'INBOX')).toHaveLength(1);
    await othersServed(l);
  });
});

/** A pid that surely ran and ended: a child that exited before we look. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('Maildir tmp/: what a killed delivery left is cleaned at start (issue 20, item 9)', () => {
  it('a dead writer\'s file goes at once, any file untouched for 36 hours goes, a live writer\'s file stays', async () => {
    const root = join(tempDir(), 'mail');
    const first = new MaildirStore(root);
    await first.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: one\r\n\r\nx\r\n'));
    await first.close();
    const tmp = join(root, 'bob', 'tmp');
    // Names as uniqueBase makes them (`<s>.M<us>P<pid>Q<n>.<host>,S=<size>`), with other pids.
    const named = (pid: number) => uniqueBase(5).replace(/P\d+Q/, `P${pid}Q`);
    const dead = named(deadPid());
    const live = named(process.ppid);
    const old = named(process.ppid);
    const foreign = 'partial-from-another-tool';
    for (const n of [dead, live, old, foreign]) writeFileSync(join(tmp, n), 'part');
    const longAgo = new Date(Date.now() - MAILDIR_TMP_STALE_MS - 60_000);
    utimesSync(join(tmp, old), longAgo, longAgo);
    // A fresh store (a restarted serve): its first use of the folder cleans tmp/.
    const again = new MaildirStore(root);
    expect(await again.list('bob', 'INBOX')).toHaveLength(1);
    await again.close();
    expect(readdirSync(tmp).sort()).toEqual([foreign, live].sort());
  });
});

describe('the POP3 maildrop lock across processes (issue 20, item 10; RFC 1939 4)', () => {
  async function login(port: number): Promise<[Raw, string]> {
    const c = await Raw.open(port);
    expect(await c.line()).toMatch(/^\+OK /);
    expect(await c.pop('USER bob')).toMatch(/^\+OK/);
    return [c, await c.pop('PASS builder')];
  }

  it('two labs on one Maildir (as two serve processes): the second session gets [IN-USE] until the first QUITs', async () => {
    const root = join(tempDir(), 'mail');
    const accounts = new Accounts([['bob', 'builder']]);
    const a = await lab({ store: new MaildirStore(root), accounts });
    const b = await lab({ store: new MaildirStore(root), accounts });
    const [first, ok] = await login(portOf(a, 'pop3'));
    expect(ok).toMatch(/^\+OK /);
    const [second, busy] = await login(portOf(b, 'pop3'));
    expect(busy).toMatch(/^-ERR \[IN-USE\] /);
    expect(await first.pop('QUIT')).toMatch(/^\+OK/);
    expect(await second.pop('USER bob')).toMatch(/^\+OK/);
    expect(await second.pop('PASS builder')).toMatch(/^\+OK /);
  });

  it('a lock file left by a killed serve is taken over at once', async () => {
    const root = join(tempDir(), 'mail');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, '.l7lab-pop3-bob.lock'), `${deadPid()}\n`);
    const l = await lab({ store: new MaildirStore(root), accounts: new Accounts([['bob', 'builder']]) });
    const [, ok] = await login(portOf(l, 'pop3'));
    expect(ok).toMatch(/^\+OK /);
  });
});
