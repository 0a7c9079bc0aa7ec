import { describe, expect, it } from 'vitest';
import { hasMessageId, rfc5322Date, sanitizeHeaderText, traceHeaders } from '../../../src/protocols/smtp/trace.js';
import { validMailbox } from '../../../src/protocols/smtp/address.js';

const base = {
  hostname: 'lab.example',
  greeting: 'EHLO' as const,
  clientDomain: 'client.example',
  remoteAddress: '::ffff:127.0.0.1',
  authenticated: false,
  smtputf8: false,
  from: 'a@example.com',
  to: ['b@example.com'],
  queueId: 'ABC',
  receivedAt: new Date(Date.UTC(2024, 1, 29, 23, 59, 9)),
};

describe('trace header fields', () => {
  it('formats an RFC 5322 date in UTC', () => {
    expect(rfc5322Date(base.receivedAt)).toBe('Thu, 29 Feb 2024 23:59:09 +0000');
  });

  it('never lets a CR or LF from the client start a header line of its own', () => {
    const evil = { ...base, clientDomain: 'x\r\nBcc: victim@example.com', from: 'a\nX-Injected: 1@example.com', remoteAddress: '1.2.3.4\r\nX: y' };
    const text = traceHeaders(evil, Buffer.from('Message-ID: <m@x>\r\n\r\n')).toString();
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => l.split(/[ :]/)[0])).toEqual(['Return-Path', 'Received', '\tby', '\tfor']);
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);
    expect(sanitizeHeaderText('a(b)<c>;d\0e')).toBe('a?b??c??d?e');
  });

  it('writes the IPv6 literal form and the HELO protocol name', () => {
    const text = traceHeaders({ ...base, greeting: 'HELO', remoteAddress: '::1' }, Buffer.alloc(0)).toString();
    expect(text).toContain('Received: from client.example ([IPv6:::1])\r\n\tby lab.example (l7lab) with SMTP id ABC\r\n');
    expect(text).toContain('\r\nMessage-ID: <ABC.');
  });

  it('finds a Message-ID only in the header section', () => {
    expect(hasMessageId(Buffer.from('Subject: x\r\nMessage-Id: <a@b>\r\n\r\nbody'))).toBe(true);
    expect(hasMessageId(Buffer.from('Subject: x\r\n\r\nMessage-ID: <a@b>\r\n'))).toBe(false);
    expect(hasMessageId(Buffer.from('\r\nMessage-ID: <a@b>\r\n'))).toBe(false);
    expect(hasMessageId(Buffer.from('X-Message-ID: <a@b>\r\n\r\n'))).toBe(false);
  });
});

describe('mailbox syntax (RFC 5321 4.1.2)', () => {
  it.each([
    ['alice@example.com', true],
    ['first.last+tag@sub.example.co.jp', true],
    ['"with space"@example.com', true],
    ['a@[192.0.2.1]', true],
    ['a@[IPv6:2001:db8::1]', true],
    ['太郎@例え.jp', true],
    ['alice', false],
    ['@example.com', false],
    ['alice@', false],
    ['a..b@example.com', false],
    ['.a@example.com', false],
    ['a@-bad-.example', false],
    ['a b@example.com', false],
    ['a\r@example.com', false],
  ])('%j -> %s', (mailbox, valid) => {
    expect(validMailbox(mailbox)).toBe(valid);
  });
});
