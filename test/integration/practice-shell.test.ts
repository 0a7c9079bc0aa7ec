import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runPractice } from '../../src/commands/practice.js';
import { ExitError } from '../../src/errors.js';
import { startLab, type Lab } from '../../src/lab.js';
import { History } from '../../src/practice/history.js';
import { KNOWLEDGE } from '../../src/protocols/registry.js';
import { seedMailboxes } from '../../src/practice/seed.js';
import { PracticeShell, type Outcome } from '../../src/practice/shell.js';
import type { Protocol } from '../../src/protocol.js';
import { HubLink } from '../../src/conversation/hub-link.js';
import { WireClient } from '../../src/wire/client.js';
import { scratch } from '../support/scratch.js';
import { makeTlsFixture } from '../support/tls-fixture.js';

/** The practice shell against the real lab on 127.0.0.1, lines fed as a learner would type them. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const labs: Lab[] = [];
const clients: WireClient[] = [];
const links: HubLink[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];
const { tempDir } = scratch('l7lab-practice-', async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const l of links.splice(0)) l.close();
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function lab(): Promise<Lab> {
  const l = await startLab();
  labs.push(l);
  await seedMailboxes(l.store);
  return l;
}

interface Run {
  shell: PracticeShell;
  output: string[];
  /** Feed lines; the outcome of the last one. */
  type(...lines: string[]): Promise<Outcome>;
  /** Output since the last call, colours removed. */
  read(): string;
}

async function shellOn(protocol: Protocol, l: Lab | null, port?: number, timeoutMs = 10_000): Promise<Run> {
  const target = l ? (l.endpoints[protocol] as { port: number }).port : (port as number);
  const link = l ? new HubLink(l.hub) : null;
  if (link) links.push(link);
  const { client, greeting } = await WireClient.connect({ host: '127.0.0.1', port: target, protocol, timeoutMs });
  clients.push(client);
  const output: string[] = [];
  let seen = 0;
  const history = await History.open(join(tempDir(), 'history'));
  const shell = new PracticeShell({
    protocol,
    lang: 'en',
    wire: client,
    events: link,
    history,
    out: (t) => output.push(plain(t)),
    closeWaitMs: 2000,
    replyTimeoutMs: timeoutMs,
    where: `127.0.0.1:${target}`,
  });
  shell.start(greeting);
  return {
    shell,
    output,
    async type(...lines) {
      let outcome: Outcome = 'more';
      for (const line of lines) outcome = await shell.handle(line);
      return outcome;
    },
    read() {
      const text = output.slice(seen).join('\n');
      seen = output.length;
      return text;
    },
  };
}

/** The text a helper said to send: `send: <value>`. */
function sendValue(text: string): string {
  const m = /send: (?:APOP <user> )?(\S+)/.exec(text);
  if (!m) throw new Error(`no "send:" in ${text}`);
  return m[1] as string;
}

describe('SMTP in the practice shell', () => {
  it('a whole transaction: states after each reply, DATA dot-stuffed on the wire, stored as typed', async () => {
    const l = await lab();
    const run = await shellOn('smtp', l);
    expect(run.read()).toMatch(/S: 220 [^\n]*\n[^\n]*ready[^\n]*\n\s+session state: CONNECTED/);
    expect(run.shell.state).toBe('CONNECTED');
    await run.type('EHLO me', 'MAIL FROM:<alice@example.com>', 'RCPT TO:<bob@example.com>');
    expect(run.shell.state).toBe('RCPT');
    expect(await run.type('DATA')).toBe('more');
    expect(run.shell.mode).toBe('data');
    expect(run.shell.prompt()).toBe('data> ');
    await run.type('Subject: practice', '', '.hidden line');
    expect(run.read()).toContain('354: go ahead');
    await run.type('.');
    const sent = run.read();
    expect(sent).toContain('C: ..hidden line');
    expect(sent).toContain('you typed ".hidden line"; it goes on the wire as "..hidden line"');
    expect(sent).toMatch(/C: \.\n\s+end of data/);
    expect(sent).toMatch(/S: 250 2\.0\.0 [^\n]*\n[^\n]*\n\s+session state: GREETED/);
    expect(run.shell.mode).toBe('command');
    const bob = await l.store.list('bob', 'INBOX');
    const raw = (await l.store.read('bob', 'INBOX', (bob[bob.length - 1] as { uid: number }).uid)).toString();
    expect(raw).toContain('\r\n.hidden line\r\n');
    expect(await run.type('QUIT')).toBe('closed');
    expect(run.read()).toMatch(/session state: CLOSED\nThe server closed the connection\.$/);
  });

  it('AUTH CRAM-MD5 answered with :cram from the 334 challenge', async () => {
    const run = await shellOn('smtp', await lab());
    await run.type('EHLO me', 'AUTH CRAM-MD5');
    const challenge = /S: 334 (\S+)/.exec(run.read())?.[1] as string;
    expect(run.shell.mode).toBe('continuation');
    await run.type(`:cram ${challenge} alice wonderland`);
    await run.type(sendValue(run.read()));
    expect(run.read()).toContain('S: 235 2.7.0');
    expect(run.shell.mode).toBe('command');
  });

  it(':cram <user> <secret> uses the last 334 challenge, as :apop <secret> uses the greeting', async () => {
    const run = await shellOn('smtp', await lab());
    await run.type('EHLO me', 'AUTH CRAM-MD5');
    await run.type(':cram alice wonderland');
    await run.type(sendValue(run.read()));
    expect(run.read()).toContain('S: 235 2.7.0');
  });

  it('completion follows the state the lab reports', async () => {
    const run = await shellOn('smtp', await lab());
    expect(run.shell.completer('MA')[0]).toEqual([]);
    await run.type('EHLO me');
    expect(run.shell.completer('MA')[0]).toEqual(['MAIL FROM:']);
  });
});

