import { describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/explain/event.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import type { Delivery, Envelope } from '../../src/mailstore/types.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { plainResponse } from '../../src/protocols/sasl.js';
import { createSmtpServer, type SmtpServerOptions } from '../../src/protocols/smtp/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { connectLoopback, SocketReader } from '../support/socket-reader.js';

/** A raw SMTP client: exact bytes out, whole replies (multi-line aware) in. */
class Raw extends SocketReader {
  static async open(port: number): Promise<Raw> {
    return new Raw(await connectLoopback(port, (s) => sockets.push(s)), 'utf8');
  }

  /** The next whole reply: lines up to one whose fourth character is a space. */
  async reply(): Promise<string[]> {
    for (let i = 0; i < 1000; i++) {
      const lines = this.text.split('\r\n');
      const end = lines.findIndex((l, idx) => idx < lines.length - 1 && /^\d{3}( |$)/.test(l));
      if (end >= 0) {
        const reply = lines.slice(0, end + 1);
        this.text = lines.slice(end + 1).join('\r\n');
        return reply;
      }
      if (this.closed) throw new Error(`closed before a whole reply; got ${JSON.stringify(this.text)}`);
      await this.pause(5000);
    }
    throw new Error('no reply');
  }

  async cmd(line: string): Promise<string[]> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** Resolves once the server has closed the connection. */
  async waitClosed(): Promise<void> {
    for (let i = 0; i < 1000 && !this.closed; i++) {
      await this.pause(5000);
    }
    if (!this.closed) throw new Error('still open');
  }
}

const opened = closeAfterEach(200);
const { sockets, servers } = opened;

async function start(opts: Partial<SmtpServerOptions> = {}) {
  const store = new MemoryStore();
  const events: TranscriptEvent[] = [];
  const server = createSmtpServer({ store, accounts: new Accounts(DEMO_ACCOUNTS), sink: (e) => events.push(e), hostname: 'lab.test', ...opts });
  const port = await listenLoopback(server, opened);
  return { store, server, port, events };
}

async function sendMail(c: Raw, to: string, body: string): Promise<string[]> {
  expect(await c.cmd('MAIL FROM:<alice@example.com>')).toEqual(['250 2.1.0 Ok']);
  expect(await c.cmd(`RCPT TO:<${to}>`)).toEqual(['250 2.1.5 Ok']);
  expect(await c.cmd('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
  c.socket.write(`${body}.\r\n`);
  return c.reply();
}

async function waitFor(events: TranscriptEvent[], pred: (e: TranscriptEvent) => boolean): Promise<TranscriptEvent> {
  for (let i = 0; i < 500; i++) {
    const found = events.find(pred);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('event never came');
}

describe('SMTP server on 127.0.0.1', () => {
  it('captures a message into the store for an address with and without an account', async () => {
    const { port, store, events } = await start();
    const c = await Raw.open(port);
    expect((await c.reply())[0]).toMatch(/^220 lab\.test ESMTP/);
    expect((await c.cmd('EHLO client.test')).at(-1)).toBe('250 HELP');
    const body = 'Subject: hello\r\n\r\nHi Bob\r\n..dot\r\n';
    expect((await sendMail(c, 'Bob@Example.com', body))[0]).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-F]{14,}$/);
    expect((await sendMail(c, 'stranger@nowhere.example', 'x\r\n'))[0]).toMatch(/^250 /);
    expect(await c.cmd('QUIT')).toEqual(['221 2.0.0 lab.test Bye']);
    await c.waitClosed();

    const [bob] = await store.list('bob', 'INBOX');
    const raw = await store.read('bob', 'INBOX', bob!.uid);
    expect(raw.toString()).toMatch(/^Return-Path: <alice@example\.com>\r\nReceived: from client\.test \(\[127\.0\.0\.1\]\)\r\n/);
    expect(raw.toString().endsWith('Subject: hello\r\n\r\nHi Bob\r\n.dot\r\n')).toBe(true);
    expect(await store.list('stranger', 'INBOX')).toHaveLength(1);

    const messages = events.filter((e) => e.event === 'message');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ protocol: 'smtp', ids: [bob!.id], from: 'alice@example.com', to: ['Bob@Example.com'] });
    const lines = events.filter((e): e is LineEvent => e.event === 'line');
    expect(explainEvent(lines.find((l) => l.direction === 'server' && l.text.startsWith('354')) as LineEvent, 'en')).toBe('354: go ahead, end your message with a line holding only a dot');
    expect(lines.find((l) => l.direction === 'client' && l.text === 'DATA')?.state).toBe('DATA');
    expect(lines.some((l) => l.text === 'Hi Bob')).toBe(false);
    expect(await waitFor(events, (e) => e.event === 'disconnect')).toMatchObject({ reason: 'quit' });
  });

  it('puts the decoded AUTH line in the transcript, marked secret', async () => {
    const { port, events } = await start();
    const c = await Raw.open(port);
    await c.reply();
    await c.cmd('EHLO c');
    expect(await c.cmd(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`)).toEqual(['235 2.7.0 Authentication successful']);
    const auth = events.find((e): e is LineEvent => e.event === 'line' && e.direction === 'client' && e.text.startsWith('AUTH'));
    expect(auth).toMatchObject({ decoded: '\\0alice\\0wonderland', secret: true, layer: 'L6' });
  });

  it('closes an idle connection with 421 4.4.2', async () => {
    const { port, events } = await start({ idleTimeoutMs: 150 });
    const c = await Raw.open(port);
    await c.reply();
    await c.cmd('EHLO c');
    expect((await c.reply())[0]).toMatch(/^421 4\.4\.2 lab\.test Error: timeout exceeded/);
    await c.waitClosed();
    expect(await waitFor(events, (e) => e.event === 'disconnect')).toMatchObject({ reason: 'timeout' });
  });

  it('refuses connections past the cap with 421 4.7.0 and accepts again once one leaves', async () => {
    const { port } = await start({ maxConnections: 2 });
    const a = await Raw.open(port);
    const b = await Raw.open(port);
    expect((await a.reply())[0]).toMatch(/^220 /);
    expect((await b.reply())[0]).toMatch(/^220 /);
    const c = await Raw.open(port);
    expect(await c.reply()).toEqual(['421 4.7.0 lab.test Too many connections, try again later']);
    await c.waitClosed();
    await a.cmd('QUIT');
    await a.waitClosed();
    let greeting = '';
    for (let i = 0; i < 50 && !greeting.startsWith('220'); i++) {
      const d = await Raw.open(port);
      greeting = (await d.reply())[0] ?? '';
      if (!greeting.startsWith('220')) await new Promise((r) => setTimeout(r, 20));
    }
    expect(greeting).toMatch(/^220 /);
  });

  it('a fault in one session closes that session only', async () => {
    const memory = new MemoryStore();
    const store = {
      deliver: async (envelope: Envelope, raw: Buffer, at?: Date): Promise<Delivery[]> => {
        if (envelope.to.includes('boom@example.com')) throw new TypeError('simulated bug');
        return memory.deliver(envelope, raw, at);
      },
    };
    const { port, events } = await start({ store });
    const good = await Raw.open(port);
    const bad = await Raw.open(port);
    await good.reply();
    await bad.reply();
    await good.cmd('EHLO good');
    await bad.cmd('EHLO bad');
    await good.cmd('MAIL FROM:<a@example.com>');
    expect(await sendMail(bad, 'boom@example.com', 'x\r\n')).toEqual(['421 4.3.0 lab.test Internal error, closing connection']);
    await bad.waitClosed();
    expect(await good.cmd('RCPT TO:<bob@example.com>')).toEqual(['250 2.1.5 Ok']);
    expect(await good.cmd('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
    good.socket.write('still fine\r\n.\r\n');
    expect((await good.reply())[0]).toMatch(/^250 2\.0\.0 /);
    expect(await memory.list('bob', 'INBOX')).toHaveLength(1);
    expect(events.some((e) => e.event === 'notice' && e.level === 'error' && e.text.includes('simulated bug'))).toBe(true);
  });

  it('a client that vanishes mid-message leaves nothing stored and others unaffected', async () => {
    const { port, store } = await start();
    const gone = await Raw.open(port);
    await gone.reply();
    await gone.cmd('EHLO c');
    await gone.cmd('MAIL FROM:<a@example.com>');
    await gone.cmd('RCPT TO:<bob@example.com>');
    await gone.cmd('DATA');
    gone.socket.write('half a message\r\n');
    gone.socket.destroy();
    const other = await Raw.open(port);
    await other.reply();
    await other.cmd('EHLO other');
    expect((await sendMail(other, 'carol@example.com', 'ok\r\n'))[0]).toMatch(/^250 /);
    expect(await store.list('bob', 'INBOX')).toHaveLength(0);
    expect(await store.list('carol', 'INBOX')).toHaveLength(1);
  });

  it('answers a pipelined batch written at once, in order, and calls onMessage once', async () => {
    const seen: string[][] = [];
    const { port, store } = await start({ onMessage: (e) => seen.push(e.ids) });
    const c = await Raw.open(port);
    await c.reply();
    c.socket.write('EHLO p\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nSubject: p\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n');
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(((await c.reply()).at(-1) ?? '').slice(0, 3));
    expect(codes).toEqual(['250', '250', '250', '354', '250', '250', '221']);
    const stored = await store.list('bob', 'INBOX');
    expect(stored).toHaveLength(1);
    expect(seen).toEqual([[stored[0]!.id]]);
  });

  it('hangs up on an HTTP request', async () => {
    const { port } = await start();
    const c = await Raw.open(port);
    await c.reply();
    expect(await c.cmd('GET / HTTP/1.1')).toEqual(['554 5.7.0 This is an SMTP server, not a web server; closing connection']);
    await c.waitClosed();
  });

  it('on shutdown, lets a message in flight finish and be stored, then says 421 4.3.2', async () => {
    const { port, server, store, events } = await start({ transcriptDataLines: true });
    const c = await Raw.open(port);
    await c.reply();
    await c.cmd('EHLO c');
    await c.cmd('MAIL FROM:<a@example.com>');
    await c.cmd('RCPT TO:<bob@example.com>');
    await c.cmd('DATA');
    c.socket.write('Subject: in flight\r\n\r\nfirst half\r\n');
    await waitFor(events, (e) => e.event === 'line' && e.text === 'first half');
    const closing = server.close(5000);
    c.socket.write('second half\r\n.\r\n');
    expect((await c.reply())[0]).toMatch(/^250 2\.0\.0 /);
    expect((await c.reply())[0]).toMatch(/^421 4\.3\.2 /);
    await closing;
    servers.splice(servers.indexOf(server), 1);
    const [meta] = await store.list('bob', 'INBOX');
    expect((await store.read('bob', 'INBOX', meta!.uid)).toString()).toMatch(/first half\r\nsecond half\r\n$/);
  });

  it('tells an idle session the server is shutting down (421 4.3.2)', async () => {
    const { port, server } = await start();
    const c = await Raw.open(port);
    await c.reply();
    await c.cmd('EHLO c');
    const closing = server.close(1000);
    expect((await c.reply())[0]).toMatch(/^421 4\.3\.2 /);
    await closing;
    servers.splice(servers.indexOf(server), 1);
  });
});
