import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVE_ANY_PORTS } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/** `l7lab serve` with TLS, driven by curl: STARTTLS/STLS with --ssl-reqd, and smtps/pop3s/imaps. */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
type Ev = Record<string, unknown>;

let child: ChildProcess;
const dataHome = scratch('l7lab-tls-serve-').suiteDir();
const events: Ev[] = [];

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

async function waitFor(pred: (e: Ev) => boolean, ms = 15_000): Promise<Ev> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = events.find(pred);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no matching event; got ${JSON.stringify(events)}`);
}

const port = (protocol: string, tls: boolean) => async () =>
  (await waitFor((e) => e.event === 'listening' && e.protocol === protocol && (e.tls === true) === tls)).port as number;

beforeAll(() => {
  child = spawn(process.execPath, [bin, 'serve', '--json-log', '--memory', '--starttls', ...SERVE_ANY_PORTS], {
    env: { ...process.env, XDG_DATA_HOME: dataHome, LANG: 'C', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => events.push(JSON.parse(line) as Ev));
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('l7lab serve with TLS, against curl', () => {
  it('makes the lab certificate in the data directory and reports its SHA-256 fingerprint', async () => {
    const cert = await waitFor((e) => e.event === 'certificate');
    const path = join(dataHome, 'l7lab', 'tls', 'lab-cert.pem');
    expect(cert).toMatchObject({ path, generated: true, subject: expect.stringContaining('CN=localhost') });
    expect(cert.fingerprint256).toBe(new X509Certificate(readFileSync(path)).fingerprint256);
  });

  it('SMTP: STARTTLS with --ssl-reqd and the lab CA, and SMTPS; the password never crosses in clear', async () => {
    const ca = join(dataHome, 'l7lab', 'tls', 'lab-cert.pem');
    const msg = join(dataHome, 'msg.txt');
    writeFileSync(msg, 'Subject: over TLS\r\n\r\nsecret body\r\n');
    const smtp = await port('smtp', false)();
    const starttls = await curl([`smtp://localhost:${smtp}`, '--ssl-reqd', '--cacert', ca, '--user', 'alice:wonderland', '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.com', '--upload-file', msg]);
    expect(starttls.stderr).toBe('');
    expect(starttls.code).toBe(0);
    const smtps = await port('smtp', true)();
    const implicit = await curl([`smtps://localhost:${smtps}`, '--cacert', ca, '--mail-from', 'carol@example.com', '--mail-rcpt', 'bob@example.com', '--upload-file', msg]);
    expect(implicit.code).toBe(0);
    await waitFor((e) => e.event === 'message' && e.from === 'carol@example.com');
    const tls = events.filter((e) => e.event === 'tls' && e.protocol === 'smtp');
    expect(tls.map((e) => e.mode).sort()).toEqual(['implicit', 'starttls']);
    // curl authenticated after the handshake: the AUTH line is marked as encrypted.
    const auth = events.find((e) => e.event === 'line' && e.direction === 'client' && String(e.text).startsWith('AUTH'));
    expect(auth?.tls).toBe(true);
    const ehloClear = events.find((e) => e.event === 'line' && e.direction === 'client' && String(e.text).startsWith('EHLO') && e.tls === undefined);
    expect(ehloClear).toBeDefined();
  });

  it('POP3: STLS with --ssl-reqd and POP3S with --insecure fetch the message', async () => {
    await waitFor((e) => e.event === 'message');
    const pop3 = await port('pop3', false)();
    const stls = await curl([`pop3://localhost:${pop3}/1`, '--ssl-reqd', '--insecure', '--user', 'bob:builder']);
    expect(stls.stderr).toBe('');
    expect(stls.stdout).toContain('secret body');
    const pop3s = await port('pop3', true)();
    const implicit = await curl([`pop3s://localhost:${pop3s}/1`, '--insecure', '--user', 'bob:builder']);
    expect(implicit.stdout).toContain('secret body');
    expect(events.filter((e) => e.event === 'tls' && e.protocol === 'pop3')).toHaveLength(2);
  });

  it('IMAP: STARTTLS with --ssl-reqd and IMAPS with the lab CA fetch by UID', async () => {
    const ca = join(dataHome, 'l7lab', 'tls', 'lab-cert.pem');
    const imap = await port('imap', false)();
    const starttls = await curl([`imap://localhost:${imap}/INBOX;UID=1`, '--ssl-reqd', '--cacert', ca, '--user', 'bob:builder']);
    expect(starttls.stderr).toBe('');
    expect(starttls.stdout).toContain('secret body');
    const imaps = await port('imap', true)();
    const implicit = await curl([`imaps://localhost:${imaps}/INBOX;UID=1`, '--cacert', ca, '--user', 'bob:builder']);
    expect(implicit.stdout).toContain('secret body');
    expect(events.filter((e) => e.event === 'tls' && e.protocol === 'imap').map((e) => e.mode).sort()).toEqual(['implicit', 'starttls']);
  });
});
