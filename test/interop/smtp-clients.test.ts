import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createSmtpServer } from '../../src/protocols/smtp/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { clientPart } from '../unit/smtp/fixtures.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import type { Run } from '../support/bin.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';

/**
 * Real clients against the lab's SMTP server on 127.0.0.1: curl, Python's smtplib and
 * nodemailer. Each message is read back from the store and compared byte for byte with
 * what the client sent (the stored message minus the trace fields the server prepends).
 */
const opened = closeAfterEach(200);
const { tempDir } = scratch('l7lab-smtp-');
let store: MemoryStore;
let port: number;
let events: TranscriptEvent[];
let dir: string;

beforeEach(async () => {
  store = new MemoryStore();
  events = [];
  port = await listenLoopback(createSmtpServer({ store, accounts: new Accounts(DEMO_ACCOUNTS), sink: (e) => events.push(e), hostname: 'lab.test' }), opened);
  dir = tempDir();
});

const run = (cmd: string, args: string[]): Promise<Run> => runProgram(cmd, args, 15_000);

/** The one message in `account`'s INBOX, minus the server's trace fields. */
async function onlyMessage(account: string): Promise<Buffer> {
  const list = await store.list(account, 'INBOX');
  expect(list).toHaveLength(1);
  return clientPart(await store.read(account, 'INBOX', list[0]!.uid));
}

function clientLines(): LineEvent[] {
  return events.filter((e): e is LineEvent => e.event === 'line' && e.direction === 'client');
}

function serverLines(): LineEvent[] {
  return events.filter((e): e is LineEvent => e.event === 'line' && e.direction === 'server');
}

const MESSAGE = Buffer.from(
  'From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: interop\r\n\r\nHello Bob,\r\n.a line that starts with a dot\r\n..two dots\r\n\r\nbye\r\n',
);

