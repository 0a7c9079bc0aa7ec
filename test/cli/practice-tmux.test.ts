import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab practice` in a real terminal: tmux runs the built bin in a pseudo-terminal, the test
 * types with send-keys and reads the screen with capture-pane. Every wait is bounded.
 */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
/** A tmux server of our own per test, its socket in the test's temp dir (-S): it never meets another's, or the user's. */
let socketPath = '';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-S', socketPath, ...args], { encoding: 'utf8', timeout: 5000 });
}

const { tempDir } = scratch('l7lab-tmux-', async () => {
  try {
    tmux('kill-server');
  } catch {
    // no server left: nothing to stop
  }
});

beforeEach(() => {
  socketPath = join(tempDir(), 'tmux.sock');
});

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Start `l7lab practice <args>` in a 120x40 terminal; after it exits the pane says EXIT=<code>. */
function start(session: string, home: string, args: string[]): void {
  const env = [`HOME=${home}`, `XDG_STATE_HOME=${join(home, 'state')}`, 'LANG=C', 'LC_ALL=', 'NO_COLOR=1', 'TERM=xterm'];
  const command = `env ${env.map(shellQuote).join(' ')} ${shellQuote(process.execPath)} ${shellQuote(bin)} practice ${args.map(shellQuote).join(' ')}; echo EXIT=$?; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
}

