import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab practice dns` in a real terminal 80 columns wide (tmux on a socket of its own, -L): Tab
 * completes a record type, a question is answered section by section with its bytes annotated,
 * wrong input gets one line, NXDOMAIN is explained; in English and Japanese.
 */
const socket = `l7lab-h4-dns-${process.pid}`;
const sessions: string[] = [];

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 5000 });
}

const { tempDir } = scratch('l7lab-dns-tmux-');

afterEach(() => {
  for (const s of sessions.splice(0)) {
    try {
      tmux('kill-session', '-t', s);
    } catch {
      // already gone
    }
  }
});

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function start(session: string, args: string[]): void {
  const home = tempDir();
  const env = [`HOME=${home}`, `XDG_STATE_HOME=${join(home, 'state')}`, 'LANG=C.UTF-8', 'LC_ALL=', 'NO_COLOR=1', 'TERM=xterm'];
  const command = `env ${env.map(quote).join(' ')} ${quote(process.execPath)} ${quote(BIN)} practice dns ${args.map(quote).join(' ')}; echo EXIT=$?; sleep 30`;
  sessions.push(session);
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '50', command);
}

/** The lines the program wrote (soft-wrapped rows joined), and the rows as the terminal shows them. */
const screen = (session: string): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);
const rows = (session: string): string => tmux('capture-pane', '-p', '-S', '-', '-t', session);

function lastLine(session: string): string {
  const lines = tmux('capture-pane', '-p', '-t', session).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

async function until(what: string, session: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited ${ms} ms for ${what}; screen:\n${screen(session)}`);
}

function typeLine(session: string, text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Enter');
}

describe('practice dns in a real terminal at 80 columns', () => {
  it('English: Tab completes MX, the answer is explained, the hex rows fit, wrong input and NXDOMAIN are explained', async () => {
    start('en', []);
    await until('the first prompt', 'en', () => lastLine('en') === 'dns>');
    tmux('send-keys', '-t', 'en', '-l', 'M');
    tmux('send-keys', '-t', 'en', 'Tab');
    await until('M<Tab> -> MX', 'en', () => lastLine('en') === 'dns> MX');
    typeLine('en', ' example.test @127.0.0.4');
    await until('the MX answer', 'en', () => screen('en').includes('S: example.test. 300 IN MX 10 mail.example.test.'));
    const text = screen('en');
    expect(text).toMatch(/MX record in the answer section \(RFC 1035 4\.1\.3\)\. A mail exchanger/);
    // A hex row is one terminal row: it is the same whether soft wraps are joined or not.
    const qname = '000c  07 65 78 61 6d 70 6c 65  qname = example.test.';
    expect(text).toContain(qname);
    expect(rows('en')).toContain(qname);
    typeLine('en', 'MX');
    await until('the no-name error', 'en', () => screen('en').includes('which name? type MX and a name, e.g. MX example.test'));
    typeLine('en', 'nope.example.test @127.0.0.4');
    await until('NXDOMAIN explained', 'en', () => /does not exist, for any type\. Resolvers may remember this\s+"no" for 60 s/.test(screen('en')));
    expect(screen('en')).not.toMatch(/\n\s+at .*\.js:\d+/);
    tmux('send-keys', '-t', 'en', 'C-d');
    await until('exit 0', 'en', () => screen('en').includes('EXIT=0'));
  });

  it('Japanese: the greeting, a wrong line and NXDOMAIN in Japanese', async () => {
    start('ja', ['--lang', 'ja']);
    await until('the first prompt', 'ja', () => lastLine('ja') === 'dns>');
    expect(screen('ja')).toContain('組み込みラボの DNS です');
    typeLine('ja', 'MXX example.test');
    await until('the two-names error', 'ja', () => screen('ja').includes('「MXX」と「example.test」はどちらも名前として読まれます'));
    typeLine('ja', 'nope.example.test @127.0.0.4');
    await until('NXDOMAIN in Japanese', 'ja', () => screen('ja').includes('nope.example.test. は、どの型についても存在しません'));
    typeLine('ja', ':quit');
    await until('exit 0', 'ja', () => screen('ja').includes('EXIT=0'));
  });
});
