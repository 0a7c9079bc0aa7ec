import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { clientPart } from '../unit/smtp/fixtures.js';
import { cleanup, lab, liveBytes, othersServed, portOf, Raw } from './helpers.js';

/**
 * Hostile and broken SMTP input over real sockets (issue 9). Each case ends by checking
 * that a fresh session on every server of the same lab is still served.
 */
afterEach(cleanup);

async function smtpLab(opts: { maxMessageSize?: number } = {}) {
  const store = new MemoryStore();
  const l = await lab({ store, ...opts });
  const c = await Raw.open(portOf(l, 'smtp'));
  expect(await c.smtp()).toMatch(/^220 /);
  return { l, store, c };
}

async function envelope(c: Raw, to = 'bob@example.com'): Promise<void> {
  expect(await c.smtpCmd('EHLO client.example')).toMatch(/^250-/);
  expect(await c.smtpCmd('MAIL FROM:<alice@example.com>')).toMatch(/^250 /);
  expect(await c.smtpCmd(`RCPT TO:<${to}>`)).toMatch(/^250 /);
  expect(await c.smtpCmd('DATA')).toMatch(/^354 /);
}

async function stored(store: MemoryStore, account = 'bob'): Promise<Buffer[]> {
  const metas = await store.list(account, 'INBOX').catch(() => []);
  return Promise.all(metas.map((m) => store.read(account, 'INBOX', m.uid)));
}

describe('SMTP: over-long and over-size input', () => {
  it('32 MB without a line end: one 500 5.5.2, live memory stays flat, the session goes on', async () => {
    const { l, c } = await smtpLab();
    const mb = Buffer.alloc(1024 * 1024, 0x41);
    // 1 MB first, the case of the issue; it also warms up whatever is allocated once.
    await c.writeAll(mb);
    expect(await c.smtp()).toMatch(/^500 5\.5\.2 /);
    c.write('\r\n');
    expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
    const before = liveBytes();
    let peak = 0;
    const samples: string[] = [];
    for (let i = 0; i < 32; i++) {
      await c.writeAll(mb);
      if (i % 8 === 7) {
        const m = process.memoryUsage();
        samples.push(`${liveBytes() - before} h${m.heapUsed} a${m.arrayBuffers} e${m.external}`);
        peak = Math.max(peak, liveBytes() - before);
      }
    }
    expect(await c.smtp()).toMatch(/^500 5\.5\.2 /);
    c.write('\r\n');
    expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
    // Buffered input would hold megabytes; the framer drops an over-long line as it comes.
    expect(peak, samples.join(' | ')).toBeLessThan(4 * 1024 * 1024);
    expect(c.text).toBe('');
    await othersServed(l);
  });

  it('a 1001-octet text line in DATA: read to the end, then 500 5.5.2, nothing stored', async () => {
    const { l, store, c } = await smtpLab();
    await envelope(c);
    c.write(`Subject: long\r\n\r\n${'x'.repeat(999)}\r\nafter\r\n.\r\n`);
    expect(await c.smtp()).toMatch(/^500 5\.5\.2 /);
    expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
    expect(await stored(store)).toHaveLength(0);
    await othersServed(l);
  });

  it('a body over the size limit is read to its end, then 552, nothing stored, session usable', async () => {
    const { l, store, c } = await smtpLab({ maxMessageSize: 2_000 });
    await envelope(c);
    const line = `${'y'.repeat(98)}\r\n`;
    // Lines that look like commands must stay content while the excess is read.
    c.write(`Subject: big\r\n\r\n${line.repeat(50)}QUIT\r\nRSET\r\n${line.repeat(50)}.\r\n`);
    expect(await c.smtp()).toMatch(/^552 5\.3\.4 /);
    expect(c.text).toBe('');
    expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
    expect(await stored(store)).toHaveLength(0);
    await othersServed(l);
  });
});

describe('SMTP smuggling: only CRLF.CRLF ends a message', () => {
  const smuggled = 'MAIL FROM:<mallory@evil.example>\r\nRCPT TO:<alice@example.com>\r\nDATA\r\nSubject: smuggled\r\n\r\nforged\r\n';
  // The stored form of each fake end: as sent, except that a dot opening a real line (one
  // after a clean CRLF) is a stuffing dot and is removed (RFC 5321 4.5.2).
  for (const [name, fake, kept] of [
    ['\\n.\\n', '\n.\n', '\n.\n'],
    ['\\n.\\r\\n', '\n.\r\n', '\n.\r\n'],
    ['\\r\\n.\\n', '\r\n.\n', '\r\n\n'],
    ['\\r\\r\\n.\\r\\n', '\r\r\n.\r\n', '\r\r\n.\r\n'],
  ] as const) {
    it(`${name} followed by MAIL/RCPT/DATA: exactly one message, byte for byte`, async () => {
      const { l, store, c } = await smtpLab();
      await envelope(c);
      c.write(`Subject: real\r\n\r\nbody${fake}${smuggled}.\r\n`);
      expect(await c.smtp()).toMatch(/^250 2\.0\.0 /);
      expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
      const bob = await stored(store);
      expect(bob).toHaveLength(1);
      expect(clientPart(bob[0] as Buffer).toString('latin1')).toBe(`Subject: real\r\n\r\nbody${kept}${smuggled}`);
      expect(await stored(store, 'alice')).toHaveLength(0);
      await othersServed(l);
    });
  }
});

