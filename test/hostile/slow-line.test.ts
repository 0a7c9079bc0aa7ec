import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, lab, othersServed, portOf, Raw, sleep } from './helpers.js';

/**
 * Issue 20, item 4: one byte a second on an unfinished SMTP line stayed connected past 340 s,
 * since every byte reset the idle timer; 200 such clients locked out everyone else. A command
 * line now has a deadline of its own from its first octet (a small one here, injected), and
 * the client is cut off with the protocol's own timeout reply. A DATA body is not a command
 * line and keeps its own limits.
 */
afterEach(cleanup);

const DEADLINE_MS = 300;

/** Trickle `text` one byte at a time, endlessly, until the server closes; bounded. */
async function trickleUntilClosed(c: Raw, text: string): Promise<boolean> {
  for (let i = 0; i < 400 && !c.closed; i++) {
    c.write(text[i % text.length] as string);
    await sleep(25);
  }
  return c.closed;
}

const CASES = [
  { protocol: 'smtp', reply: /^421 4\.4\.2 /m, line: 'NOOP with a very long tail' },
  { protocol: 'pop3', reply: /^-ERR a command line arrived too slowly/m, line: 'NOOP with a very long tail' },
  { protocol: 'imap', reply: /^\* BYE Command line arrived too slowly/m, line: 'a1 NOOP with a very long tail' },
] as const;

describe('a command line trickled byte by byte', () => {
  for (const { protocol, reply, line } of CASES) {
    it(`${protocol}: cut off with its timeout reply, the others served`, async () => {
      const l = await lab({ protocols: [protocol], commandDeadlineMs: DEADLINE_MS });
      const c = await Raw.open(portOf(l, protocol));
      await c.line();
      expect(await trickleUntilClosed(c, line)).toBe(true);
      expect(c.text).toMatch(reply);
      await othersServed(l);
    });
  }

  it('smtp: a DATA body line as slow as that is not cut off (the body is no command line)', async () => {
    const l = await lab({ protocols: ['smtp'], commandDeadlineMs: DEADLINE_MS });
    const c = await Raw.open(portOf(l, 'smtp'));
    await c.smtp();
    await c.smtpCmd('EHLO slow.test');
    await c.smtpCmd('MAIL FROM:<a@slow.test>');
    await c.smtpCmd('RCPT TO:<bob@slow.test>');
    expect(await c.smtpCmd('DATA')).toMatch(/^354/);
    // 40 bytes at 25 ms each: longer than the deadline, measured by the server's clock, not asserted here.
    for (const ch of 'Subject: slow\r\n\r\na body line, typed slowly') {
      c.write(ch);
      await sleep(25);
    }
    expect(await c.smtpCmd('\r\n.')).toMatch(/^250 /);
    expect(c.closed).toBe(false);
  });
});
