import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { explainEvent } from '../../src/explain/event.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import type { MailStore } from '../../src/mailstore/types.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer, type ImapServerOptions } from '../../src/protocols/imap/server.js';
import { createSmtpServer } from '../../src/protocols/smtp/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { scratch } from '../support/scratch.js';
import { connectLoopback, SocketReader } from '../support/socket-reader.js';

/** A raw IMAP client over a real socket: exact bytes out, text in, waits bounded. */
class Raw extends SocketReader {
  static async open(port: number): Promise<Raw> {
    return new Raw(await connectLoopback(port, (s) => sockets.push(s)));
  }

  /** Wait until the received text contains `needle` (or the socket closes); at most 5 s. */
  async until(needle: string | RegExp): Promise<string> {
    const deadline = Date.now() + 5_000;
    const found = () => (typeof needle === 'string' ? this.text.includes(needle) : needle.test(this.text));
    while (!found() && !this.closed && Date.now() < deadline) {
      await this.pause(100);
    }
    return this.text;
  }

  /** Wait until the server closes the connection; at most 5 s. */
  async gone(): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async cmd(tag: string, line: string): Promise<string> {
    const from = this.text.length;
    this.write(`${tag} ${line}\r\n`);
    await this.until(new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)[^\\r]*\\r\\n`));
    return this.text.slice(from);
  }
}

// Registered first, so its dirs go last: after the servers close and the stores (cleanups) are closed.
const { tempDir } = scratch('l7lab-imap-maildir-');
const opened = closeAfterEach(100);
const { sockets } = opened;

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function start(extra: Partial<ImapServerOptions> = {}, store: MailStore = new MemoryStore()) {
  const events: TranscriptEvent[] = [];
  const server = createImapServer({ store, accounts: new Accounts(DEMO_ACCOUNTS), sink: (e) => events.push(e), hostname: 'lab.test', ...extra });
  const port = await listenLoopback(server, opened);
  return { store, server, port, events };
}

/** Two sessions as bob with INBOX selected; the second is IDLE, so it hears what the first changes. */
async function selectedWithIdler(port: number): Promise<[Raw, Raw]> {
  const [a, b] = [await Raw.open(port), await Raw.open(port)];
  for (const c of [a, b]) {
    await c.until('\r\n');
    await c.cmd('l', 'LOGIN bob builder');
    await c.cmd('s', 'SELECT INBOX');
  }
  b.write('i IDLE\r\n');
  await b.until('+ idling');
  return [a, b];
}

const MAIL = 'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: hi\r\n\r\nHello Bob.\r\n';

describe('IMAP server on 127.0.0.1', () => {
  it('greets, logs in, selects and logs out over a real socket, with a transcript event per line', async () => {
    const { port, store, events } = await start();
    await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from(MAIL));
    const c = await Raw.open(port);
    expect(await c.until('\r\n')).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 [^\]]+\] lab\.test l7lab IMAP4rev1 server ready\r\n$/);
    expect(await c.cmd('a', 'LOGIN bob builder')).toMatch(/^a OK/);
    expect(await c.cmd('b', 'SELECT INBOX')).toMatch(/\* 1 EXISTS[\s\S]*b OK \[READ-WRITE\]/);
    expect(await c.cmd('c', 'LOGOUT')).toMatch(/\* BYE[^\r]*\r\nc OK LOGOUT completed\r\n/);
    await c.gone();
    expect(c.closed).toBe(true);
    const lines = events.filter((e): e is LineEvent => e.event === 'line');
    const login = lines.find((e) => e.direction === 'client' && e.text.includes('LOGIN'));
    expect(login).toMatchObject({ secret: true, state: 'authenticated' });
    const selected = lines.find((e) => e.text.startsWith('b OK')) as LineEvent;
    expect(selected.state).toBe('selected');
    expect(explainEvent(selected, 'en')).toMatch(/read/i);
    expect(events.at(-1)).toMatchObject({ event: 'disconnect', reason: 'quit' });
  });

  it('pushes EXISTS at once to an IDLE session when mail is delivered by the SMTP server', async () => {
    const { port, store } = await start();
    const smtpPort = await listenLoopback(createSmtpServer({ store, accounts: new Accounts(DEMO_ACCOUNTS) }), opened);
    const c = await Raw.open(port);
    await c.until('\r\n');
    await c.cmd('a', 'LOGIN bob builder');
    await c.cmd('b', 'SELECT INBOX');
    c.write('i IDLE\r\n');
    await c.until('+ idling\r\n');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'alice@example.com', to: 'bob@example.com', subject: 'via SMTP', text: 'pushed' });
    transport.close();
    expect(await c.until('* 1 EXISTS\r\n')).toContain('+ idling\r\n* 1 EXISTS\r\n* 1 RECENT\r\n');
    c.write('DONE\r\n');
    expect(await c.until('i OK')).toMatch(/i OK IDLE terminated\r\n$/);
    expect(await c.cmd('f', 'FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]')).toContain('Subject: via SMTP');
  });

  it('shows one session\'s \\Seen to another that IDLEs, over real sockets', async () => {
    const { port, store } = await start();
    await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from(MAIL));
    const [a, b] = await selectedWithIdler(port);
    await a.cmd('f', 'FETCH 1 BODY[]');
    expect(await b.until('* 1 FETCH (FLAGS (\\Seen))\r\n')).toContain('* 1 FETCH (FLAGS (\\Seen))\r\n');
  });

  it('discards a 10 GB LITERAL+ literal as it streams: its command-looking bytes never run', async () => {
    const { port, store } = await start();
    const c = await Raw.open(port);
    await c.until('\r\n');
    await c.cmd('a', 'LOGIN bob builder');
    c.write(`b APPEND INBOX {${10 * 1024 ** 3}+}\r\n`);
    const chunk = Buffer.from('x CREATE Evil\r\ny LOGOUT\r\n'.repeat(20_000));
    for (let i = 0; i < 64; i++) c.write(chunk);
    // 33 MB sent: once our side has flushed it all, the server has read far more than any
    // socket buffer holds, and it only keeps reading while it discards (it pauses a client
    // whose unread input passes MAX_BUFFERED_INPUT).
    const deadline = Date.now() + 10_000;
    while (c.socket.writableLength > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(c.socket.writableLength).toBe(0);
    const probe = await Raw.open(port);
    await probe.until('\r\n');
    await probe.cmd('p', 'LOGIN bob builder');
    await probe.cmd('q', 'NOOP');
    expect(c.text).not.toMatch(/BYE|x OK|y OK/);
    expect(c.closed).toBe(false);
    expect(await store.listMailboxes('bob')).toEqual(['INBOX']);
  });

  it('refuses connections over the cap with * BYE [UNAVAILABLE]', async () => {
    const { port } = await start({ maxConnections: 1 });
    const first = await Raw.open(port);
    await first.until('\r\n');
    const second = await Raw.open(port);
    expect(await second.until('\r\n')).toBe('* BYE [UNAVAILABLE] Too many connections, try again later\r\n');
  });

  it('logs out an idle client with * BYE when the autologout timer fires', async () => {
    const { port, events } = await start({ idleTimeoutMs: 300 });
    const c = await Raw.open(port);
    expect(await c.until('* BYE')).toMatch(/\* BYE Autologout/);
    await c.gone();
    expect(c.closed).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'disconnect', reason: 'timeout' });
  });

  it('tells connected sessions BYE on shutdown', async () => {
    const { port, server } = await start();
    const c = await Raw.open(port);
    await c.until('\r\n');
    await c.cmd('a', 'LOGIN bob builder');
    await server.close(1_000);
    expect(await c.until('* BYE')).toContain('* BYE [UNAVAILABLE] Server shutting down\r\n');
  });
});

describe('IMAP server on a Maildir (what `l7lab serve` uses)', () => {
  async function maildir(): Promise<MaildirStore> {
    const store = new MaildirStore(tempDir());
    cleanups.push(() => store.close());
    return store;
  }

  it('keeps \\Seen, APPEND and EXPUNGE on disk and tells an IDLE session at once', async () => {
    const store = await maildir();
    await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from(MAIL));
    const { port } = await start({}, store);
    const [a, b] = await selectedWithIdler(port);
    expect(await a.cmd('f', 'FETCH 1 BODY[TEXT]')).toContain('Hello Bob.');
    expect(await b.until('* 1 FETCH (FLAGS (\\Seen))')).toContain('* 1 FETCH (FLAGS (\\Seen))');
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Seen']);
    a.write('p APPEND INBOX (\\Flagged) {12+}\r\nSubject: x\r\n\r\n');
    expect(await a.until(/p OK[^\r]*\r\n/)).toMatch(/p OK \[APPENDUID \d+ 2\]/);
    expect(await b.until('* 2 EXISTS')).toContain('* 2 EXISTS');
    await a.cmd('d', 'STORE 1 +FLAGS.SILENT (\\Deleted)');
    await a.cmd('e', 'EXPUNGE');
    expect(await b.until('* 1 EXPUNGE')).toContain('* 1 EXPUNGE');
    b.write('DONE\r\n');
    await b.until('i OK');
    expect(await b.cmd('u', 'UID FETCH 1:* (UID FLAGS)')).toContain('* 1 FETCH (UID 2 FLAGS (\\Flagged');
    expect((await store.list('bob', 'INBOX')).map((m) => m.uid)).toEqual([2]);
  });
});
