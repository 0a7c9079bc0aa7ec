import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { BIN, runBin, type Run } from '../support/bin.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { fileURLToPath } from 'node:url';

/**
 * Issue 15, the store side, with the clients apps use: a lab on a Maildir (as `serve --store`
 * runs it), real clients sending, and the built `l7lab mail` reading what was kept: the
 * envelope (Bcc visible), one row per transaction, the transcript (no password in it),
 * `mail wait` and the links of `show --json`.
 */
let lab: Lab | null = null;
const { children, tempDir } = scratch('l7lab-mailenv-', async () => {
  await lab?.close();
  lab = null;
});

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

const PASSWORD = 'wonderland';
const ENV = { NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', COLUMNS: '400' };

async function start(): Promise<{ root: string; port: number }> {
  const root = join(tempDir(), 'mail');
  lab = await startLab({ store: new MaildirStore(root), protocols: ['smtp', 'pop3'], keepTranscripts: true });
  return { root, port: lab.endpoints.smtp!.port };
}

const mail = (root: string, ...args: string[]): Promise<Run> => runBin(['mail', ...args, '--store', root], ENV, 20_000);
const listJson = async (root: string) => JSON.parse((await mail(root, 'list', '--json')).stdout) as Array<Record<string, unknown>>;

const run = (cmd: string, args: string[]): Promise<Run> => runProgram(cmd, args, 15_000);

function transport(port: number) {
  // ignoreTLS: this lab has no certificate; the STARTTLS defaults are H15a's side of issue 15.
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'alice', pass: PASSWORD } });
}

describe('the envelope, one row per transaction', () => {
  it('nodemailer with to, cc and bcc: one row, every envelope recipient, the Bcc marked', async () => {
    const { root, port } = await start();
    await transport(port).sendMail({ from: 'shop@example.com', to: 'bob@example.com', cc: 'carol@example.org', bcc: 'audit@example.net', subject: 'Order 42', text: 'Thanks.' });
    const rows = await listJson(root);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ envelope: { from: 'shop@example.com', to: ['bob@example.com', 'carol@example.org', 'audit@example.net'] }, envelopeOnly: ['audit@example.net'], subject: 'Order 42' });
    expect((rows[0]!.copies as Array<{ account: string }>).map((c) => c.account)).toEqual(['audit', 'bob', 'carol']);
    // The Bcc is not in the message any account receives (RFC 5322 3.6.3) ...
    expect(readFileSync(join(root, 'bob', 'new', readdirSync(join(root, 'bob', 'new'))[0]!), 'utf8')).not.toContain('audit@');
    // ... but the list shows it, marked as envelope only.
    const table = (await mail(root, 'list')).stdout;
    expect(table).toMatch(/bob@example\.com, carol@example\.org, \+audit@example\.net/);
    expect(table).toContain('+ marks envelope addresses (MAIL FROM, RCPT TO) the header lacks, e.g. a Bcc;');
  });

  it('curl with no header at all: the envelope is what list and show print', async () => {
    const { root, port } = await start();
    const file = join(tempDir(), 'msg.txt');
    writeFileSync(file, 'Subject: hello\r\n\r\nHi Bob\r\n');
    const sent = await run('curl', ['-sS', `smtp://127.0.0.1:${port}`, '--mail-from', 'me@example.com', '--mail-rcpt', 'bob@example.com', '--upload-file', file]);
    expect(sent.code, sent.stderr).toBe(0);
    const table = (await mail(root, 'list')).stdout;
    expect(table).toMatch(/\+me@example\.com\s+\+bob@example\.com\s+hello/);
    const [row] = await listJson(root);
    const shown = (await mail(root, 'show', String(row!.id))).stdout;
    expect(shown).toMatch(/^Envelope:\s+MAIL FROM:<me@example\.com>$/m);
    expect(shown).toMatch(/^\s+RCPT TO:<bob@example\.com>$/m);
    expect(shown).toContain('only in the envelope (Bcc): bob@example.com');
  });

  it('smtplib to 3 recipients: one row with 3 copies, and each account still has its own for POP3', async () => {
    const { root, port } = await start();
    const py = `import smtplib, poplib, sys
s = smtplib.SMTP('127.0.0.1', ${port}); s.login('alice', '${PASSWORD}')
s.sendmail('alice@example.com', ['bob@example.com', 'carol@example.org', 'dave@example.net'], 'Subject: three\\r\\n\\r\\nhi\\r\\n'); s.quit()
p = poplib.POP3('127.0.0.1', ${lab!.endpoints.pop3!.port}); p.user('bob'); p.pass_('builder')
print(p.stat()[0]); p.quit()`;
    const r = await run('python3', ['-c', py]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('1');
    const rows = await listJson(root);
    expect(rows).toHaveLength(1);
    expect((rows[0]!.copies as unknown[]).length).toBe(3);
    expect(await lab!.store.list('dave', 'INBOX')).toHaveLength(1);
    expect((await mail(root, 'list')).stdout).toContain('1 message(s), 1 unread');
  });
});

