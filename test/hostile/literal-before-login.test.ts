import { afterEach, describe, expect, it } from 'vitest';
import { IMAP_MAX_LITERAL_BEFORE_LOGIN } from '../../src/limits.js';
import { cleanup, lab, othersServed, portOf, Raw } from './helpers.js';

/**
 * Issue 20, item 2: `a LOGIN alice {10000000+}` and 10 MB before login took 10 MB of memory per
 * connection (100 connections: 1.2 GB). Before login a literal is held to
 * IMAP_MAX_LITERAL_BEFORE_LOGIN: the refusal comes at once, before a single octet of the literal
 * is sent, so the server cannot have buffered it (what is asserted is that order, not memory).
 */
afterEach(cleanup);

const TEN_MB = 10_000_000;

describe('IMAP literals before login', () => {
  it('a 10 MB LITERAL+ before login: BAD [TOOBIG] and BYE at once, before the literal is sent', async () => {
    const l = await lab({ protocols: ['imap'] });
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    c.write(`a LOGIN alice {${TEN_MB}+}\r\n`); // the literal itself is never sent
    await c.gone();
    expect(c.text).toMatch(/^a BAD \[TOOBIG\] Literal of 10000000 octets[^\r]*\r\n\* BYE \[TOOBIG\][^\r]*\r\n$/);
    await othersServed(l);
  });

  it('a synchronising one gets NO [TOOBIG] and no "+"; the session goes on', async () => {
    const l = await lab({ protocols: ['imap'] });
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    const reply = await c.imap('a', `LOGIN alice {${IMAP_MAX_LITERAL_BEFORE_LOGIN + 1}}`);
    expect(reply).toMatch(/^a NO \[TOOBIG\]/);
    expect(reply).not.toMatch(/^\+/m);
    expect(await c.imap('b', 'LOGIN alice wonderland')).toMatch(/b OK/);
  });

  it('a password in a small literal still logs in, and after login large literals are allowed again', async () => {
    const l = await lab({ protocols: ['imap'] });
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    c.write('a LOGIN alice {10+}\r\nwonderland\r\n');
    expect(await c.imapTagged('a')).toMatch(/a OK/);
    const body = `Subject: big\r\n\r\n${'x'.repeat(100_000)}\r\n`;
    c.write(`b APPEND INBOX {${body.length}+}\r\n${body}\r\n`);
    expect(await c.imapTagged('b')).toMatch(/b OK/);
  });
});
