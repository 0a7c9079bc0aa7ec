import { describe, expect, it } from 'vitest';
import { continuationsAfter, maskDecoded, maskEvent, maskSecretText } from '../../../src/protocols/mask.js';
import type { LineEvent } from '../../../src/protocols/transcript.js';

describe('maskSecretText', () => {
  it.each([
    ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'AUTH PLAIN ****'],
    ['auth login YWxpY2U=', 'auth login ****'],
    ['PASS wonderland', 'PASS ****'],
    ['APOP alice c4c9334bac560ecc979e58001b3e22fb', 'APOP alice ****'],
    ['a1 LOGIN alice wonderland', 'a1 LOGIN alice ****'],
    ['a1 LOGIN "al ice" "won der"', 'a1 LOGIN "al ice" ****'],
    ['a2 AUTHENTICATE PLAIN AGFsaWNl', 'a2 AUTHENTICATE PLAIN ****'],
    ['d29uZGVybGFuZA==', '****'],
    ['AUTH PLAIN', 'AUTH PLAIN'],
    ['a2 AUTHENTICATE PLAIN', 'a2 AUTHENTICATE PLAIN'],
  ])('%s -> %s', (input, masked) => {
    expect(maskSecretText(input)).toBe(masked);
    expect(masked).not.toContain('wonderland');
  });
});

describe('maskEvent', () => {
  const base: LineEvent = {
    event: 'line',
    protocol: 'smtp',
    session: 's1',
    port: 1,
    direction: 'client',
    text: 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=',
    state: 'GREETED',
    time: '2026-01-01T00:00:00.000Z',
  };

  it('leaves lines without secrets untouched', () => {
    const e = { ...base, text: 'MAIL FROM:<a@b>' };
    expect(maskEvent(e)).toBe(e);
  });

  it('masks the wire text and the password in the decoded form but keeps the user', () => {
    const e = maskEvent({ ...base, secret: true, decoded: '\\0alice\\0wonderland' });
    expect(e.text).toBe('AUTH PLAIN ****');
    expect(e.decoded).toBe('\\0alice\\0****');
    expect(JSON.stringify(e)).not.toContain('wonderland');
    expect(maskDecoded('alice')).toBe('****');
  });
});

describe('masking by what a line could carry (issue 20)', () => {
  const base: LineEvent = { event: 'line', protocol: 'imap', session: 's1', port: 1, direction: 'client', text: '', state: 'x', time: 't' };

  it.each([
    ['imap', 'b LOGIN bob "builder2', 'b LOGIN bob ****'],
    ['imap', 'a LOGIN bob builder2 extra', 'a LOGIN bob ****'],
    ['smtp', 'AUTH PLAIN AGJvYgBidWlsZGVyMg==', 'AUTH PLAIN ****'],
    ['pop3', 'PASS builder2 extra', 'PASS ****'],
  ] as const)('%s %s is masked though the session never marked it', (protocol, text, masked) => {
    expect(maskEvent({ ...base, protocol, text }).text).toBe(masked);
  });

  it('a server reply marked secret keeps only its status', () => {
    const e = (text: string) => maskEvent({ ...base, direction: 'server', secret: true, text }).text;
    expect(e('500 5.5.2 Syntax error, command unrecognized: AGJVYGBIDWLSZGVYMG==')).toBe('500 5.5.2 ****');
    expect(e('AGJvYgBidWlsZGVyMg== BAD missing command')).toBe('**** BAD ****');
    expect(e('-ERR unknown command')).toBe('-ERR ****');
  });

  it('a bare AUTH or a LOGIN literal announces continuation lines', () => {
    expect(continuationsAfter('smtp', 'AUTH LOGIN')).toBe(2);
    expect(continuationsAfter('imap', 'a LOGIN alice {8}')).toBe(2);
    expect(continuationsAfter('smtp', 'AUTH PLAIN AGJvYg==')).toBe(0);
    expect(continuationsAfter('smtp', 'MAIL FROM:<a@b>')).toBe(0);
  });
});

describe('continuation lines in the transcript (step-events)', () => {
  it('after an accepted AUTH PLAIN exchange (one continuation) the next command is shown, not masked', async () => {
    const { SmtpSession } = await import('../../../src/protocols/smtp/session.js');
    const { Accounts, DEMO_ACCOUNTS } = await import('../../../src/protocols/accounts.js');
    const { stepEvents } = await import('../../../src/protocols/step-events.js');
    const { MemoryStore } = await import('../../../src/mailstore/memory.js');
    const session = new SmtpSession({ id: 's', remoteAddress: '127.0.0.1', store: new MemoryStore(), accounts: new Accounts(DEMO_ACCOUNTS) });
    const events: LineEvent[] = [];
    const sink = (e: unknown) => void events.push(e as LineEvent);
    await session.greet();
    for (const text of ['EHLO x.test', 'AUTH PLAIN', 'AGFsaWNlAHdvbmRlcmxhbmQ=', 'MAIL FROM:<alice@x.test>']) {
      const line = Buffer.from(text);
      const step = await session.line(line, { crlf: true });
      stepEvents(sink, { protocol: 'smtp', session, port: 1, secure: false }, step, { kind: 'line', line, crlf: true });
    }
    const shown = events.filter((e) => e.direction === 'client').map((e) => maskEvent(e).text);
    expect(shown).toEqual(['EHLO x.test', 'AUTH PLAIN', '****', 'MAIL FROM:<alice@x.test>']);
  });
});
