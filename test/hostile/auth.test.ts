import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_MAX_FAILURES, SASL_MAX_RESPONSE_LINE } from '../../src/limits.js';
import { apopDigest, cramResponse, plainResponse } from '../../src/protocols/sasl.js';
import { cleanup, lab, othersServed, portOf, Raw } from './helpers.js';

/**
 * AUTH under attack on all three servers of one lab (issue 9): cancel, bad base64, an
 * over-long continuation, replay, repeated failures, and replies that never tell an
 * unknown user from a wrong password. The lab offers CRAM-MD5 on SMTP only; POP3's
 * challenge-response is APOP, so its replay is tested with APOP.
 */
afterEach(cleanup);

const b64 = (s: string) => Buffer.from(s).toString('base64');
const LONG = 'A'.repeat(SASL_MAX_RESPONSE_LINE + 100);

async function smtp(port: number): Promise<Raw> {
  const c = await Raw.open(port);
  await c.smtp();
  expect(await c.smtpCmd('EHLO client.example')).toMatch(/AUTH /);
  return c;
}

async function pop3(port: number): Promise<{ c: Raw; timestamp: string }> {
  const c = await Raw.open(port);
  const greeting = await c.line();
  return { c, timestamp: /<[^>]+>/.exec(greeting)?.[0] ?? '' };
}

async function imap(port: number): Promise<Raw> {
  const c = await Raw.open(port);
  await c.line();
  return c;
}

describe('SMTP AUTH', () => {
  it('"*" cancels, bad base64 and an over-long continuation are refused, the session goes on', async () => {
    const l = await lab();
    const c = await smtp(portOf(l, 'smtp'));
    expect(await c.smtpCmd('AUTH PLAIN')).toMatch(/^334/);
    expect(await c.smtpCmd('*')).toMatch(/^501 /);
    expect(await c.smtpCmd('AUTH PLAIN')).toMatch(/^334/);
    expect(await c.smtpCmd('!!!not base64!!!')).toMatch(/^501 /);
    expect(await c.smtpCmd('AUTH LOGIN')).toMatch(/^334/);
    expect(await c.smtpCmd(LONG)).toMatch(/^500 5\.5\.6 /);
    expect(await c.smtpCmd(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`)).toMatch(/^235 /);
    await othersServed(l);
  });

  it('a CRAM-MD5 response that worked once fails when replayed on another connection', async () => {
    const l = await lab();
    const port = portOf(l, 'smtp');
    const a = await smtp(port);
    const challenge = Buffer.from((await a.smtpCmd('AUTH CRAM-MD5')).slice(4).trim(), 'base64').toString();
    const response = b64(cramResponse(challenge, 'alice', 'wonderland'));
    expect(await a.smtpCmd(response)).toMatch(/^235 /);
    const b = await smtp(port);
    expect(await b.smtpCmd('AUTH CRAM-MD5')).toMatch(/^334 /);
    expect(await b.smtpCmd(response)).toBe('535 5.7.8 Authentication credentials invalid\r\n');
    await othersServed(l);
  });

  it('unknown user and wrong password get identical replies; repeated failures still get 535, never a lockout', async () => {
    const l = await lab();
    const c = await smtp(portOf(l, 'smtp'));
    const unknown = await c.smtpCmd(`AUTH PLAIN ${plainResponse('nobody', 'wonderland')}`);
    const wrong = await c.smtpCmd(`AUTH PLAIN ${plainResponse('alice', 'wrong')}`);
    expect(unknown).toBe(wrong);
    expect(await c.smtpCmd('AUTH LOGIN')).toMatch(/^334/);
    expect(await c.smtpCmd(b64('alice'))).toMatch(/^334/);
    expect(await c.smtpCmd(b64('still wrong'))).toBe('535 5.7.8 Authentication credentials invalid\r\n');
    expect(await c.smtpCmd(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`)).toMatch(/^235 /);
    await othersServed(l);
  });
});

