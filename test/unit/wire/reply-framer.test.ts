import { describe, expect, it } from 'vitest';
import { ReplyFramer, dotStuff, pop3Body, pop3Multiline, type ReplyShape, type WireReply } from '../../../src/wire/reply-framer.js';

/** Feed `input` in chunks of `size` bytes and collect every reply of `shape`. */
function replies(input: string, size: number, shape: ReplyShape): WireReply[] {
  const f = new ReplyFramer();
  const data = Buffer.from(input, 'utf8');
  const out: WireReply[] = [];
  for (let i = 0; i < data.length; i += size) {
    f.push(data.subarray(i, i + size));
    for (let r = f.next(shape); r; r = f.next(shape)) out.push(r);
  }
  return out;
}

const SIZES = [1, 2, 3, 5, 7, 64, 4096];

describe('ReplyFramer: SMTP', () => {
  const smtp: ReplyShape = { protocol: 'smtp' };

  it.each(SIZES)('joins 250- continuation lines into one reply in %i-byte chunks', (size) => {
    const r = replies('250-lab.local greets you\r\n250-SIZE 10485760\r\n250 HELP\r\n220 next\r\n', size, smtp);
    expect(r).toHaveLength(2);
    expect(r[0]).toEqual({ protocol: 'smtp', lines: ['250-lab.local greets you', '250-SIZE 10485760', '250 HELP'], status: '250', continuation: false });
    expect(r[1]?.status).toBe('220');
  });

  it('marks 354 and 334 as continuations and accepts a bare code line', () => {
    const r = replies('354 End data with <CR><LF>.<CR><LF>\r\n334 VXNlcm5hbWU6\r\n250\r\n', 4, smtp);
    expect(r.map((x) => [x.status, x.continuation])).toEqual([
      ['354', true],
      ['334', true],
      ['250', false],
    ]);
  });

  it('does not finish a reply before its last line arrives', () => {
    const f = new ReplyFramer();
    f.push(Buffer.from('250-a\r\n250-b\r\n250 c'));
    expect(f.next(smtp)).toBeNull();
    expect(f.partial).toEqual(['250-a', '250-b']);
    f.push(Buffer.from('\r\n'));
    expect(f.next(smtp)?.lines).toEqual(['250-a', '250-b', '250 c']);
  });

  it('reports a line that is not a reply with an empty status instead of waiting forever', () => {
    expect(replies('HTTP/1.1 400 Bad Request\r\n', 3, smtp)[0]?.status).toBe('');
  });

  it('accepts bare LF line ends from sloppy servers', () => {
    expect(replies('250-a\n250 b\n', 2, smtp)[0]?.lines).toEqual(['250-a', '250 b']);
  });
});

describe('ReplyFramer: POP3', () => {
  it.each(SIZES)('reads a dot-terminated block after +OK for a multi-line command in %i-byte chunks', (size) => {
    const input = '+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n+OK next\r\n';
    const r = replies(input, size, { protocol: 'pop3', multiline: true });
    expect(r[0]?.lines).toEqual(['+OK 2 messages', '1 120', '2 200', '.']);
    expect(r[0]?.status).toBe('+OK');
  });

  it('reads only the status line of -ERR even for a multi-line command', () => {
    const r = replies('-ERR no such message\r\n+OK x\r\n', 5, { protocol: 'pop3', multiline: true });
    expect(r[0]).toEqual({ protocol: 'pop3', lines: ['-ERR no such message'], status: '-ERR', continuation: false });
  });

  it('reads a SASL "+ " continuation as one line', () => {
    const r = replies('+ \r\n', 1, { protocol: 'pop3', multiline: false });
    expect(r[0]).toMatchObject({ status: '+', continuation: true });
  });

  it('keeps byte-stuffed lines raw and unstuffs them on request', () => {
    const r = replies('+OK message follows\r\nSubject: x\r\n\r\n..hidden\r\n...\r\n.\r\n', 3, { protocol: 'pop3', multiline: true });
    const reply = r[0] as WireReply;
    expect(reply.lines).toContain('..hidden');
    expect(pop3Body(reply)).toEqual(['Subject: x', '', '.hidden', '..']);
  });

  it.each([
    ['CAPA', true],
    ['LIST', true],
    ['list 1', false],
    ['UIDL', true],
    ['UIDL 2', false],
    ['RETR 1', true],
    ['TOP 1 0', true],
    ['STAT', false],
    ['USER alice', false],
    ['AUTH', true],
    ['AUTH PLAIN', false],
    ['QUIT', false],
  ])('knows whether %s is answered with a block', (command, multi) => {
    expect(pop3Multiline(command as string)).toBe(multi);
  });
});

