import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/width.js';
import { BIN, runBin, SERVE_ANY_PORTS as ZEROS } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab serve`'s settings as a user meets them: the banner at 80 columns, the help, STARTTLS
 * only where asked for, and failure rules that are checked before anything listens.
 */
const { children, tempDir } = scratch('l7lab-serve-settings-');

function envIn(home: string): NodeJS.ProcessEnv {
  return { HOME: home, XDG_DATA_HOME: join(home, 'data'), LANG: 'C', NO_COLOR: '1', FORCE_COLOR: '', COLUMNS: '80' };
}

/** Lines printed by a serve until `until` matches one (the child is killed after the test). */
function serveLines(args: string[], home: string, until: RegExp, extraEnv: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const child = spawn(process.execPath, [BIN, 'serve', '--memory', ...ZEROS, ...args], { env: { ...process.env, ...envIn(home), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve printed no ${until}: ${lines.join('\n')}`)), 15_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      if (until.test(line)) (clearTimeout(t), resolve(lines));
    });
  });
}

/** The EHLO reply of a server, read over a plain socket. */
function ehlo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let text = '';
    s.setTimeout(5000, () => (s.destroy(), reject(new Error(`no EHLO reply: ${text}`))));
    s.on('data', (d) => {
      text += d.toString('latin1');
      if (/^220 /m.test(text) && !/EHLO sent/.test(text)) (s.write('EHLO t.test\r\n'), (text += '\nEHLO sent\n'));
      if (/^250 /m.test(text)) (s.end('QUIT\r\n'), resolve(text));
    });
    s.on('error', reject);
  });
}

describe('serve: what it prints', () => {
  it('the banner fits 80 columns and shows the plain, submission and TLS ports with working commands', async () => {
    const lines = await serveLines([], tempDir(), /^Live transcript below/);
    const long = lines.filter((l) => [...l].length > 80);
    expect(long).toEqual([]);
    const text = lines.join('\n');
    const smtp = /│ SMTP +│ 127\.0\.0\.1 │ (\d+) +│ send mail \(captured, not relayed\), no TLS/.exec(text)?.[1];
    expect(smtp).toBeDefined();
    expect(text).toMatch(/│ SUBMISSION │ 127\.0\.0\.1 │ \d+ +│ send mail, STARTTLS \(like 587\)/);
    expect(text).toMatch(/│ SUBMISSIONS │ 127\.0\.0\.1 │ \d+ +│ send mail, TLS first \(SMTPS, like 465\)/);
    expect(text).toContain(`curl smtp://127.0.0.1:${smtp} --user alice:wonderland \\\n    --mail-from app@example.com --mail-rcpt bob@example.com -T msg.txt`);
    expect(text).toContain(`App settings: host 127.0.0.1, port ${smtp}, secure false (no TLS),`);
    expect(text).toMatch(/Magic recipients fail on their own:\n  reject-550@, tempfail-451@, drop@/);
  });

  it('the banner speaks Japanese under --lang ja and LANG=ja_JP.UTF-8, within 80 columns (wide characters count 2) (issue 21 item 5)', async () => {
    for (const [args, env] of [[['--lang', 'ja'], {}], [[], { LANG: 'ja_JP.UTF-8' }]] as const) {
      const lines = await serveLines([...args], tempDir(), /^この下にやりとりが流れます/, env);
      expect(lines.filter((l) => displayWidth(l) > 80)).toEqual([]);
      const text = lines.join('\n');
      expect(text).toContain('l7lab メールサンドボックス');
      expect(text).toMatch(/│ SMTP +│ 127\.0\.0\.1 │ \d+ +│ メール送信 \(受信のみ、中継なし\)、TLS なし/);
      expect(text).toMatch(/│ SUBMISSIONS │ 127\.0\.0\.1 │ \d+ +│ メール送信、最初から TLS \(SMTPS、465 番と同じ\)/);
      expect(text).toContain('試してみましょう:');
      expect(text).toMatch(/アプリの設定: ホスト 127\.0\.0\.1、ポート \d+、secure false/);
      expect(text).not.toMatch(/Try it|Live transcript|App settings|Mail to any other address/);
    }
  });

  it('serve --help fits 80 columns and has examples of the ports and failure rules', async () => {
    const r = await runBin(['serve', '--help'], envIn(tempDir()), 15_000);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    expect(r.stdout).toMatch(/--submission-port <n>/);
    expect(r.stdout).toMatch(/--starttls/);
    expect(r.stdout).toContain("$ l7lab serve --fail 'rcpt:*@bounce.test=550 5.1.1'");
    expect(r.stdout).toMatch(/Magic recipients fail with no rule: reject-550@/);
  });
});

