import { afterEach, describe, expect, it } from 'vitest';
import { runProgram } from '../support/programs.js';
import { createHttpServer } from '../../src/protocols/http/server.js';
import { defaultHttpApp } from '../../src/protocols/http/default-app.js';
import type { LineServer } from '../../src/protocols/server.js';

const servers: LineServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function start(): Promise<number> {
  const server = createHttpServer({ app: defaultHttpApp });
  servers.push(server);
  return (await server.listen(0, '127.0.0.1')).port;
}

describe('HTTP server on real sockets', () => {
  it('curl GET / gets 200 with the text, and HEAD gets the same fields without a body', async () => {
    const port = await start();
    const get = await runProgram('curl', ['-sS', '-i', '--http1.1', `http://127.0.0.1:${port}/`], 10_000);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(get.stdout).toContain('hello from the application layer');
    const head = await runProgram('curl', ['-sS', '-I', '--http1.1', `http://127.0.0.1:${port}/`], 10_000);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.stdout).toMatch(/Content-Length: 52\r\n/);
  });
});