function screen(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** The last non-empty line on the screen: where the prompt and the typed text are. */
function lastLine(session: string): string {
  const lines = screen(session).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited ${ms} ms for ${what}`);
}

function keys(session: string, ...k: string[]): void {
  tmux('send-keys', '-t', session, ...k);
}

/** Literal text (no key names), so `<` and `:` are typed as they are. */
function type(session: string, text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

function home(): string {
  return tempDir();
}

let hasTmux = true;
try {
  execFileSync('tmux', ['-V'], { encoding: 'utf8' });
} catch {
  hasTmux = false;
}

describe.runIf(hasTmux)('practice in a real terminal', () => {
  it('Tab completes the commands of the current state; Ctrl-C cancels a line; Ctrl-D quits', async () => {
    const h = home();
    start('one', h, ['smtp']);
    await until('the first prompt', () => lastLine('one') === 'smtp CONNECTED>');
    // before EHLO, MAIL is not allowed: Tab offers nothing
    type('one', 'MA');
    keys('one', 'Tab');
    await new Promise((r) => setTimeout(r, 300));
    expect(lastLine('one')).toBe('smtp CONNECTED> MA');
    keys('one', 'C-c');
    await until('Ctrl-C to clear the line', () => screen('one').includes('smtp CONNECTED> ^C') && lastLine('one') === 'smtp CONNECTED>');
    type('one', 'EHLO me');
    keys('one', 'Enter');
    await until('the greeted prompt', () => lastLine('one') === 'smtp GREETED>');
    type('one', 'MA');
    keys('one', 'Tab');
    await until('MA<Tab> -> MAIL FROM:', () => lastLine('one') === 'smtp GREETED> MAIL FROM:');
    type('one', '<alice@example.com>');
    keys('one', 'Enter');
    await until('the MAIL state', () => lastLine('one') === 'smtp MAIL>');
    expect(screen('one')).toContain('S: 250 2.1.0 Ok');
    keys('one', 'C-d');
    await until('the shell to exit', () => screen('one').includes('EXIT=0'));
    expect(readFileSync(join(h, 'state', 'l7lab', 'practice-history-smtp'), 'utf8')).toBe('EHLO me\nMAIL FROM:<alice@example.com>\n');
  });

  it('history: a second run shows the previous commands on Up', async () => {
    const h = home();
    start('first', h, ['pop3']);
    await until('the first prompt', () => lastLine('first') === 'pop3 AUTHORIZATION>');
    type('first', 'CAPA');
    keys('first', 'Enter');
    await until('the CAPA listing', () => screen('first').includes('S: IMPLEMENTATION l7lab') && lastLine('first') === 'pop3 AUTHORIZATION>');
    type('first', 'USER bob');
    keys('first', 'Enter');
    await until('USER answered', () => screen('first').includes('S: +OK send PASS for bob') && lastLine('first') === 'pop3 AUTHORIZATION>');
    type('first', 'QUIT');
    keys('first', 'Enter');
    await until('the first shell to exit', () => screen('first').includes('EXIT=0'));

    start('second', h, ['pop3']);
    await until('the second prompt', () => lastLine('second') === 'pop3 AUTHORIZATION>');
    keys('second', 'Up');
    await until('Up -> QUIT', () => lastLine('second') === 'pop3 AUTHORIZATION> QUIT');
    keys('second', 'Up');
    await until('Up -> USER bob', () => lastLine('second') === 'pop3 AUTHORIZATION> USER bob');
    keys('second', 'Enter');
    await until('USER sent again', () => screen('second').includes('C: USER bob'));
    keys('second', 'C-d');
    await until('the second shell to exit', () => screen('second').includes('EXIT=0'));
  });

  it('Up recalls commands only, as :history lists them: not the message body typed after DATA (issue 21 item 6)', async () => {
    const h = home();
    start('body', h, ['smtp']);
    await until('the first prompt', () => lastLine('body') === 'smtp CONNECTED>');
    for (const [line, prompt] of [
      ['EHLO me', 'smtp GREETED>'],
      ['MAIL FROM:<alice@example.com>', 'smtp MAIL>'],
      ['RCPT TO:<bob@example.com>', 'smtp RCPT>'],
      ['DATA', 'data>'],
      ['Hello Bob', 'data>'],
    ] as const) {
      type('body', line);
      keys('body', 'Enter');
      await until(`${line} -> ${prompt}`, () => lastLine('body') === prompt);
    }
    type('body', '.');
    keys('body', 'Enter');
    await until('the message accepted', () => screen('body').includes('S: 250 2.0.0') && /^smtp \S+>$/.test(lastLine('body')));
    const prompt = lastLine('body');
    keys('body', 'Up');
    await until('Up -> DATA (not ".")', () => lastLine('body') === `${prompt} DATA`);
    keys('body', 'Up');
    await until('Up -> RCPT TO (not "Hello Bob")', () => lastLine('body') === `${prompt} RCPT TO:<bob@example.com>`);
    keys('body', 'C-u');
    type('body', ':history');
    keys('body', 'Enter');
    await until(':history listed', () => screen('body').includes('RCPT TO:<bob@example.com>') && /^smtp \S+>$/.test(lastLine('body')));
    expect(screen('body')).not.toMatch(/^\s*\d+\s+Hello Bob$/m);
    keys('body', 'C-d');
    await until('the shell to exit', () => screen('body').includes('EXIT=0'));
    expect(readFileSync(join(h, 'state', 'l7lab', 'practice-history-smtp'), 'utf8')).toBe('EHLO me\nMAIL FROM:<alice@example.com>\nRCPT TO:<bob@example.com>\nDATA\n:history\n');
  });

  it('IMAP: Tab after a typed tag, and the tag added when there is none', async () => {
    const h = home();
    start('imap', h, ['imap']);
    await until('the first prompt', () => lastLine('imap') === 'imap not authenticated>');
    type('imap', 'LOGIN bob builder');
    keys('imap', 'Enter');
    await until('logged in', () => lastLine('imap') === 'imap authenticated>');
    expect(screen('imap')).toContain('C: a1 LOGIN bob builder');
    type('imap', 'x9 SEL');
    keys('imap', 'Tab');
    await until('x9 SEL<Tab> -> x9 SELECT ', () => lastLine('imap') === 'imap authenticated> x9 SELECT');
    type('imap', 'INBOX');
    keys('imap', 'Enter');
    await until('selected', () => lastLine('imap') === 'imap selected>');
    expect(screen('imap')).toContain('S: x9 OK [READ-WRITE]');
    type('imap', 'LOGOUT');
    keys('imap', 'Enter');
    await until('LOGOUT to end the shell', () => screen('imap').includes('EXIT=0'));
    expect(screen('imap')).toContain('C: a2 LOGOUT');
  });
});
