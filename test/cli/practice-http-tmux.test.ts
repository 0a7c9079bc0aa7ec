import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';
import { tmuxPanes } from '../support/tmux-panes.js';

/**
 * `l7lab practice http` in a real terminal (tmux on a socket of its own, -L): a request typed
 * line by line goes out at the empty line, and the response is explained status line first.
 */
const { tempDir } = scratch('l7lab-http-tmux-');
const { tmux, screen, start, lastLine, until, typeLine, closeAll } = tmuxPanes({ socket: 'l7lab-h3-http', cols: 120, rows: 50, home: tempDir });

afterEach(closeAll);

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('practice http in a real terminal', () => {
  it('a request typed by hand is answered at the empty line, 200 explained; GET / without a version gets 400 explained', async () => {
    start('http', ['practice', 'http']);
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
    start('ja', ['practice', 'http', '--lang', 'ja']);
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
