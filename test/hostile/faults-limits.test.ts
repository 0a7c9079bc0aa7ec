import { spawnSync } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { MAILDIR_TMP_STALE_MS, SMTP_LOCAL_PART } from '../../src/limits.js';
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
