import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab practice http` in a real terminal (tmux on a socket of its own, -L): a request typed
 * line by line goes out at the empty line, and the response is explained status line first.
 */
const socket = `l7lab-h3-http-${process.pid}`;
const sessions: string[] = [];

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 5000 });
}

const { tempDir } = scratch('l7lab-http-tmux-');

afterEach(() => {
  // The private server ends with its last session.
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
  const env = [`HOME=${home}`, `XDG_STATE_HOME=${join(home, 'state')}`, 'LANG=C', 'LC_ALL=', 'NO_COLOR=1', 'TERM=xterm'];
  const command = `env ${env.map(quote).join(' ')} ${quote(process.execPath)} ${quote(BIN)} practice ${args.map(quote).join(' ')}; echo EXIT=$?; sleep 30`;
  sessions.push(session);
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', command);
}

/** The screen with soft-wrapped rows joined back into the lines the program wrote. */
const screen = (session: string): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);

function lastLine(session: string): string {
  const lines = tmux('capture-pane', '-p', '-t', session).split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

async function until(what: string, session: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited ${ms} ms for ${what}; screen:\n${screen(session)}`);
}

function typeLine(session: string, text: string): void {
  if (text !== '') tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Enter');
}

describe('practice http in a real terminal', () => {
  it('a request typed by hand is answered at the empty line, 200 explained; GET / without a version gets 400 explained', async () => {
    start('http', ['http']);
    await until('the first prompt', 'http', () => lastLine('http') === 'http request-line>');
    tmux('send-keys', '-t', 'http', '-l', 'GE');
    tmux('send-keys', '-t', 'http', 'Tab');
    await until('GE<Tab> -> GET', 'http', () => lastLine('http') === 'http request-line> GET');
    typeLine('http', '/ HTTP/1.1');
    await until('the header prompt', 'http', () => lastLine('http') === 'http headers>');
    // Nothing has gone out yet: the server answers only a whole request.
    expect(screen('http')).not.toContain('C: GET');
    tmux('send-keys', '-t', 'http', '-l', 'Ho');
    tmux('send-keys', '-t', 'http', 'Tab');
    await until('Ho<Tab> -> Host:', 'http', () => lastLine('http') === 'http headers> Host:');
    typeLine('http', 'localhost');
    await until('still in the header section', 'http', () => lastLine('http') === 'http headers>');
    typeLine('http', '');
    await until('the response', 'http', () => lastLine('http') === 'http request-line>');
    const ok = screen('http');
    expect(ok).toMatch(/C: GET \/ HTTP\/1\.1\n +Request line \(RFC 9112 3\): the method GET/);
    expect(ok).toMatch(/C: Host: localhost\n +Host: The host/);
    expect(ok).toMatch(/S: HTTP\/1\.1 200 OK\n +200 OK: the request succeeded/);
    expect(ok).toMatch(/S: Content-Length: \d+\n +Content-Length: The size of the body in bytes/);
    expect(ok.indexOf('S: HTTP/1.1 200 OK')).toBeLessThan(ok.indexOf('S: Content-Length'));

    typeLine('http', 'GET /');
    typeLine('http', '');
    await until('the 400 and the close', 'http', () => screen('http').includes('EXIT=0'));
    const bad = screen('http');
    expect(bad).toMatch(/C: GET \/\n +The server refuses this line\. The request line must be method, request-target and HTTP version/);
    expect(bad).toMatch(/S: HTTP\/1\.1 400 Bad Request\n +400 Bad Request: the server could not read the request as HTTP/);
    expect(bad).toContain('The server closed the connection.');
  });

  it('in Japanese, the status line and the fields are explained in Japanese', async () => {
    start('ja', ['http', '--lang', 'ja']);
    await until('the first prompt', 'ja', () => lastLine('ja') === 'http request-line>');
    for (const line of ['HEAD / HTTP/1.1', 'Host: localhost', '']) typeLine('ja', line);
    await until('the response', 'ja', () => screen('ja').includes('S: HTTP/1.1 200 OK') && lastLine('ja') === 'http request-line>');
    const text = screen('ja');
    expect(text).toMatch(/S: HTTP\/1\.1 200 OK\n +200 OK: リクエストは成功しました/);
    expect(text).toMatch(/C: HEAD \/ HTTP\/1\.1\n +リクエスト行です/);
    tmux('send-keys', '-t', 'ja', 'C-d');
    await until('the shell to exit', 'ja', () => screen('ja').includes('EXIT=0'));
  });
});
