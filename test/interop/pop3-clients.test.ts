import { execFile } from 'node:child_process';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/protocols/accounts.js';
import { createPop3Server } from '../../src/protocols/pop3/server.js';
import { createSmtpServer } from '../../src/protocols/smtp/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { closeAfterAll, closeAfterEach, listenLoopback } from '../support/opened.js';

/**
 * Real clients against the real server on 127.0.0.1: Python's poplib and curl. Each run is
 * an async child process, so the server in this process keeps answering meanwhile.
 */
const MESSAGE = Buffer.from(
  [
    'From: alice@example.com',
    'To: bob@example.com',
    'Subject: dots',
    '',
    'A line before.',
    '.A line that starts with a dot',
    '.',
    '..two dots',
    'Last line.',
    '',
  ].join('\r\n'),
);
const SECOND = Buffer.from('Subject: second\r\n\r\nhello\r\n');
const THIRD = Buffer.from('Subject: third\r\n\r\nbye\r\n');

let store: MemoryStore;
let port = 0;
const events: TranscriptEvent[] = [];
const suite = closeAfterAll(200);
const perTest = closeAfterEach(200);

beforeAll(async () => {
  store = new MemoryStore();
  port = await listenLoopback(createPop3Server({ store, accounts: new Accounts([['bob', 'builder']]), sink: (e) => events.push(e) }), suite);
});
beforeEach(async () => {
  await store.clear();
  for (const raw of [MESSAGE, SECOND, THIRD]) await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, raw);
  events.length = 0;
});

function run(cmd: string, args: string[], input?: string): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { encoding: 'buffer', timeout: 15_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code as number) : err ? 1 : 0;
      resolve({ stdout, stderr: stderr.toString(), code });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Client lines the server saw, in order (to tell how curl logged in). */
function clientLines(): string[] {
  return events.filter((e): e is LineEvent => e.event === 'line' && e.direction === 'client').map((e) => e.text);
}

const POPLIB = `
import json, poplib, sys
port = int(sys.argv[1]); mode = sys.argv[2]
p = poplib.POP3('127.0.0.1', port, timeout=10)
out = {'welcome': p.getwelcome().decode()}
out['capa'] = sorted(p.capa().keys())
if mode == 'apop':
    out['login'] = p.apop('bob', 'builder').decode()
else:
    out['user'] = p.user('bob').decode()
    out['login'] = p.pass_('builder').decode()
out['stat'] = list(p.stat())
resp, listing, _ = p.list()
out['list'] = [l.decode() for l in listing]
out['list2'] = p.list(2).decode()
resp, uidls, _ = p.uidl()
out['uidl'] = [l.decode() for l in uidls]
out['uidl1'] = p.uidl(1).decode()
resp, lines, octets = p.retr(1)
out['retr'] = (b'\\r\\n'.join(lines) + b'\\r\\n').hex()
resp, lines, _ = p.top(1, 1)
out['top'] = (b'\\r\\n'.join(lines) + b'\\r\\n').hex()
out['dele'] = p.dele(2).decode()
out['rset'] = p.rset().decode()
out['dele3'] = p.dele(3).decode()
out['noop'] = p.noop().decode()
out['quit'] = p.quit().decode()
print(json.dumps(out))
`;