describe('ReplyFramer: IMAP', () => {
  it.each(SIZES)('collects untagged lines up to the tagged completion in %i-byte chunks', (size) => {
    const input = '* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] ok\r\na1 OK [READ-WRITE] SELECT completed\r\n';
    const r = replies(input, size, { protocol: 'imap', tag: 'a1' });
    expect(r).toHaveLength(1);
    expect(r[0]?.lines).toHaveLength(4);
    expect(r[0]?.status).toBe('OK');
  });

  it('does not take another tag that merely starts the same as a completion', () => {
    const r = replies('a10 OK other\r\na1 NO [AUTHENTICATIONFAILED] nope\r\n', 4, { protocol: 'imap', tag: 'a1' });
    expect(r[0]?.lines).toEqual(['a10 OK other', 'a1 NO [AUTHENTICATIONFAILED] nope']);
    expect(r[0]?.status).toBe('NO');
  });

  it.each(SIZES)('reads a literal by its octet count even when it contains a fake completion (%i-byte chunks)', (size) => {
    const body = 'a1 OK not the end\r\nこんにちは\r\n';
    const n = Buffer.byteLength(body);
    const input = `* 1 FETCH (BODY[] {${n}}\r\n${body} FLAGS (\\Seen))\r\na1 OK FETCH completed\r\n`;
    const r = replies(input, size, { protocol: 'imap', tag: 'a1' });
    expect(r).toHaveLength(1);
    expect(r[0]?.lines).toEqual([`* 1 FETCH (BODY[] {${n}}`, 'a1 OK not the end', 'こんにちは', ' FLAGS (\\Seen))', 'a1 OK FETCH completed']);
  });

  it('joins text after a literal without a final CRLF to the rest of its line', () => {
    const r = replies('* 1 FETCH (BODY[HEADER] {5}\r\nhello)\r\na2 OK done\r\n', 2, { protocol: 'imap', tag: 'a2' });
    expect(r[0]?.lines).toEqual(['* 1 FETCH (BODY[HEADER] {5}', 'hello)', 'a2 OK done']);
  });

  it('handles two literals in one response and an empty literal', () => {
    const input = '* 1 FETCH (A {2}\r\nab B {0}\r\n C {1}\r\nz)\r\nt OK\r\n';
    const r = replies(input, 3, { protocol: 'imap', tag: 't' });
    expect(r[0]?.lines).toEqual(['* 1 FETCH (A {2}', 'ab B {0}', ' C {1}', 'z)', 't OK']);
  });

  it('stops at a "+" continuation request', () => {
    const r = replies('+ idling\r\n', 1, { protocol: 'imap', tag: 'a5' });
    expect(r[0]).toMatchObject({ status: '+', continuation: true, lines: ['+ idling'] });
  });

  it('reads the greeting as one untagged line', () => {
    const r = replies('* OK [CAPABILITY IMAP4rev1] l7lab ready\r\n', 6, { protocol: 'imap', tag: null });
    expect(r[0]).toMatchObject({ status: 'OK', lines: ['* OK [CAPABILITY IMAP4rev1] l7lab ready'] });
  });

  it('hands out lines one by one outside a reply (IDLE updates)', () => {
    const f = new ReplyFramer();
    f.push(Buffer.from('* 3 EXISTS\r\n* 1 RE'));
    expect(f.nextLine()).toBe('* 3 EXISTS');
    expect(f.nextLine()).toBeNull();
    f.push(Buffer.from('CENT\r\n'));
    expect(f.nextLine()).toBe('* 1 RECENT');
  });
});

describe('dotStuff', () => {
  it.each([
    ['.', '..'],
    ['.hidden', '..hidden'],
    ['plain', 'plain'],
    ['', ''],
  ])('%j goes on the wire as %j', (line, wire) => {
    expect(dotStuff(line)).toBe(wire);
  });
});
