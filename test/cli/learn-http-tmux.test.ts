import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';
import { Terminal } from '../support/tmux.js';

/**
 * A real terminal: tmux runs `l7lab learn http`, we type an HTTP request line by line like a
 * learner, forget Host once (the server answers 400, RFC 9112 3.2), read why, retry from the
 * menu and get the 200. Every wait polls the pane for a bounded time (test/support/tmux.ts).
 * Run `npm run build` first (npm test does).
 */
const home = scratch('l7lab-http-tmux-').suiteDir();
let term: Terminal;

/** The text after the last `Step n/total` header, once it ends with an open prompt matching `prompt`. */
function promptOf(step: number, prompt: RegExp): Promise<string> {
  return term.waitFor(`step ${step} prompt ${prompt}`, (text) => {
    const at = text.lastIndexOf(`Step ${step}/`);
    return at >= 0 && prompt.test(text.slice(at));
  });
}

/** Open prompts: the last line on screen is the question (no answer typed yet). */
const PAUSE = /\n\? Press Enter to continue\s*$/;
const line = (n: number) => new RegExp(`\\n\\? \\[browser\\] Line ${n}, type: [^\\n]*\\s*$`);
const EMPTY = /\n\? \[browser\] An empty line \(Enter alone\) ends the request\s*$/;
const WHAT_NOW = /\n\? What now\?[\s\S]*$/;

const type = (text: string) => term.type(text);
const key = (...keys: string[]) => term.key(...keys);
const screen = () => term.lines();

beforeAll(() => {
  term = new Terminal(home);
  term.start('learn http --lang en', 200, 50);
});

afterAll(() => {
  term.close();
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
    await term.waitFor('a fresh line 1 prompt', (t) => line(1).test(t));
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
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 90_000);
});