describe('a transcript per message', () => {
  it('show --transcript has the session (EHLO, AUTH, MAIL, RCPT, DATA) and never the password', async () => {
    const { root, port } = await start();
    // AUTH PLAIN with a known password, so its base64 form can be looked for too (RFC 4616).
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'alice', pass: PASSWORD, method: 'PLAIN' } });
    await t.sendMail({ from: 'alice@example.com', to: 'bob@example.com', subject: 'traced', text: 'x' });
    const [row] = await listJson(root);
    const id = String(row!.id);
    const out = (await mail(root, 'show', id, '--transcript')).stdout;
    for (const re of [/C: EHLO /, /C: AUTH PLAIN \*\*\*\*/, /C: MAIL FROM:<alice@example\.com>/, /C: RCPT TO:<bob@example\.com>/, /C: DATA/, /S: 354 /, /S: 250 2\.0\.0 Ok: queued as /]) expect(out).toMatch(re);
    const plain = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
    const kept = readdirSync(join(root, 'l7lab@transactions')).map((f) => readFileSync(join(root, 'l7lab@transactions', f), 'utf8')).join('\n');
    expect(kept).toContain('MAIL FROM:<alice@example.com>');
    for (const text of [out, kept, (await mail(root, 'show', id, '--transcript', '--json')).stdout]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(plain);
    }
    const ja = (await mail(root, 'show', id, '--transcript', '--lang', 'ja')).stdout;
    expect(ja).toContain('メッセージ');
    expect(ja).toMatch(/250: 送信者を受け付けました/);
  });
});

describe('mail wait and show --json', () => {
  it('a wait started before sending exits 0 with the message; the links are in show --json', async () => {
    const { root, port } = await start();
    const child = spawn(process.execPath, [BIN, 'mail', 'wait', '--store', root, '--to', 'new-user@', '--timeout', '20', '--json'], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Something that does not match first, so the wait has to keep looking.
    await transport(port).sendMail({ from: 'shop@example.com', to: 'someone@example.com', subject: 'not this one', text: 'no' });
    await transport(port).sendMail({
      from: 'shop@example.com',
      to: 'new-user@example.com',
      subject: 'Confirm your account',
      text: 'Your code is 493817. Or open https://shop.test/confirm?t=abc.',
      html: '<p><a href="https://shop.test/confirm?t=abc&amp;lang=en">Confirm</a></p>',
    });
    expect(await exited).toBe(0);
    const got = JSON.parse(stdout) as { subject: string; links: string[]; text: string; envelope: { to: string[] }; headers: Array<{ name: string }> };
    expect(got.subject).toBe('Confirm your account');
    expect(got.envelope.to).toEqual(['new-user@example.com']);
    expect(got.links).toEqual(['https://shop.test/confirm?t=abc&lang=en', 'https://shop.test/confirm?t=abc']);
    expect(/\b(\d{6})\b/.exec(got.text)?.[1]).toBe('493817');
    expect(got.headers.map((h) => h.name)).toContain('Return-Path');
  });

  it('times out with exit 1 and one line; --new ignores what is there already', async () => {
    const { root, port } = await start();
    await transport(port).sendMail({ from: 'a@example.com', to: 'bob@example.com', subject: 'old', text: 'x' });
    const found = await mail(root, 'wait', '--to', 'bob@', '--timeout', '5');
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/^Subject:\s+old$/m);
    const none = await mail(root, 'wait', '--to', 'bob@', '--new', '--timeout', '0.3');
    expect(none.code).toBe(1);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toContain('no message matching --to "bob@" arrived');
    // --since: received at or after that time.
    expect((await mail(root, 'wait', '--since', '2000-01-01T00:00:00Z', '--timeout', '5')).code).toBe(0);
    expect((await mail(root, 'wait', '--since', '2999-01-01T00:00:00Z', '--timeout', '0.3')).code).toBe(1);
    const bad = await mail(root, 'wait', '--timeout', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --timeout "soon"');
  });
});
