import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab practice` as a script would run it: the built bin, commands on stdin, the explained
 * transcript on stdout, the exit code. Needs `npm run build` first.
 */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));

const labs: Lab[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];
const foreigns: SMTPServer[] = [];
// Children are killed first, then the servers close, then the dirs go.
const { children, tempDir } = scratch('l7lab-practice-cli-', async () => {
  await Promise.all(foreigns.splice(0).map((f) => new Promise<void>((r) => f.close(() => r()))));
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  state: string;
}

/** Run `l7lab practice ...` with `input` on stdin; HOME and XDG_STATE_HOME in a temp dir; bounded. */
function practice(args: string[], input: string, ms = 15_000): Promise<Ran> {
  const home = tempDir();
  const state = join(home, 'state');
  const env = { ...process.env, HOME: home, XDG_STATE_HOME: state, LANG: 'C', LC_ALL: '', NO_COLOR: '1', FORCE_COLOR: '' };
  const child = spawn(process.execPath, [bin, 'practice', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`practice did not exit within ${ms} ms; stdout so far:\n${stdout}`)), ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, state });
    });
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('piped: each protocol end to end against the built-in lab', () => {
  it('SMTP: printf commands | l7lab practice smtp', async () => {
    const input = ['EHLO me', 'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.com>', 'DATA', 'Subject: piped', '', '.dot line', 'bye', '.', 'QUIT', ''].join('\n');
    const r = await practice(['smtp'], input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SMTP on the built-in lab at 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/C: EHLO me\n\s+EHLO: Say hello/);
    expect(r.stdout).toMatch(/S: 250 HELP\n[^\n]*\n\s+session state: GREETED/);
    expect(r.stdout).toMatch(/S: 354 [^\n]*\n[^\n]*\n\s+session state: DATA/);
    expect(r.stdout).toContain('C: ..dot line');
    expect(r.stdout).toMatch(/S: 250 2\.0\.0 Ok: queued as \S+/);
    expect(r.stdout).toMatch(/S: 221 [\s\S]*session state: CLOSED\nThe server closed the connection\.\n$/);
    expect(readFileSync(join(r.state, 'l7lab', 'practice-history-smtp'), 'utf8').split('\n')).toEqual([
      'EHLO me',
      'MAIL FROM:<alice@example.com>',
      'RCPT TO:<bob@example.com>',
      'DATA',
      'QUIT',
      '',
    ]);
  });

  it('POP3: login, a listing, a byte-stuffed line, QUIT through UPDATE', async () => {
    const r = await practice(['pop3'], 'USER bob\nPASS builder\nSTAT\nLIST\nRETR 2\nQUIT\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/S: \+OK l7lab POP3 server ready <[^>]+>/);
    expect(r.stdout).toMatch(/S: \+OK bob's maildrop has 2 messages[^\n]*\n(?: {5}[^\n]*\n)*?\s+session state: TRANSACTION/);
    expect(r.stdout).toMatch(/S: 1 \d+\n\s+Scan listing/);
    expect(r.stdout).toContain('S: ..this line starts with a dot');
    expect(r.stdout).toMatch(/session state: UPDATE\nThe server closed the connection\.\n$/);
    // Off a terminal everything but the wire lines fits 80 columns: the banner and every explanation wrap (issue 14).
    const wide = r.stdout.split('\n').filter((l) => [...l].length > 80 && !/^[CS]: /.test(l));
    expect(wide).toEqual([]);
    // the password never reaches the history file
    expect(readFileSync(join(r.state, 'l7lab', 'practice-history-pop3'), 'utf8')).toBe('USER bob\nSTAT\nLIST\nRETR 2\nQUIT\n');
  });

  it('IMAP: tags added, the states in the RFC\'s words, a literal in the reply', async () => {
    const r = await practice(['imap'], 'LOGIN bob builder\nSELECT INBOX\nFETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]\nLOGOUT\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/C: a1 LOGIN bob builder[\s\S]*session state: authenticated/);
    expect(r.stdout).toMatch(/C: a2 SELECT INBOX[\s\S]*S: a2 OK \[READ-WRITE\][\s\S]*session state: selected/);
    expect(r.stdout).toMatch(/S: \* 1 FETCH \(BODY\[HEADER\.FIELDS \(SUBJECT\)\] \{\d+\}\n(?: {5}[^\n]*\n)*S: Subject: Welcome to the lab\n/);
    expect(r.stdout).toMatch(/S: \* BYE [\s\S]*session state: logout\nThe server closed the connection\.\n$/);
  });

  it('stdin ending without QUIT ends the session quietly, exit 0', async () => {
    const r = await practice(['smtp', '--lang', 'ja'], 'EHLO me\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('セッション状態: GREETED');
    expect(r.stdout).not.toContain('接続を閉じました');
  });
});

describe('--connect', () => {
  it('talks to a server the test started: no state shown, the mail lands there', async () => {
    const lab = await startLab();
    labs.push(lab);
    const port = (lab.endpoints.smtp as { port: number }).port;
    const input = 'EHLO me\nMAIL FROM:<a@example.com>\nRCPT TO:<carol@example.com>\nDATA\nSubject: from the shell\n\nhello\n.\nQUIT\n';
    const r = await practice(['smtp', '--connect', `127.0.0.1:${port}`], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SMTP at 127\.0\.0\.1:\d+\. This server is not the lab/);
    expect(r.stdout).not.toContain('session state:');
    expect(r.stdout).toMatch(/S: 250 2\.0\.0 /);
    const [message] = await lab.store.list('carol', 'INBOX');
    expect((await lab.store.read('carol', 'INBOX', (message as { uid: number }).uid)).toString()).toContain('Subject: from the shell\r\n\r\nhello\r\n');
  });

  it('talks to a server that is not l7lab (nodemailer smtp-server): the message arrives there', async () => {
    const received: string[] = [];
    const foreign = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString()));
        stream.on('end', () => {
          received.push(text);
          done();
        });
      },
    });
    foreigns.push(foreign);
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    const port = (foreign.server.address() as { port: number }).port;
    const input = 'EHLO me\nMAIL FROM:<a@example.com>\nRCPT TO:<b@example.com>\nDATA\nSubject: elsewhere\n\n.starts with a dot\n.\nQUIT\n';
    const r = await practice(['smtp', '--connect', `127.0.0.1:${port}`], input);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/S: 250[ -]/);
    expect(r.stdout).toMatch(/S: 354 [^\n]*\n\s+354: go ahead/);
    expect(r.stdout).toMatch(/S: 221 /);
    // the server undid the dot-stuffing: it got the line as typed
    expect(received).toEqual(['Subject: elsewhere\r\n\r\n.starts with a dot\r\n']);
  });

  it('a closed port: one line on stderr, exit 1, nothing on stdout', async () => {
    const port = await freePort();
    const r = await practice(['pop3', '--connect', `127.0.0.1:${port}`], 'QUIT\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`l7lab: could not connect to 127.0.0.1:${port}: connection refused (nothing listens there)\n`);
  });

  it('a server that hangs up before greeting: one line, exit 1', async () => {
    const server = createServer((socket) => socket.destroy());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const r = await practice(['imap', '--connect', `127.0.0.1:${port}`], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`l7lab: the server at 127.0.0.1:${port} closed the connection before it greeted\n`);
  });

  it('a server that hangs up mid-session: one line, exit 0, no stack trace', async () => {
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.write('220 flaky ESMTP\r\n');
      socket.once('data', () => socket.destroy());
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const r = await practice(['smtp', '--connect', `127.0.0.1:${port}`], 'EHLO me\nNOOP\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/The server closed the connection\.\n$/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it('usage errors: a bad host:port and an unknown protocol exit 2', async () => {
    const bad = await practice(['smtp', '--connect', 'localhost'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('l7lab: invalid --connect "localhost": use host:port, e.g. 127.0.0.1:2525 or [::1]:2143\n');
    const unknown = await practice(['ftp'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('l7lab: unknown protocol "ftp": use smtp, pop3, imap, http or dns\n');
  });
});