describe('POP3 in the practice shell', () => {
  it(':apop with the greeting timestamp logs in; listings and the session state', async () => {
    const run = await shellOn('pop3', await lab());
    await run.type(':apop wonderland');
    await run.type(`APOP alice ${sendValue(run.read())}`);
    expect(run.read()).toMatch(/S: \+OK alice's maildrop has 1 message/);
    expect(run.shell.state).toBe('TRANSACTION');
    expect(run.shell.completer('RE')[0]).toEqual(['RETR ']);
    await run.type('LIST');
    const list = run.read();
    expect(list).toMatch(/S: 1 \d+\n\s+Scan listing: message number, then size in octets\.\nS: \.\n/);
    expect(await run.type('QUIT')).toBe('closed');
    expect(run.read()).toContain('session state: UPDATE');
  });

  it('RETR shows the byte-stuffed line as it crossed the wire', async () => {
    const run = await shellOn('pop3', await lab());
    await run.type('USER bob', 'PASS builder', 'RETR 2');
    expect(run.read()).toContain('S: ..this line starts with a dot');
  });
});

describe('IMAP in the practice shell', () => {
  it('adds tags, reads a literal for APPEND (synchronising and LITERAL+), and stores it', async () => {
    const l = await lab();
    const run = await shellOn('imap', l);
    await run.type('LOGIN bob builder');
    expect(run.read()).toMatch(/tag a1 added[\s\S]*C: a1 LOGIN bob builder/);
    await run.type('SELECT INBOX');
    expect(run.read()).toMatch(/C: a2 SELECT INBOX[\s\S]*S: a2 OK \[READ-WRITE\][\s\S]*session state: selected/);
    await run.type('APPEND INBOX {22}');
    expect(run.shell.mode).toBe('literal');
    expect(run.shell.prompt()).toBe('literal 22> ');
    await run.type('Subject: hi', '');
    expect(run.shell.prompt()).toBe('literal 7> ');
    await run.type('Hello');
    expect(run.read()).toMatch(/S: a3 OK \[APPENDUID \d+ 3\]/);
    await run.type('APPEND INBOX {8+}', 'Hi Bob');
    expect(run.read()).toMatch(/C: a4 APPEND INBOX \{8\+\}\n(?: {5}.*\n)*C: Hi Bob\n[\s\S]*S: a4 OK \[APPENDUID \d+ 4\]/);
    const inbox = await l.store.list('bob', 'INBOX');
    expect((await l.store.read('bob', 'INBOX', 3)).toString()).toBe('Subject: hi\r\n\r\nHello\r\n');
    expect((await l.store.read('bob', 'INBOX', 4)).toString()).toBe('Hi Bob\r\n');
    expect(inbox).toHaveLength(4);
  });

  it('AUTHENTICATE PLAIN: the continuation line is sent untagged and shown decoded', async () => {
    const run = await shellOn('imap', await lab());
    await run.type('AUTHENTICATE PLAIN');
    expect(run.shell.mode).toBe('continuation');
    await run.type(':plain bob builder');
    const response = sendValue(run.read());
    await run.type(response);
    const text = run.read();
    expect(text).toContain(`C: ${response}\n`);
    expect(text).toContain('decoded: \\0bob\\0builder');
    expect(text).toMatch(/S: a1 OK [^\n]*AUTHENTICATE completed/);
    expect(run.shell.state).toBe('authenticated');
  });

  it('a literal in a FETCH reply is shown line by line, and LOGOUT ends the shell', async () => {
    const run = await shellOn('imap', await lab());
    await run.type('a1 LOGIN bob builder', 'a2 SELECT INBOX', 'FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]');
    expect(run.read()).toMatch(/C: a3 FETCH[\s\S]*S: Subject: Welcome to the lab\n[\s\S]*S: a3 OK/);
    expect(await run.type('LOGOUT')).toBe('closed');
  });
});

/** Resolves when the shell says the server spoke between commands (bounded). */
function serverSpeaks(shell: PracticeShell, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server said nothing within ${ms} ms`)), ms);
    shell.onServerSpeaks(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('what the server says between commands', () => {
  it('IMAP IDLE: new mail is shown as it arrives, and not again with the reply to DONE', async () => {
    const l = await lab();
    const run = await shellOn('imap', l);
    await run.type('LOGIN bob builder', 'SELECT INBOX', 'IDLE');
    expect(run.read()).toMatch(/S: \+ idling[\s\S]*changes as they happen/);
    const spoke = serverSpeaks(run.shell);
    await l.store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: new\r\n\r\nhi\r\n'));
    await spoke;
    // the whole line may still be on its way: poll a bounded number of times
    let pushed = run.shell.takePushed();
    for (let i = 0; i < 50 && !pushed; i++) pushed = await new Promise((r) => setTimeout(() => r(run.shell.takePushed()), 20));
    expect(plain(pushed?.text ?? '')).toMatch(/^S: \* 3 EXISTS\n\s+How many messages/);
    expect(pushed?.bye).toBe(false);
    await run.type('DONE');
    const done = run.read();
    expect(done).toMatch(/C: DONE\n[\s\S]*S: a3 OK IDLE terminated/);
    expect(done).not.toContain('EXISTS');
  });

  it('a server shutting down says 421 on its own, and the shell sees the goodbye', async () => {
    const l = await lab();
    const run = await shellOn('smtp', l);
    await run.type('EHLO me');
    run.read();
    const spoke = serverSpeaks(run.shell);
    const closing = l.close();
    await spoke;
    let pushed = run.shell.takePushed();
    for (let i = 0; i < 50 && !pushed; i++) pushed = await new Promise((r) => setTimeout(() => r(run.shell.takePushed()), 20));
    expect(plain(pushed?.text ?? '')).toMatch(/^S: 421 /);
    expect(pushed?.bye).toBe(true);
    expect(await run.shell.waitForClose()).toBe(true);
    expect(run.read()).toBe('The server closed the connection.');
    await closing;
  });
});

describe('STARTTLS', () => {
  it('accepted by a lab with a certificate: the shell says it cannot do TLS, and stops', async () => {
    const tls = await makeTlsFixture(tempDir());
    const l = await startLab({ tls: tls.pair });
    labs.push(l);
    const smtp = await shellOn('smtp', l);
    expect(await smtp.type('EHLO me', 'STARTTLS')).toBe('closed');
    expect(smtp.read()).toMatch(/S: 220 [^\n]*\n[\s\S]*waits for a TLS handshake[^\n]*openssl s_client -starttls smtp -crlf -connect 127\.0\.0\.1:\d+$/);
    const pop3 = await shellOn('pop3', l);
    expect(await pop3.type('STLS')).toBe('closed');
    expect(pop3.read()).toContain('openssl s_client -starttls pop3');
  });
});

describe('helpers and odd servers', () => {
  it(':state, :explain, :raw and :history', async () => {
    const run = await shellOn('pop3', await lab());
    await run.type(':state');
    const allowed = /commands allowed now: (.*)/.exec(run.read())?.[1]?.split(', ') ?? [];
    expect(allowed).toEqual(expect.arrayContaining(['USER', 'PASS', 'APOP', 'QUIT']));
    expect(allowed).not.toContain('RETR');
    expect(allowed).toEqual([...KNOWLEDGE.pop3.commands.values()].filter((c) => c.states.includes('AUTHORIZATION')).map((c) => c.name));
    await run.type(':explain RETR');
    expect(run.read()).toMatch(/POP3 command RETR/);
    await run.type(':raw', 'CAPA');
    expect(run.read()).toMatch(/C: CAPA\\r\\n {2}6 bytes[\s\S]*S: \+OK[^\n]*\\r\\n {2}\d+ bytes/);
    await run.type(':raw', 'USER bob', ':history');
    expect(run.read()).toMatch(/1 {2}:state\n.*2 {2}:explain RETR\n.*3 {2}:raw\n.*4 {2}CAPA\n.*5 {2}:raw\n.*6 {2}USER bob\n/);
  });

  it('a server that is not the lab: no state, every command offered', async () => {
    const l = await lab();
    const run = await shellOn('smtp', null, (l.endpoints.smtp as { port: number }).port);
    await run.type('EHLO me');
    expect(run.shell.state).toBeNull();
    expect(run.read()).not.toContain('session state:');
    expect(run.shell.completer('')[0]).toHaveLength(KNOWLEDGE.smtp.commands.size);
    await run.type(':state');
    expect(run.read()).toContain('known only on the built-in lab');
  });

  it('a reply that never comes: one line, and the shell goes on', async () => {
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.write('220 silent ESMTP\r\n');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const run = await shellOn('smtp', null, port, 300);
    expect(await run.type('NOOP')).toBe('more');
    expect(run.read()).toMatch(/C: NOOP[\s\S]*No complete reply within 0 s/);
  });

  it('a server that hangs up mid-session: one line, no stack', async () => {
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.write('+OK hi\r\n');
      socket.once('data', () => socket.end('-ERR going away\r\n'));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const run = await shellOn('pop3', null, (server.address() as { port: number }).port);
    expect(await run.type('STAT')).toBe('more');
    expect(run.read()).toContain('S: -ERR going away');
    expect(await run.type('NOOP')).toBe('closed');
    expect(run.read()).toBe('The server closed the connection.');
  });
});

describe('runPractice without a terminal', () => {
  async function practice(protocol: string, lines: string[], opts: Record<string, unknown> = {}) {
    const state = tempDir();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    const env = { ...process.env, XDG_STATE_HOME: state };
    await runPractice(protocol, { lang: 'en', ...opts }, { input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive: false, env });
    return { text: plain(chunks.join('')), state };
  }

  it('starts the lab, reads stdin, and keeps the history for the next session', async () => {
    const { text, state } = await practice('smtp', ['EHLO me', 'QUIT']);
    expect(text).toMatch(/^SMTP on the built-in lab at 127\.0\.0\.1:\d+/);
    expect(text).toContain('session state: GREETED');
    expect(readFileSync(join(state, 'l7lab', 'practice-history-smtp'), 'utf8')).toBe('EHLO me\nQUIT\n');
  });

  it('--connect to a lab the test started: the mail lands in that lab', async () => {
    const l = await lab();
    const before = (await l.store.list('bob', 'INBOX')).length;
    const { text } = await practice('smtp', ['EHLO me', 'MAIL FROM:<a@example.com>', 'RCPT TO:<bob@example.com>', 'DATA', 'Subject: via connect', '', 'hi', '.', 'QUIT'], {
      connect: `127.0.0.1:${(l.endpoints.smtp as { port: number }).port}`,
    });
    expect(text).toMatch(/^SMTP at 127\.0\.0\.1:\d+\. This server is not the lab/);
    expect(text).not.toContain('session state:');
    expect(await l.store.list('bob', 'INBOX')).toHaveLength(before + 1);
  });

  it('--connect to a closed port: one line, exit 1', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const err = await practice('pop3', ['QUIT'], { connect: `127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).exitCode).toBe(1);
    expect((err as ExitError).message).toBe(`could not connect to 127.0.0.1:${port}: connection refused (nothing listens there)`);
  });

  it('usage errors exit 2: unknown protocol, bad --connect', async () => {
    await expect(practice('ftp', [])).rejects.toMatchObject({ exitCode: 2, message: 'unknown protocol "ftp": use smtp, pop3, imap, http or dns' });
    await expect(practice('smtp', [], { connect: 'localhost' })).rejects.toMatchObject({ exitCode: 2 });
  });
});