describe('SMTP: what the client says never becomes a header line', () => {
  it('a bare LF in HELO or in an address does not start a line of Received', async () => {
    const { l, store, c } = await smtpLab();
    c.write('HELO evil.example\nX-Injected-Helo: 1\r\n');
    const replies = [await c.smtp(), await c.smtp()];
    expect(replies.join('')).toMatch(/^(250|5\d\d) /);
    expect(await c.smtpCmd('MAIL FROM:<a\nX-Injected-From: 1@example.com>')).toMatch(/^5\d\d /);
    expect(await c.smtp()).toMatch(/^5\d\d /); // the tail after the LF is a line of its own, refused
    expect(await c.smtpCmd('MAIL FROM:<alice@example.com>')).toMatch(/^250 /);
    expect(await c.smtpCmd('RCPT TO:<bob@example.com\nX-Injected-To: 1>')).toMatch(/^5\d\d /);
    expect(await c.smtp()).toMatch(/^5\d\d /);
    expect(await c.smtpCmd('RCPT TO:<bob@example.com>')).toMatch(/^250 /);
    expect(await c.smtpCmd('DATA')).toMatch(/^354 /);
    c.write('Subject: clean\r\n\r\nhi\r\n.\r\n');
    expect(await c.smtp()).toMatch(/^250 /);
    const [raw] = await stored(store);
    const text = (raw as Buffer).toString('latin1');
    expect(text).not.toMatch(/(^|\n)X-Injected/);
    // clientPart throws unless the trace fields are exactly Return-Path + a 3-line Received.
    expect(clientPart(raw as Buffer).toString('latin1')).toBe('Subject: clean\r\n\r\nhi\r\n');
    await othersServed(l);
  });

  it('8-bit addresses need SMTPUTF8; invalid UTF-8 is refused even with it', async () => {
    const { l, store, c } = await smtpLab();
    expect(await c.smtpCmd('EHLO client.example')).toMatch(/SMTPUTF8/);
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    c.write(Buffer.concat([bytes('MAIL FROM:<j\u00fcrgen@example.com>'), Buffer.from('\r\n')]));
    expect(await c.smtp()).toMatch(/^553 5\.6\.7 /);
    c.write(Buffer.concat([Buffer.from('MAIL FROM:<'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('@example.com> SMTPUTF8\r\n')]));
    expect(await c.smtp()).toMatch(/^5\d\d /);
    c.write(Buffer.concat([Buffer.from('MAIL FROM:<ok@example.com> SMTPUTF8\r\nRCPT TO:<bob@'), Buffer.from([0xc3, 0x28]), Buffer.from('.example>\r\n')]));
    expect(await c.smtp()).toMatch(/^250 /);
    expect(await c.smtp()).toMatch(/^5\d\d /);
    c.write(Buffer.concat([bytes('RCPT TO:<b\u00f6b@example.com>'), Buffer.from('\r\n')]));
    expect(await c.smtp()).toMatch(/^250 /);
    expect(await c.smtpCmd('DATA')).toMatch(/^354 /);
    c.write('Subject: utf8\r\n\r\nok\r\n.\r\n');
    expect(await c.smtp()).toMatch(/^250 /);
    expect(await store.accounts()).toEqual(['b\u00f6b']);
    await othersServed(l);
  });
});

describe('SMTP: not SMTP at all, and odd framing', () => {
  it('GET / HTTP/1.1 as the first line: a reply, then the connection is closed', async () => {
    const { l, c } = await smtpLab();
    c.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await c.smtp()).toMatch(/^5\d\d /);
    await c.gone();
    await othersServed(l);
  });

  it('a pipelined batch fed 1 byte and 17 bytes at a time gets the same replies as in one write', async () => {
    const batch =
      'EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<bad>\r\nDATA\r\n' +
      'Subject: piped\r\n\r\n..dot\r\nline\r\n.\r\nNOOP\r\nBOGUS\r\nRSET\r\nQUIT\r\n';
    const run = async (chunk: number): Promise<string> => {
      const { l, store, c } = await smtpLab();
      const data = Buffer.from(batch);
      for (let i = 0; i < data.length; i += chunk) {
        c.write(data.subarray(i, i + chunk));
        await new Promise((r) => setImmediate(r));
      }
      await c.gone();
      const [raw] = await stored(store);
      expect(clientPart(raw as Buffer).toString()).toBe('Subject: piped\r\n\r\n.dot\r\nline\r\n');
      await othersServed(l);
      return c.text.replace(/queued as \S+/g, 'queued as ID');
    };
    const whole = await run(batch.length);
    expect(whole.split('\r\n').filter((x) => /^\d{3} /.test(x)).map((x) => x.slice(0, 3))).toEqual(['250', '250', '250', '501', '354', '250', '250', '500', '250', '221']);
    expect(await run(1)).toBe(whole);
    expect(await run(17)).toBe(whole);
  });
});