describe('POP3 AUTH, USER/PASS and APOP', () => {
  it('"*" cancels, bad base64 and an over-long continuation are refused, the session goes on', async () => {
    const l = await lab();
    const { c } = await pop3(portOf(l, 'pop3'));
    expect(await c.pop('AUTH PLAIN')).toMatch(/^\+ ?$/);
    expect(await c.pop('*')).toMatch(/^-ERR/);
    expect(await c.pop('AUTH PLAIN')).toMatch(/^\+ ?$/);
    expect(await c.pop('!!!not base64!!!')).toMatch(/^-ERR/);
    expect(await c.pop('AUTH PLAIN')).toMatch(/^\+ ?$/);
    expect(await c.pop(LONG)).toMatch(/^-ERR .*longer than/);
    expect(await c.pop(`AUTH PLAIN ${plainResponse('bob', 'builder')}`)).toMatch(/^\+OK/);
    await othersServed(l);
  });

  it('an APOP digest that worked once fails when replayed on another connection', async () => {
    const l = await lab();
    const port = portOf(l, 'pop3');
    const a = await pop3(port);
    const digest = apopDigest(a.timestamp, 'builder');
    expect(await a.c.pop(`APOP bob ${digest}`)).toMatch(/^\+OK/);
    expect(await a.c.pop('QUIT')).toMatch(/^\+OK/);
    const b = await pop3(port);
    expect(b.timestamp).not.toBe(a.timestamp);
    expect(await b.c.pop(`APOP bob ${digest}`)).toBe('-ERR [AUTH] invalid user name or password');
    await othersServed(l);
  });

  it(`unknown user and wrong password get identical replies at every step; ${AUTH_MAX_FAILURES} failures close`, async () => {
    const l = await lab();
    const { c } = await pop3(portOf(l, 'pop3'));
    // USER echoes the name the client gave; apart from that the replies are the same bytes.
    const unknown = [await c.pop('USER nobody'), await c.pop('PASS builder')].map((r) => r.replace('nobody', 'NAME'));
    const wrong = [await c.pop('USER bob'), await c.pop('PASS wrong')].map((r) => r.replace('bob', 'NAME'));
    expect(unknown).toEqual(wrong);
    expect(await c.pop(`AUTH PLAIN ${plainResponse('bob', 'nope')}`)).toMatch(/^-ERR .*closing/);
    await c.gone();
    await othersServed(l);
  });
});

describe('IMAP AUTHENTICATE and LOGIN', () => {
  it('"*" cancels, bad base64 and an over-long continuation are refused, the session goes on', async () => {
    const l = await lab();
    const c = await imap(portOf(l, 'imap'));
    c.write('a AUTHENTICATE PLAIN\r\n');
    await c.until(/^\+/m);
    c.take();
    c.write('*\r\n');
    expect(await c.imapTagged('a')).toMatch(/^a BAD /m);
    c.write('b AUTHENTICATE PLAIN\r\n');
    await c.until(/^\+/m);
    c.take();
    c.write('!!!not base64!!!\r\n');
    expect(await c.imapTagged('b')).toMatch(/^b (BAD|NO) /m);
    expect(await c.imap('d', `AUTHENTICATE PLAIN ${plainResponse('bob', 'builder')}`)).toMatch(/^d OK /m);
    // An over-long continuation: refused, or the connection closed with BYE; never a crash.
    const d = await imap(portOf(l, 'imap'));
    d.write('c AUTHENTICATE PLAIN\r\n');
    await d.until(/^\+/m);
    d.take();
    d.write(`${LONG}\r\n`);
    const answer = await d.until(/^(c (BAD|NO) |\* BYE )/m);
    if (answer.startsWith('* BYE')) await d.gone();
    else expect(await d.imap('e', 'NOOP')).toMatch(/^e OK/m);
    await othersServed(l);
  });

  it(`unknown user and wrong password get identical replies; ${AUTH_MAX_FAILURES} failures end with BYE`, async () => {
    const l = await lab();
    const c = await imap(portOf(l, 'imap'));
    const unknown = await c.imap('t', 'LOGIN nobody builder');
    const wrong = await c.imap('t', 'LOGIN bob wrong');
    expect(unknown).toBe(wrong);
    const plainUnknown = await c.imap('t', `AUTHENTICATE PLAIN ${plainResponse('nobody', 'x')}`);
    expect(plainUnknown).toMatch(/^t NO \[AUTHENTICATIONFAILED\]/m);
    expect(c.text + plainUnknown).toMatch(/\* BYE /);
    await c.gone();
    await othersServed(l);
  });
});
