import { describe, expect, it } from 'vitest';
import { rfc5322Date, sanitizeHeaderText, traceHeaders } from '../../../src/protocols/smtp/trace.js';
import { DataReader, joinContent, type DataEnd } from '../../../src/protocols/smtp/data-reader.js';
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

  it('gives each second its own date, whichever second came before (the last one is kept)', () => {
    const at = (ms: number) => rfc5322Date(new Date(Date.UTC(2024, 1, 29, 23, 59, 9) + ms));
    expect(at(999)).toBe('Thu, 29 Feb 2024 23:59:09 +0000');
    expect(at(1000)).toBe('Thu, 29 Feb 2024 23:59:10 +0000');
    expect(at(51_000)).toBe('Fri, 1 Mar 2024 00:00:00 +0000');
    expect(at(-1)).toBe('Thu, 29 Feb 2024 23:59:08 +0000');
    expect(at(0)).toBe('Thu, 29 Feb 2024 23:59:09 +0000');
  });

  it('never lets a CR or LF from the client start a header line of its own', () => {
    const evil = { ...base, clientDomain: 'x\r\nBcc: victim@example.com', from: 'a\nX-Injected: 1@example.com', remoteAddress: '1.2.3.4\r\nX: y' };
    const text = traceHeaders(evil, true).toString();
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => l.split(/[ :]/)[0])).toEqual(['Return-Path', 'Received', '\tby', '\tfor']);
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);
    expect(sanitizeHeaderText('a(b)<c>;d\0e')).toBe('a?b??c??d?e');
  });

  it('writes the IPv6 literal form and the HELO protocol name', () => {
    const text = traceHeaders({ ...base, greeting: 'HELO', remoteAddress: '::1' }, false).toString();
    expect(text).toContain('Received: from client.example ([IPv6:::1])\r\n\tby lab.example (l7lab) with SMTP id ABC\r\n');
    expect(text).toContain('\r\nMessage-ID: <ABC.');
  });

});

/** Read `text` line by line (CRLF or LF ends) and return the end of data. */
function read(text: string): DataEnd {
  const r = new DataReader(10_000, 1000, true);
  const re = /([^\n]*?)(\r?)\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = r.line(Buffer.from(m[1] as string, 'latin1'), { crlf: m[2] === '\r' });
    if (p.done) return p;
  }
  throw new Error('no end of data');
}

describe('DataReader', () => {
  it('notices a Message-ID only in the header section', () => {
    expect(read('Subject: x\r\nMessage-Id: <a@b>\r\n\r\nbody\r\n.\r\n').hasMessageId).toBe(true);
    expect(read('Subject: x\r\nmessage-id:<a@b>\r\n.\r\n').hasMessageId).toBe(true);
    expect(read('Subject: x\r\n\r\nMessage-ID: <a@b>\r\n.\r\n').hasMessageId).toBe(false);
    expect(read('\r\nMessage-ID: <a@b>\r\n.\r\n').hasMessageId).toBe(false);
    expect(read('X-Message-ID: <a@b>\r\n\r\n.\r\n').hasMessageId).toBe(false);
  });

  it('joins the content in one piece after a prefix, and counts size and lines', () => {
    const end = read('a\r\n..b\r\n.\r\n');
    expect(joinContent(end, Buffer.from('P:')).toString()).toBe('P:a\r\n.b\r\n');
    expect(joinContent(end).toString()).toBe('a\r\n.b\r\n');
    expect([end.size, end.lines, end.length]).toEqual([8, 2, 7]);
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
