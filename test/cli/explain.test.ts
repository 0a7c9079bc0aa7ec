import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/** `l7lab explain` as a user runs it: the built bin, its stdout, stderr and exit code. */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));

function explain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'explain', ...args], { env, timeout: 15_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('l7lab explain', () => {
  it('a reply code: meaning, RFC, class and an example exchange', async () => {
    const r = await explain('smtp', '354');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^SMTP reply 354 +RFC 5321 4\.1\.1\.4\n/);
    expect(r.stdout).toMatch(/class +3xx: positive intermediate/);
    expect(r.stdout).toMatch(/ +C: DATA\n +S: 354 /);
  });

  it('a command in Japanese: syntax, states, RFC', async () => {
    const r = await explain('pop3', 'APOP', '--lang', 'ja');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^POP3 コマンド APOP +RFC 1939 7\n/);
    expect(r.stdout).toMatch(/構文 +APOP name digest/);
    expect(r.stdout).toMatch(/使える状態 +AUTHORIZATION/);
  });

  it('LANG=ja picks Japanese when --lang is not given', async () => {
    const r = await new Promise<string>((resolve) => {
      execFile(process.execPath, [bin, 'explain', 'imap', 'BYE'], { env: { ...process.env, LANG: 'ja_JP.UTF-8', LC_ALL: '', NO_COLOR: '1' } }, (_e, out) => resolve(out));
    });
    expect(r).toMatch(/^IMAP 応答 BYE/);
  });

  it('an unlisted code: the class meaning and a clear note, exit 0', async () => {
    const r = await explain('smtp', '554');
    expect(r.code).toBe(0);
    const unlisted = await explain('smtp', '547', '--lang', 'ja');
    expect(unlisted.code).toBe(0);
    expect(unlisted.stdout).toContain('547 は l7lab の SMTP 応答表にありません');
    expect(unlisted.stdout).toMatch(/クラス +5xx: 恒久的な失敗/);
    expect(unlisted.stdout).toMatch(/分類 +x4x: RFC では割り当てられていません/);
  });

  it('an unknown term: one line with the closest commands, exit 1', async () => {
    const r = await explain('imap', 'SELEKT');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('l7lab: no command, reply or state "SELEKT" in IMAP; closest commands: SELECT (see l7lab explain imap <command>)\n');
  });

  it('an unknown protocol: usage error, exit 2, with the list', async () => {
    const r = await explain('ftp', 'GET');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('l7lab: unknown protocol "ftp": use smtp, pop3, imap, http or dns\n');
  });

  it('--json for scripts, also for a term that is not found', async () => {
    const found = await explain('imap', 'uid fetch', '--json');
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ protocol: 'imap', kind: 'command', name: 'UID FETCH', states: ['selected'], rfc: 'RFC 3501 6.4.8' });
    const missing = await explain('pop3', 'RETRIEVE', '--json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('');
    expect(JSON.parse(missing.stdout)).toMatchObject({ found: false, suggestions: ['RETR'] });
  });

  it('a pasted reply that starts with a dash is a term, not an option (issue 21)', async () => {
    const r = await explain('pop3', '-ERR');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^POP3 reply -ERR +RFC 1939 3\n/);
    const ja = await explain('pop3', '-ERR', '--lang', 'ja');
    expect(ja.stdout).toMatch(/^POP3 応答 -ERR/);
  });

  it('a mistyped long option is still a usage error that points at explain --help', async () => {
    const r = await explain('smtp', '354', '--jsn');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe("l7lab: unknown option '--jsn' (see l7lab explain --help)\n");
  });

  it('enhanced status codes: 5.7.8 alone, and 550 5.1.1 as two words explains both parts', async () => {
    const alone = await explain('smtp', '5.7.8');
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/^SMTP enhanced status code 5\.7\.8 +RFC 3463 2\n/);
    expect(alone.stdout).toMatch(/detail +X\.7\.8: authentication credentials invalid/);
    const both = await explain('smtp', '550', '5.1.1', '--lang', 'ja');
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^SMTP 応答 550 5\.1\.1/);
    expect(both.stdout).toMatch(/拡張コード +5\.1\.1\n/);
    expect(both.stdout).toMatch(/詳細 +X\.1\.1: 宛先のメールボックスがありません/);
  });
});
