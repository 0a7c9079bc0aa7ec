import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { SMTP_LOCAL_PART } from '../../src/limits.js';
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