describe('curl smtp://', () => {
  it('sends a file to two recipients without logging in', async () => {
    const file = join(dir, 'mail.eml');
    writeFileSync(file, MESSAGE);
    const r = await run('curl', ['-sS', '--max-time', '10', `smtp://127.0.0.1:${port}/curl.test`, '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.com', '--mail-rcpt', 'carol@example.org', '-T', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await onlyMessage('bob')).equals(MESSAGE)).toBe(true);
    expect((await onlyMessage('carol')).equals(MESSAGE)).toBe(true);
  });

  it.each(['PLAIN', 'LOGIN', 'CRAM-MD5'])('logs in with --login-options AUTH=%s and sends', async (mech) => {
    const file = join(dir, 'mail.eml');
    writeFileSync(file, MESSAGE);
    const args = ['-sS', '--max-time', '10', `smtp://127.0.0.1:${port}/curl.test`, '--user', 'alice:wonderland', '--login-options', `AUTH=${mech}`];
    const r = await run('curl', [...args, '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.com', '-T', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(clientLines().some((l) => l.text.toUpperCase().startsWith(`AUTH ${mech}`))).toBe(true);
    expect(serverLines().some((l) => l.text.startsWith('235 2.7.0'))).toBe(true);
    expect((await onlyMessage('bob')).equals(MESSAGE)).toBe(true);
    expect((await store.read('bob', 'INBOX', 1)).toString()).toContain('with ESMTPA id');
  });

  it('fails with a wrong password (curl exit 67: login denied) and stores nothing', async () => {
    const file = join(dir, 'mail.eml');
    writeFileSync(file, MESSAGE);
    const r = await run('curl', ['-sS', '--max-time', '10', `smtp://127.0.0.1:${port}`, '--user', 'alice:wrong', '--login-options', 'AUTH=PLAIN', '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.com', '-T', file]);
    expect(r.code).toBe(67);
    expect(serverLines().some((l) => l.text === '535 5.7.8 Authentication credentials invalid')).toBe(true);
    expect(await store.list('bob', 'INBOX')).toHaveLength(0);
  });
});

interface PythonResult {
  features: string[];
  auth?: [number, string];
  refused?: Record<string, unknown>;
  sent: string[];
}

async function python(job: object): Promise<PythonResult> {
  const script = join(import.meta.dirname, 'smtp-python-client.py');
  const r = await run('python3', [script, String(port), JSON.stringify(job)]);
  if (r.code !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PythonResult;
}

/** What smtplib gave to DATA, as the server must store it (smtplib adds a final CRLF if missing). */
function sentBytes(hex: string | undefined): Buffer {
  const b = Buffer.from(hex ?? '', 'hex');
  return b.subarray(-2).toString() === '\r\n' ? b : Buffer.concat([b, Buffer.from('\r\n')]);
}

describe("Python's smtplib", () => {
  it('sees the advertised extensions', async () => {
    const r = await python({});
    expect(r.features).toEqual(['8bitmime', 'auth', 'enhancedstatuscodes', 'help', 'pipelining', 'size', 'smtputf8']);
  });

  it.each([
    ['PLAIN', true],
    ['PLAIN', false],
    ['LOGIN', true],
    ['LOGIN', false],
    ['CRAM-MD5', false],
  ])('logs in with %s (initial response %s), then send_message arrives byte for byte', async (mech, ir) => {
    const r = await python({ auth: { mech, ir, user: 'alice', password: 'wonderland' }, send: 'message' });
    expect(r.auth).toEqual([235, '2.7.0 Authentication successful']);
    expect(r.refused).toEqual({});
    expect((await onlyMessage('bob')).equals(sentBytes(r.sent[0]))).toBe(true);
    const authLine = clientLines().find((l) => l.text.toUpperCase().startsWith('AUTH'));
    expect(authLine?.text.split(' ').length).toBe(ir && mech !== 'CRAM-MD5' ? 3 : 2);
  });

  it('smtp.login() picks a mechanism by itself and succeeds', async () => {
    const r = await python({ auth: 'best' });
    expect(r.auth).toEqual([235, '2.7.0 Authentication successful']);
  });

  it('a wrong password gives 535 5.7.8', async () => {
    const r = await python({ auth: { mech: 'PLAIN', ir: true, user: 'alice', password: 'nope' } });
    expect(r.auth).toEqual([535, '5.7.8 Authentication credentials invalid']);
  });

  it('sendmail with dot-leading lines: smtplib stuffs, the server unstuffs, bytes intact', async () => {
    const r = await python({ send: 'dots' });
    const expected = sentBytes(r.sent[0]);
    expect(expected.toString()).toContain('\r\n.\r\n..\r\n.leading');
    expect((await onlyMessage('bob')).equals(expected)).toBe(true);
    expect((await onlyMessage('carol')).equals(expected)).toBe(true);
  });

  it('send_message with a UTF-8 address uses SMTPUTF8 and arrives intact', async () => {
    const r = await python({ send: 'utf8' });
    expect(clientLines().find((l) => l.text.startsWith('mail FROM'))?.text).toMatch(/SMTPUTF8/);
    expect((await onlyMessage('bob')).equals(sentBytes(r.sent[0]))).toBe(true);
    const [meta] = await store.list('bob', 'INBOX');
    expect((await store.read('bob', 'INBOX', meta!.uid)).toString('utf8')).toMatch(/^Return-Path: <太郎@example\.jp>\r\nReceived: .*\r\n\tby lab\.test \(l7lab\) with UTF8SMTP id/);
  });
});

describe('nodemailer', () => {
  function transport(method?: string) {
    return nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      name: 'nodemailer.test',
      ...(method ? { auth: { user: 'bob', pass: 'builder' }, authMethod: method } : {}),
    });
  }

  it.each(['PLAIN', 'LOGIN', 'CRAM-MD5'])('logs in with %s and delivers a composed message byte for byte', async (method) => {
    const raw = await new MailComposer({
      from: 'Bob <bob@example.com>',
      to: 'alice@example.com',
      subject: 'nodemailer test',
      text: 'Hello Alice\r\n.dot line\r\n\r\nこんにちは',
      attachments: [{ filename: 'data.bin', content: Buffer.from([0, 1, 2, 13, 10, 46, 13, 10]) }],
    })
      .compile()
      .build();
    // nodemailer's data stream turns bare LF into CRLF; with none in `raw`, raw is what crosses the wire.
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
    const t = transport(method);
    try {
      const info = await t.sendMail({ envelope: { from: 'bob@example.com', to: ['alice@example.com'] }, raw });
      expect(info.response).toMatch(/^250 2\.0\.0 Ok: queued as /);
    } finally {
      t.close();
    }
    expect(clientLines().some((l) => l.text.startsWith(`AUTH ${method}`))).toBe(true);
    const stored = await onlyMessage('alice');
    const expected = raw.subarray(-2).toString() === '\r\n' ? raw : Buffer.concat([raw, Buffer.from('\r\n')]);
    expect(stored.equals(expected)).toBe(true);
  });

  it('sends without auth; a wrong password is refused with EAUTH', async () => {
    const plain = transport();
    try {
      await plain.sendMail({ from: 'x@example.com', to: 'bob@example.com', subject: 's', text: 't' });
    } finally {
      plain.close();
    }
    expect(await store.list('bob', 'INBOX')).toHaveLength(1);
    const bad = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'bob', pass: 'wrong' } });
    try {
      await expect(bad.sendMail({ from: 'x@example.com', to: 'bob@example.com', text: 't' })).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    } finally {
      bad.close();
    }
  });
});
