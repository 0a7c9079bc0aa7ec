import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';

/** `l7lab serve` run as a process, the way a developer (or a test script) would use it. */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
// A HOME of its own: the lab certificate and any default Maildir stay out of the user's data dir.
const { children, tempDir, suiteDir } = scratch('l7lab-serve-');
const home = suiteDir();
const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), LANG: 'C', NO_COLOR: '1', FORCE_COLOR: '' };
/** Implicit-TLS and web ports default to fixed numbers; parallel test files must not fight over them. */
const TLS_PORTS = ['--smtps-port', '0', '--pop3s-port', '0', '--imaps-port', '0', '--https-port', '0', '--submission-port', '0', '--http-port', '0'];

interface Served {
  child: ChildProcess;
  events: Array<Record<string, unknown>>;
  /** Resolves with the first event matching `pred` (bounded by a timeout). */
  waitFor(pred: (e: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function serveJson(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Served {
  const child = spawn(process.execPath, [bin, 'serve', '--json-log', ...TLS_PORTS, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<{ pred: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const e = JSON.parse(line) as Record<string, unknown>;
    events.push(e);
    for (const w of [...waiters]) if (w.pred(e)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(e));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    events,
    exited,
    waitFor(pred, ms = 10_000) {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events)}`)), ms);
        waiters.push({ pred, resolve: (e) => (clearTimeout(t), resolve(e)) });
      });
    },
  };
}

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('l7lab serve', () => {
  it('--json-log: listening lines first, then every line on the wire, with secrets masked', async () => {
    const s = serveJson(['--memory', '--smtp-port', '0', '--pop3-port', '0', '--imap-port', '0']);
    const smtp = await s.waitFor((e) => e.event === 'listening' && e.protocol === 'smtp');
    expect(s.events.slice(0, 6).every((e) => e.event === 'listening')).toBe(true);
    expect(smtp.host).toBe('127.0.0.1');
    const msg = join(tempDir(), 'msg.txt');
    writeFileSync(msg, 'Subject: from curl\r\n\r\nHello from curl\r\n');
    const sent = await curl([`smtp://127.0.0.1:${smtp.port}`, '--user', 'alice:wonderland', '--login-options', 'AUTH=PLAIN', '--mail-from', 'alice@example.com', '--mail-rcpt', 'bob@example.com', '--upload-file', msg]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    const captured = await s.waitFor((e) => e.event === 'message');
    expect(captured).toMatchObject({ protocol: 'smtp', from: 'alice@example.com', to: ['bob@example.com'] });
    const lines = s.events.filter((e) => e.event === 'line');
    const texts = lines.map((e) => `${e.direction as string}:${e.text as string}`);
    expect(texts).toContain('client:RCPT TO:<bob@example.com>');
    expect(texts.some((t) => t.startsWith('server:354'))).toBe(true);
    const rcpt = lines.find((e) => e.text === 'RCPT TO:<bob@example.com>');
    expect(rcpt).toMatchObject({ protocol: 'smtp', direction: 'client', state: expect.any(String), session: expect.any(String) });
    const ok354 = lines.find((e) => String(e.text).startsWith('354'));
    expect(String(ok354?.explanation)).toMatch(/dot/);
    // curl sends `AUTH PLAIN`, then the credentials after 334: that line is masked, user kept.
    const credentials = lines.find((e) => e.direction === 'client' && e.decoded !== undefined);
    expect(credentials).toMatchObject({ text: '****', decoded: '\\0alice\\0****', secret: true });
    expect(JSON.stringify(s.events)).not.toContain('wonderland');
    // The same message is there for POP3: the mock server captured it, nothing was relayed.
    const pop3 = s.events.find((e) => e.event === 'listening' && e.protocol === 'pop3');
    const got = await curl([`pop3://127.0.0.1:${pop3?.port as number}/1`, '--user', 'bob:builder']);
    expect(got.stdout).toContain('Hello from curl');
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });

  it('--show-secrets reveals what the log masks by default', async () => {
    const s = serveJson(['--memory', '--smtp-port', '0', '--pop3-port', '0', '--imap-port', '0', '--show-secrets']);
    const pop3 = await s.waitFor((e) => e.event === 'listening' && e.protocol === 'pop3');
    await curl([`pop3://127.0.0.1:${pop3.port as number}/`, '--user', 'bob:builder']);
    // curl logs in to POP3 with AUTH PLAIN: the decoded response shows the password.
    await s.waitFor((e) => e.event === 'line' && e.decoded === '\\0bob\\0builder');
  });

  it('keeps captured mail in a Maildir under --store, across restarts', async () => {
    const store = tempDir();
    const s = serveJson(['--store', store, '--smtp-port', '0', '--pop3-port', '0', '--imap-port', '0']);
    const smtp = await s.waitFor((e) => e.event === 'listening' && e.protocol === 'smtp');
    const msg = join(tempDir(), 'm.txt');
    writeFileSync(msg, 'Subject: kept\r\n\r\nstays on disk\r\n');
    expect((await curl([`smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'a@example.com', '--mail-rcpt', 'carol@example.net', '--upload-file', msg])).code).toBe(0);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(readdirSync(join(store, 'carol', 'new'))).toHaveLength(1);
  });

  it.each([
    [[], (port: number) => [`SMTP port ${port} on 127.0.0.1 is already in use`, `(pid ${process.pid})`, '--smtp-port 0']],
    [
      ['--lang', 'ja'],
      (port: number) => [`127.0.0.1 の SMTP ポート ${port} はすでに`, `(pid ${process.pid}) に使われています。`, '--smtp-port 0 で空いているポートを使うか、そのプロセスを止めてください'],
    ],
  ])('a port in use %j: one line naming the holder and suggesting port 0, exit 1', async (lang, expected) => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = serveJson(['--memory', ...lang, '--smtp-port', String(port), '--pop3-port', '0', '--imap-port', '0']);
      let stderr = '';
      s.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      expect(await s.exited).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      for (const part of expected(port)) expect(stderr).toContain(part);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('rejects a malformed --user with exit 2', async () => {
    const s = serveJson(['--memory', '--user', 'nopassword']);
    let stderr = '';
    s.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await s.exited).toBe(2);
    expect(stderr).toContain('invalid --user "nopassword"');
  });
});
