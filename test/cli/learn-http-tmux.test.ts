import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';

/**
 * A real terminal: tmux runs `l7lab learn http`, we type an HTTP request line by line like a
 * learner, forget Host once (the server answers 400, RFC 9112 3.2), read why, retry from the
 * menu and get the 200. Every wait polls the pane for a bounded time; the tmux server has its
 * own socket and is killed at the end. Run `npm run build` first (npm test does).
 */
const SOCKET = `l7lab-http-test-${process.pid}-${Date.now()}`;
const BIN = join(process.cwd(), 'bin', 'l7lab.js');
const WAIT_MS = 20_000;
const home = scratch('l7lab-http-tmux-').suiteDir();

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'learn');
}

async function waitFor(what: string, ok: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (let i = 0; i < 1000; i++) {
    const text = screen();
    if (ok(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The text after the last `Step n/total` header, once it ends with an open prompt matching `prompt`. */
function promptOf(step: number, prompt: RegExp): Promise<string> {
  return waitFor(`step ${step} prompt ${prompt}`, (text) => {
    const at = text.lastIndexOf(`Step ${step}/`);
    return at >= 0 && prompt.test(text.slice(at));
  });
}

/** Open prompts: the last line on screen is the question (no answer typed yet). */
const PAUSE = /\n\? Press Enter to continue\s*$/;
const line = (n: number) => new RegExp(`\\n\\? \\[browser\\] Line ${n}, type: [^\\n]*\\s*$`);
const EMPTY = /\n\? \[browser\] An empty line \(Enter alone\) ends the request\s*$/;
const WHAT_NOW = /\n\? What now\?[\s\S]*$/;

function type(text: string): void {
  tmux('send-keys', '-t', 'learn', '-l', text);
  tmux('send-keys', '-t', 'learn', 'Enter');
}

function key(...keys: string[]): void {
  tmux('send-keys', '-t', 'learn', ...keys);
}

beforeAll(async () => {
  const conf = join(home, 'tmux.conf');
  await writeFile(conf, 'set -g history-limit 50000\n');
  tmux('-f', conf, 'new-session', '-d', '-s', 'keep', 'sleep 600');
  const env = `HOME=${home} XDG_STATE_HOME=${join(home, 'state')} NO_COLOR=1 LANG=C LC_ALL=`;
  tmux('new-session', '-d', '-s', 'learn', '-x', '200', '-y', '50', `env ${env} ${process.execPath} ${BIN} learn http --lang en; echo EXIT:$?; sleep 120`);
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});

describe('l7lab learn http in a real terminal (tmux)', () => {
  it('a request typed line by line; Host forgotten gets 400, the reason and a retry that works', async () => {
    await promptOf(1, PAUSE);
    key('Enter');
    await promptOf(2, PAUSE);
    key('Enter');

    // Step 3: the lesson asks for the mistake itself: a request line and at once the empty line.
    await promptOf(3, line(1));
    type('GET / HTTP/1.1');
    await promptOf(3, EMPTY);
    key('Enter');
    await promptOf(4, line(1));
    expect(screen()).toMatch(/browser S: HTTP\/1\.1 400 Bad Request/);

    // Step 4 wants Host; the learner forgets it again.
    type('GET /hello.txt HTTP/1.1');
    await promptOf(4, line(2));
    key('Enter');
    let text = await promptOf(4, WHAT_NOW);
    expect(text).toContain('browser C: GET /hello.txt HTTP/1.1');
    expect(text).toMatch(/browser S: HTTP\/1\.1 400 Bad Request/);
    expect(text).toMatch(/The empty line ended the request before the Host field: an HTTP\/1\.1 request must have one \(RFC 9112 3\.2\)\. Type Host: localhost:\d+ before the empty line\./);
    // The 400 came with Connection: close: the way forward is a new connection, which the retry opens.
    expect(text).toContain('The server closed the browser connection after its response; the next try opens a new one.');

    key('Enter'); // Try again
    await waitFor('a fresh line 1 prompt', (t) => line(1).test(t));
    type('GET /hello.txt HTTP/1.1');
    await promptOf(4, line(2));
    const port = /\[browser\] Line 2, type: Host: localhost:(\d+)/.exec(screen())?.[1];
    expect(port).toBeDefined();
    type(`Host: localhost:${port}`);
    await promptOf(4, EMPTY);
    key('Enter');
    text = await promptOf(5, PAUSE);
    const retry = text.slice(text.lastIndexOf('What now?'));
    expect(retry).toContain('browser connects again to go on with the lesson.');
    expect(retry).toMatch(/browser C: Host: localhost:\d+/);
    expect(text).toMatch(/browser S: HTTP\/1\.1 200 OK/);
    expect(text).toMatch(/browser S: ETag: "hello-v1"/);

    type(':quit');
    text = await waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 90_000);
});
