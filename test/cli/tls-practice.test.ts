import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { makeTlsFixture, type TlsFixture } from '../support/tls-fixture.js';
import { scratch } from '../support/scratch.js';

/** `l7lab practice --tls/--starttls [--insecure]`, piped, as a script would run it. */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
const dataHome = scratch('l7lab-tls-practice-').suiteDir();
const tlsDir = scratch('l7lab-tls-').suiteDir();
let fx: TlsFixture;
let lab: Lab;

beforeAll(async () => {
  fx = await makeTlsFixture(tlsDir);
  // A lab whose certificate is NOT the one in the data directory: like a server elsewhere.
  lab = await startLab({ protocols: ['smtp'], tls: { ...fx.pair } });
});
afterAll(async () => {
  await lab.close();
});

function practice(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'practice', ...args], {
      env: { ...process.env, XDG_DATA_HOME: dataHome, XDG_STATE_HOME: dataHome, LANG: 'C', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe('l7lab practice with TLS', () => {
  it('smtp --starttls: the upgrade is shown, the certificate checked, EHLO again no longer offers STARTTLS', async () => {
    const r = await practice(['smtp', '--starttls'], 'EHLO me.example\nQUIT\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/C: STARTTLS\nS: 220 2\.0\.0 Ready to start TLS/);
    expect(r.stdout).toMatch(/== TLS: TLSv1\.[23], \S+, certificate CN=localhost/);
    expect(r.stdout).toContain('certificate checked and trusted');
    // Lines inside TLS are marked [TLS], as serve and the lessons mark them (issue 21 item 6); the plain STARTTLS exchange is not.
    expect(r.stdout).toContain('C: [TLS] EHLO me.example');
    expect(r.stdout).toContain('S: [TLS] 250-l7lab.localhost Hello me.example');
    expect(r.stdout).not.toContain('[TLS] STARTTLS');
    expect(r.stdout).not.toMatch(/S: \[TLS\] 220 2\.0\.0 Ready/);
    expect(r.stdout).not.toContain('250-STARTTLS');
  });

  it('imap --tls and pop3 --starttls log in inside TLS', async () => {
    const imap = await practice(['imap', '--tls'], 'LOGIN bob builder\nLOGOUT\n');
    expect(imap.code).toBe(0);
    expect(imap.stdout).toContain('== TLS:');
    expect(imap.stdout).toMatch(/OK .*LOGIN completed/);
    // --tls: TLS from the first byte, so the greeting is marked too.
    expect(imap.stdout).toMatch(/^S: \[TLS\] \* OK/m);
    expect(imap.stdout).toMatch(/^C: \[TLS\] \S+ LOGIN bob builder/m);
    const pop3 = await practice(['pop3', '--starttls'], 'USER bob\nPASS builder\nQUIT\n');
    expect(pop3.code).toBe(0);
    expect(pop3.stdout).toMatch(/C: STLS\nS: \+OK Begin TLS negotiation/);
    expect(pop3.stdout).toMatch(/S: \[TLS\] \+OK bob's maildrop has \d+ messages/);
  });

  it('--connect to a server whose certificate is not trusted fails in one line, and works with --insecure', async () => {
    const where = `127.0.0.1:${lab.endpoints.smtp?.port as number}`;
    const strict = await practice(['smtp', '--connect', where, '--starttls'], 'QUIT\n');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/TLS handshake failed: .*certificate.*--insecure/);
    const lax = await practice(['smtp', '--connect', where, '--starttls', '--insecure'], 'EHLO me.example\nQUIT\n');
    expect(lax.code).toBe(0);
    expect(lax.stdout).toContain('certificate NOT checked (--insecure)');
    expect(lax.stdout).toContain('S: [TLS] 221 ');
  });

  it('--tls with --starttls, or --insecure alone, is a usage error (exit 2)', async () => {
    expect((await practice(['smtp', '--tls', '--starttls'], '')).code).toBe(2);
    expect((await practice(['smtp', '--insecure'], '')).code).toBe(2);
  });
});
