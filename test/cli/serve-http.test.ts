import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, SERVE_ANY_PORTS } from '../support/bin.js';
import { serveBin, type Served } from '../support/served.js';
import { scratch } from '../support/scratch.js';

/**
 * `l7lab serve`'s web side as a user meets it (issue 16): the HTTP and HTTPS ports in the banner,
 * --json-log and --help, the web inbox at the URL the banner prints, the JSON API with curl over
 * HTTP and HTTPS, and a port in use named as HTTP or HTTPS.
 */
const { children, tempDir, suiteDir } = scratch('l7lab-serve-http-');
const home = suiteDir();
const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), LANG: 'C', NO_COLOR: '1', FORCE_COLOR: '', COLUMNS: '80' };

const serve = (args: string[]): Served => serveBin(args, env, children);

const serveUntil = (args: string[], match: (line: string) => boolean): Promise<string[]> => serve(args).until(match);
const json = (line: string) => JSON.parse(line) as Record<string, unknown>;

function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

type Address = { host: string; port: number };

describe('serve: the web inbox', () => {
  it('the banner lists HTTP and HTTPS and prints the inbox URL, which curl opens; the JSON API lists mail sent by SMTP', async () => {
    const lines = await serveUntil([], (l) => /^Live transcript below/.test(l));
    const text = lines.join('\n');
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    const http = /│ HTTP +│ 127\.0\.0\.1 │ (\d+) +│ web inbox and JSON API, no TLS/.exec(text)?.[1];
    expect(http).toBeDefined();
    expect(text).toMatch(/│ HTTPS +│ 127\.0\.0\.1 │ \d+ +│ TLS from the first byte/);
    const url = /^ {2}Web inbox \(updates live\): (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(text);
    expect(url?.[2]).toBe(http);
    expect(text).toContain(`  curl ${url?.[1]}api/messages`);

    const page = await curl(['-i', url?.[1] ?? '']);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^HTTP\/1\.1 200 /);
    expect(page.stdout).toMatch(/^content-type: text\/html/im);

    const smtp = /│ SMTP +│ 127\.0\.0\.1 │ (\d+) /.exec(text)?.[1];
    const msg = join(tempDir(), 'msg.txt');
    writeFileSync(msg, 'From: app@example.com\r\nTo: bob@example.com\r\nSubject: seen on the web\r\n\r\nHi Bob\r\n');
    const sent = await curl([`smtp://127.0.0.1:${smtp}`, '--mail-from', 'app@example.com', '--mail-rcpt', 'bob@example.com', '-T', msg]);
    expect(sent.code, sent.stderr).toBe(0);
    const api = await curl([`${url?.[1]}api/messages`]);
    expect(api.code).toBe(0);
    expect(api.stdout).toContain('seen on the web');
    expect(() => JSON.parse(api.stdout) as unknown).not.toThrow();
  });

  it('the banner speaks Japanese about the web inbox too', async () => {
    const lines = await serveUntil(['--lang', 'ja'], (l) => /^この下にやりとりが流れます/.test(l));
    const text = lines.join('\n');
    expect(text).toMatch(/│ HTTP +│ 127\.0\.0\.1 │ \d+ +│ Web の受信箱と JSON API、TLS なし/);
    expect(text).toMatch(/^ {2}Web の受信箱 \(自動で更新\): http:\/\/127\.0\.0\.1:\d+\/$/m);
  });

  it('--json-log names http and https among the endpoints, logs each request line, and HTTPS serves the API with the lab certificate', async () => {
    const served = serve(['--json-log']);
    const events = (await served.until((l) => json(l).event === 'certificate')).map(json);
    const endpoints = events.find((e) => e.event === 'endpoints') as Record<string, Address> | undefined;
    expect(endpoints?.http).toMatchObject({ host: '127.0.0.1', port: expect.any(Number) });
    expect(endpoints?.https).toMatchObject({ host: '127.0.0.1', port: expect.any(Number) });
    expect(endpoints?.https?.port).not.toBe(endpoints?.http?.port);
    expect(events.filter((e) => e.event === 'listening' && e.protocol === 'http')).toHaveLength(2);
    const cert = events.find((e) => e.event === 'certificate') as { path: string };
    const got = await curl(['--cacert', cert.path, '-i', `https://127.0.0.1:${endpoints?.https?.port}/api/messages?to=nobody`]);
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/^HTTP\/1\.1 200 /);
    expect(got.stdout).toMatch(/^content-type: application\/json/im);
    // What curl sent, line by line in the log, explained.
    const line = (text: string) => (l: string) => json(l).event === 'line' && json(l).text === text;
    await served.until(line('GET /api/messages?to=nobody HTTP/1.1'));
    const request = served.lines.map(json).find((e) => e.text === 'GET /api/messages?to=nobody HTTP/1.1');
    expect(request).toMatchObject({ protocol: 'http', direction: 'client', explanation: expect.any(String) });
    expect(String(request?.explanation).length).toBeGreaterThan(10);
  });

  it('--no-tls opens no HTTPS port', async () => {
    const events = (await serveUntil(['--json-log', '--no-tls'], (l) => json(l).event === 'endpoints')).map(json);
    const endpoints = events.find((e) => e.event === 'endpoints') as Record<string, unknown>;
    expect(endpoints.http).toBeDefined();
    expect(endpoints.https).toBeUndefined();
  });

  it.each([
    ['--http-port', 'HTTP'],
    ['--https-port', 'HTTPS'],
  ])('%s in use: one line naming %s and the holder, suggesting port 0, exit 1', async (flag, name) => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runBin(['serve', '--memory', ...SERVE_ANY_PORTS, flag, String(port)], env, 20_000);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${name} port ${port} on 127.0.0.1 is already in use`);
      expect(r.stderr).toContain(`(pid ${process.pid})`);
      expect(r.stderr).toContain(`use ${flag} 0 for any free port`);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('serve --help names both ports with an example, within 80 columns', async () => {
    const r = await runBin(['serve', '--help'], env, 15_000);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    expect(r.stdout).toMatch(/--http-port <n>\s+HTTP port: the web inbox and JSON API/);
    expect(r.stdout).toMatch(/--https-port <n>\s+HTTP with implicit TLS \(HTTPS\), like 443/);
    expect(r.stdout).toContain('Web inbox and JSON API: HTTP 2080 (http://127.0.0.1:2080/), HTTPS 2443.');
    expect(r.stdout).toContain('$ l7lab serve --http-port 8025    the web inbox at http://127.0.0.1:8025/');
  });
});