describe('Python poplib', () => {
  it.each(['user', 'apop'])('logs in with %s and runs every command; RETR gives the message back byte for byte', async (mode) => {
    const { stdout, stderr, code } = await run('python3', ['-c', POPLIB, String(port), mode]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout.toString()) as Record<string, unknown>;
    expect(out.welcome).toMatch(/^\+OK l7lab POP3 server ready <.+@l7lab\.localhost>$/);
    expect(out.capa).toEqual(['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'SASL', 'TOP', 'UIDL', 'USER']);
    expect(out.login).toMatch(/^\+OK bob's maildrop has 3 messages/);
    const total = MESSAGE.length + SECOND.length + THIRD.length;
    expect(out.stat).toEqual([3, total]);
    expect(out.list).toEqual([`1 ${MESSAGE.length}`, `2 ${SECOND.length}`, `3 ${THIRD.length}`]);
    expect(out.list2).toBe(`+OK 2 ${SECOND.length}`);
    expect((out.uidl as string[]).length).toBe(3);
    expect(out.uidl1).toBe(`+OK ${(out.uidl as string[])[0]}`);
    expect(Buffer.from(out.retr as string, 'hex').equals(MESSAGE)).toBe(true);
    const top = Buffer.from(out.top as string, 'hex').toString();
    expect(top).toBe('From: alice@example.com\r\nTo: bob@example.com\r\nSubject: dots\r\n\r\nA line before.\r\n');
    expect(out.dele).toBe('+OK message 2 deleted');
    expect(out.rset).toBe('+OK maildrop has 3 messages (' + total + ' octets)');
    expect(out.noop).toBe('+OK');
    expect(out.quit).toBe('+OK l7lab POP3 server signing off (1 deleted, 2 messages left)');
    // Only message 3 was still marked at QUIT (RSET cleared 2).
    const left = await store.list('bob', 'INBOX');
    expect(left.length).toBe(2);
    if (mode === 'apop') expect(clientLines().some((l) => /^APOP bob [0-9a-f]{32}$/.test(l))).toBe(true);
    else expect(clientLines()).toContain('PASS builder');
  });

  it('gets [AUTH] for a wrong password, as poplib.error_proto', async () => {
    const script = `
import poplib, sys
p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=10)
p.user('bob')
try:
    p.pass_('wrong')
except poplib.error_proto as e:
    print(e.args[0].decode())
`;
    const { stdout } = await run('python3', ['-c', script, String(port)]);
    expect(stdout.toString().trim()).toBe('-ERR [AUTH] invalid user name or password');
  });
});

describe('curl pop3://', () => {
  const base = () => `pop3://127.0.0.1:${port}`;

  it('lists the messages (it logs in with AUTH PLAIN, which CAPA offers)', async () => {
    const { stdout, code, stderr } = await run('curl', ['-sS', '--max-time', '10', '-u', 'bob:builder', `${base()}/`]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.toString()).toBe(`1 ${MESSAGE.length}\r\n2 ${SECOND.length}\r\n3 ${THIRD.length}\r\n`);
    expect(clientLines().some((l) => l.startsWith('AUTH PLAIN'))).toBe(true);
  });

  it('retrieves message 1 byte for byte, dot lines included', async () => {
    const { stdout, code } = await run('curl', ['-sS', '--max-time', '10', '-u', 'bob:builder', `${base()}/1`]);
    expect(code).toBe(0);
    expect(stdout.equals(MESSAGE)).toBe(true);
  });

  it('logs in with APOP when asked with --login-options AUTH=+APOP', async () => {
    const { stdout, code } = await run('curl', ['-sS', '--max-time', '10', '-u', 'bob:builder', '--login-options', 'AUTH=+APOP', `${base()}/2`]);
    expect(code).toBe(0);
    expect(stdout.equals(SECOND)).toBe(true);
    const apop = clientLines().find((l) => l.startsWith('APOP '));
    expect(apop).toMatch(/^APOP bob [0-9a-f]{32}$/);
  });

  it('fails cleanly on a wrong password (curl exit 67: login denied)', async () => {
    const { code } = await run('curl', ['-sS', '--max-time', '10', '-u', 'bob:nope', `${base()}/`]);
    expect(code).toBe(67);
  });
});

describe('sent by SMTP, read back by POP3', () => {
  it('a message sent with smtplib to bob@anything comes back byte for byte through poplib and curl', async () => {
    const shared = new MemoryStore();
    const accounts = new Accounts([['bob', 'builder']]);
    const smtpPort = await listenLoopback(createSmtpServer({ store: shared, accounts }), perTest);
    const popPort = await listenLoopback(createPop3Server({ store: shared, accounts }), perTest);
    const send = `
import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10)
s.sendmail('alice@example.com', ['bob@anything.example'], bytes.fromhex(sys.argv[2]))
s.quit()
`;
    const sent = await run('python3', ['-c', send, String(smtpPort), MESSAGE.toString('hex')]);
    expect(sent.stderr).toBe('');
    const [meta] = await shared.list('bob', 'INBOX');
    if (!meta) throw new Error('SMTP delivered nothing to bob');
    const stored = await shared.read('bob', 'INBOX', meta.uid);
    // The server prepends its trace fields (Return-Path, Received): the client's bytes follow intact.
    expect(stored.subarray(stored.length - MESSAGE.length).equals(MESSAGE)).toBe(true);

    const retr = `
import poplib, sys
p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=10)
p.user('bob'); p.pass_('builder')
resp, lines, octets = p.retr(1)
print(resp.decode()); print((b'\\r\\n'.join(lines) + b'\\r\\n').hex())
p.quit()
`;
    const got = await run('python3', ['-c', retr, String(popPort)]);
    const [resp, hex] = got.stdout.toString().trim().split('\n');
    expect(resp).toBe(`+OK ${stored.length} octets`);
    expect(Buffer.from(hex ?? '', 'hex').equals(stored)).toBe(true);

    const viaCurl = await run('curl', ['-sS', '--max-time', '10', '-u', 'bob:builder', `pop3://127.0.0.1:${popPort}/1`]);
    expect(viaCurl.stdout.equals(stored)).toBe(true);
  });
});