describe('serve: STARTTLS only where asked for', () => {
  it('by default the plain SMTP port offers no STARTTLS and the submission port does; --starttls adds it to the plain port', async () => {
    const json = async (extra: string[]) => {
      const lines = await serveLines(['--json-log', ...extra], tempDir(), /"event":"endpoints"/);
      return JSON.parse(lines.find((l) => l.includes('"event":"endpoints"')) as string) as Record<string, { port: number }>;
    };
    const plain = await json([]);
    expect(await ehlo(plain.smtp!.port)).not.toMatch(/^250[- ]STARTTLS/m);
    expect(await ehlo(plain.submission!.port)).toMatch(/^250[- ]STARTTLS/m);
    const taught = await json(['--starttls']);
    expect(await ehlo(taught.smtp!.port)).toMatch(/^250[- ]STARTTLS/m);
  });
});

describe('serve: bad failure rules are usage errors before anything listens', () => {
  it.each([
    [['--fail', 'rcpt:*=250'], '--fail: invalid failure rule "rcpt:*=250": 250 is not a failure'],
    [['--fail', 'bounce:*=550'], '--fail: invalid failure rule "bounce:*=550": it must begin with a stage'],
    [['--fail', 'rcpt:*=451 @200%'], 'is not a probability'],
  ])('%j', async (args, message) => {
    const r = await runBin(['serve', '--memory', ...ZEROS, ...args], envIn(tempDir()), 15_000);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('--fail-file names the file and the line; an unreadable file says so', async () => {
    const dir = tempDir();
    const file = join(dir, 'rules.txt');
    writeFileSync(file, '# bounces\nrcpt:*@bounce.test=550 5.1.1\nrcpt:*@x.test=maybe\n');
    const bad = await runBin(['serve', '--memory', ...ZEROS, '--fail-file', file], envIn(dir), 15_000);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(new RegExp(`^l7lab: --fail-file ${file}: line 3: invalid failure rule "rcpt:\\*@x\\.test=maybe": "maybe" is not an action`));
    const missing = await runBin(['serve', '--memory', ...ZEROS, '--fail-file', join(dir, 'none.txt')], envIn(dir), 15_000);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`l7lab: --fail-file ${join(dir, 'none.txt')} cannot be read (ENOENT)`);
  });
  it('under --lang ja the settings errors and --fail-file problems are Japanese, one line, exit 2', async () => {
    const dir = tempDir();
    const cases: [string[], string][] = [
      [['--store', dir], 'l7lab: --memory と --store は一緒には使えません。どちらかを選んでください'],
      [['--user', 'nopassword'], 'l7lab: --user "nopassword" は使えません。name:password の形で指定してください (名前は英数字と . _ -)'],
      [['--tls-cert', join(dir, 'c.pem')], 'l7lab: --tls-cert と --tls-key は組で使います。両方を指定してください'],
      [['--fail-file', join(dir, 'none.txt')], `l7lab: --fail-file ${join(dir, 'none.txt')} を読めません (ENOENT)`],
    ];
    for (const [args, line] of cases) {
      const r = await runBin(['serve', '--memory', ...ZEROS, '--lang', 'ja', ...args], envIn(dir), 15_000);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`${line}\n`);
    }
  });
});
