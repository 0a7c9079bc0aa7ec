import { execFile } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findListeners } from '../../src/ports/find-listeners.js';
import { autoOrder, probe } from '../../src/ports/prober.js';
import type { BackendName } from '../../src/ports/types.js';

/**
 * Real sockets, real tools: a listener on 127.0.0.1 port 0 (and ::1, and a UDP socket) must be
 * reported with its port and this process's pid by every backend this machine has.
 */
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
let tcp4: Server;
let tcp6: Server | null = null;
let udp: UdpSocket;
const port = (s: Server) => (s.address() as { port: number }).port;

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

beforeAll(async () => {
  tcp4 = await listen('127.0.0.1');
  tcp6 = await listen('::1').catch(() => null); // a machine without IPv6 loopback still tests IPv4
  udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => tcp4.close(() => resolve()));
  if (tcp6) await new Promise<void>((resolve) => tcp6?.close(() => resolve()));
  await new Promise<void>((resolve) => udp.close(() => resolve()));
});

describe('every backend on this machine sees our listeners', () => {
  const available: BackendName[] = [];

  it.each(autoOrder(process.platform))('%s: reports 127.0.0.1 with its port and our pid, or is not installed', async (backend) => {
    const r = await probe({ backend, udp: true });
    if (!r.ok) {
      // Only "not installed" may excuse a backend; any other failure is a bug.
      expect(r.attempts[0]?.reason).toBe('missing');
      return;
    }
    available.push(backend);
    const mine = r.sockets.filter((s) => s.pid === process.pid);
    expect(mine).toContainEqual(expect.objectContaining({ protocol: 'tcp', family: 4, address: '127.0.0.1', port: port(tcp4) }));
    expect(mine).toContainEqual(expect.objectContaining({ protocol: 'udp', family: 4, address: '127.0.0.1', port: udp.address().port }));
    if (tcp6) expect(mine).toContainEqual(expect.objectContaining({ protocol: 'tcp', family: 6, address: '::1', port: port(tcp6) }));
    const row = mine.find((s) => s.port === port(tcp4));
    expect(row?.process).toEqual(expect.any(String));
  });

  it('at least one backend was available (on Linux, /proc always is)', () => {
    expect(available.length).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(available).toContain('proc');
  });
});

describe('findListeners', () => {
  it('names this process as the one on our port', async () => {
    const found = await findListeners(port(tcp4));
    expect(found.map((s) => [s.address, s.port, s.pid])).toContainEqual(['127.0.0.1', port(tcp4), process.pid]);
  });

  it('finds nobody on a port just closed', async () => {
    const s = await listen('127.0.0.1');
    const p = port(s);
    await new Promise<void>((resolve) => s.close(() => resolve()));
    expect(await findListeners(p)).toEqual([]);
  });
});

describe('the built bin', () => {
  it('l7lab ports --json --port <n> reports our listener', async () => {
    expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
    const { stdout } = await run(process.execPath, [bin, 'ports', '--json', '--port', String(port(tcp4))], { timeout: 15_000 });
    const report = JSON.parse(stdout) as { backend: string; sockets: Array<Record<string, unknown>> };
    expect(report.sockets).toContainEqual(
      expect.objectContaining({ protocol: 'tcp', family: 4, address: '127.0.0.1', port: port(tcp4), scope: 'loopback', pid: process.pid }),
    );
    expect(report.sockets.every((s) => s.port === port(tcp4))).toBe(true);
  });

  it('l7lab ports --json --udp --port <n> reports our UDP socket', async () => {
    const { stdout } = await run(process.execPath, [bin, 'ports', '--json', '--udp', '--port', String(udp.address().port)], { timeout: 15_000 });
    const report = JSON.parse(stdout) as { sockets: Array<Record<string, unknown>> };
    expect(report.sockets).toContainEqual(expect.objectContaining({ protocol: 'udp', address: '127.0.0.1', pid: process.pid }));
  });
});
