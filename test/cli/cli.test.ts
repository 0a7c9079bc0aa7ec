import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, type Run } from '../support/bin.js';

/** The built bin/l7lab.js run as a user would run it: a separate process, real stdout/stderr/exit code. */
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const ANSI = /\u001b\[/;

/** English, no terminal, no colour unless a test asks; bounded by a timeout. */
function l7lab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runBin(args, { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '', ...env }, 15_000);
}

let server: Server;
let port = 0;

beforeAll(async () => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('l7lab (help, version, usage errors)', () => {
  it('--help lists the commands and examples', async () => {
    const r = await l7lab(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['ports', 'learn', 'practice', 'serve', 'mail', 'explain']) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('l7lab ports');
  });

  it('--version prints the package version', async () => {
    const r = await l7lab(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('help ports shows the options and the classic command it wraps', async () => {
    const r = await l7lab(['help', 'ports']);
    expect(r.code).toBe(0);
    for (const opt of ['--backend', '--udp', '--port', '--json', '--explain', '--lang']) expect(r.stdout).toContain(opt);
    expect(r.stdout).toContain('lsof -i -P -n');
  });

  it('an unknown command is one line on stderr with a suggestion, exit 2', async () => {
    const r = await l7lab(['prots']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown command 'prots'");
    expect(r.stderr).toContain('did you mean ports?');
  });

  it.each([
    [['ports', '--backend', 'nmap'], 'nmap'],
    [['ports', '--port', 'http'], 'invalid port'],
    [['ports', '--lang', 'fr'], 'fr'],
  ])('a bad option value (%j) is one line, exit 2', async (args, mention) => {
    const r = await l7lab(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(mention);
  });
});

describe('every command\'s help and usage errors (issue 21)', () => {
  it.each([[], ['learn'], ['lessons'], ['practice'], ['explain'], ['serve'], ['ports'], ['mail'], ['mail', 'list'], ['mail', 'show'], ['mail', 'wait'], ['mail', 'clear']])(
    '%s --help has Examples that run that command',
    async (...words) => {
      const r = await l7lab([...words, '--help']);
      expect(r.code).toBe(0);
      const examples = r.stdout.slice(r.stdout.indexOf('\nExamples:\n'));
      expect(examples, r.stdout).toMatch(/^\nExamples:\n/);
      expect(examples).toContain(`$ l7lab ${words.join(' ')}`);
      // The whole help fits the 80 columns the README promises (off a terminal commander wraps
      // at 80; a long example comment goes under its command).
      expect(r.stdout.split('\n').filter((l) => l.length > 80)).toEqual([]);
    },
  );

  it.each([
    [['practice'], "missing required argument 'protocol'", 'l7lab practice --help'],
    [['mail', 'show'], "missing required argument 'id'", 'l7lab mail show --help'],
    [['mail', 'wait', '--tmeout', '3'], "unknown option '--tmeout'", 'l7lab mail wait --help'],
    [['mail', 'shw'], "unknown command 'shw'", 'l7lab mail --help'],
    [['learn', 'a', 'b'], 'too many arguments', 'l7lab learn --help'],
    [['serve', '--smtp-port', 'x'], 'invalid port "x"', 'l7lab serve --help'],
    [['explain', 'smtp'], "missing required argument 'term'", 'l7lab explain --help'],
    // commander's own suggestion, in l7lab's one "did you mean" style.
    [['ports', '--jsn'], "unknown option '--jsn' (did you mean --json?)", 'l7lab ports --help'],
  ])('%j: one line that points at that command\'s help, exit 2', async (args, what, help) => {
    const r = await l7lab(args);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(what);
    expect(r.stderr).toContain(`(see ${help})`);
  });

  // Issue 21: commander's usage errors in polite Japanese, the language from argv's --lang
  // (parsed before any command reads it) or else from LANG.
  it.each([
    [['practice', '--lang', 'ja'], {}, "必須の引数 'protocol' がありません。", 'l7lab practice'],
    [['practice'], { LANG: 'ja_JP.UTF-8' }, "必須の引数 'protocol' がありません。", 'l7lab practice'],
    [['ports', '--jsn', '--lang=ja'], {}, "不明なオプション '--jsn' です。--json のことですか？", 'l7lab ports'],
    [['serve', '--smtp-port', 'x'], { LANG: 'ja_JP.UTF-8' }, "オプション '--smtp-port <n>' の値 'x' は使えません。ポートは 0 から 65535 までの数で指定してください。", 'l7lab serve'],
    [['learn', 'a', 'b', '--lang', 'ja'], {}, "'learn' の引数が多すぎます。1 個までのところ、2 個あります。", 'l7lab learn'],
    [['mail', 'shw'], { LANG: 'ja_JP.UTF-8' }, "不明なコマンド 'shw' です。show のことですか？", 'l7lab mail'],
  ])('ja %j %j: the usage error in Japanese, one line, exit 2', async (args, env, what, cmd) => {
    const r = await l7lab(args, env);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`l7lab: ${what} (詳しくは ${cmd} --help をご覧ください)\n`);
  });

  it('--lang en wins over a Japanese LANG for a usage error', async () => {
    const r = await l7lab(['practice', '--lang', 'en'], { LANG: 'ja_JP.UTF-8' });
    expect(r.stderr).toBe("l7lab: missing required argument 'protocol' (see l7lab practice --help)\n");
  });

  it('README: a built tarball is tried with npx file:, and every explain example it shows works', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`npx file:./l7lab-${pkg.version}.tgz`);
    const examples = [...readme.matchAll(/^l7lab (explain [^#\n]+?)\s+#/gm)].map((m) => (m[1] ?? '').split(/\s+/));
    expect(examples.map((e) => e.join(' '))).toEqual(expect.arrayContaining(['explain pop3 -ERR', 'explain smtp 550 5.1.1', 'explain smtp 5.7.8']));
    for (const args of examples) expect((await l7lab(args)).code, args.join(' ')).toBe(0);
  });

  it('practice smpt: did you mean smtp, exit 2', async () => {
    const r = await l7lab(['practice', 'smpt']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'l7lab: unknown protocol "smpt" (did you mean smtp?): use smtp, pop3, imap, http or dns\n' });
  });
});

describe('l7lab ports', () => {
  it('prints a table sorted by port with the source in the footer', async () => {
    const r = await l7lab(['ports']);
    expect(r.code).toBe(0);
    // Off a terminal the table fits 80 columns: user (then pid) give way when it would not (issue 14).
    expect(r.stdout).toMatch(/proto\s*│\s*address\s*│\s*port\s*│\s*service\s*│\s*scope\s*│\s*(?:pid\s*│\s*)?process\s*│/);
    expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/^Source: /m);
    const ports = [...r.stdout.matchAll(/^│ (?:tcp|udp)\s+│[^│]+│ (\d+)\s/gm)].map((m) => Number(m[1]));
    expect(ports).toContain(port);
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
  });

  it('--json is one object in the shape of issue 2', async () => {
    const r = await l7lab(['ports', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { sockets: Array<Record<string, unknown>> };
    expect(Object.keys(report)).toEqual(['backend', 'partial', 'sockets']);
    expect(['lsof', 'ss', 'netstat', 'proc']).toContain(report.backend);
    expect(typeof report.partial).toBe('boolean');
    expect(report.sockets.length).toBeGreaterThan(0);
    for (const s of report.sockets) {
      expect(Object.keys(s)).toEqual(['protocol', 'family', 'address', 'port', 'scope', 'pid', 'process', 'user', 'service']);
      expect(['tcp', 'udp']).toContain(s.protocol);
      expect([4, 6]).toContain(s.family);
      expect(['loopback', 'all', 'interface']).toContain(s.scope);
      expect(s.pid === null || Number.isInteger(s.pid)).toBe(true);
      expect(s.service === null || Object.keys(s.service as object).join() === 'name,description').toBe(true);
    }
  });

  it('--port <n> shows only that port, with the listening process', async () => {
    const r = await l7lab(['ports', '--port', String(port)]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^│ (tcp|udp)/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => l.includes(` ${port} `))).toBe(true);
    expect(rows.some((l) => l.includes(` ${process.pid} `) && l.includes('127.0.0.1') && l.includes('loopback only'))).toBe(true);
  });

  it('--port on a port nobody uses says so', async () => {
    const r = await l7lab(['ports', '--port', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nothing listens on port 1.');
  });

  it('--explain says what a well-known port speaks and which lesson covers it', async () => {
    const r = await l7lab(['ports', '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What they speak');
    expect(r.stdout).toContain('loopback only: only programs on this machine can connect');
  });

  it('--lang ja prints Japanese', async () => {
    const r = await l7lab(['ports', '--lang', 'ja', '--port', String(port)]);
    expect(r.stdout).toContain('ポート');
    expect(r.stdout).toContain('ループバックのみ');
  });

  it('NO_COLOR gives no ANSI escapes, even when colour is forced', async () => {
    const forced = await l7lab(['ports', '--explain'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(ANSI); // the control: colour does reach the output when allowed
    const plain = await l7lab(['ports', '--explain'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
  });

  it('falls back to /proc when no tool is on PATH (Linux), and a named missing tool is one line, exit 1', async () => {
    if (process.platform !== 'linux') return;
    const auto = await l7lab(['ports', '--json', '--port', String(port)], { PATH: '/nonexistent' });
    expect(JSON.parse(auto.stdout)).toMatchObject({ backend: 'proc', sockets: [expect.objectContaining({ port, pid: process.pid })] });
    const named = await l7lab(['ports', '--backend', 'ss'], { PATH: '/nonexistent' });
    expect(named.code).toBe(1);
    expect(named.stderr).toBe('l7lab: ports: ss is not installed (try --backend auto)\n');
  });
});
