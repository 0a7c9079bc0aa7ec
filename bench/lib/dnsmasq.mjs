// dnsmasq (Debian package dnsmasq-base; bench/setup.sh installs it) as the DNS benchmark's C
// anchor: its own instance, on a loopback address and a free port, from a configuration
// generated from the zone's records, in a temporary directory. The system service is never
// touched. dnsmasq cannot take port 0 and report the port, so a free one is found first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-server.mjs';
import { ask, dnsmasqConfig } from './dns-zone.mjs';
import { peakRssOf } from './fork-server.mjs';

export const DNSMASQ = '/usr/sbin/dnsmasq';
const READY_TIMEOUT_MS = 10_000;

export function hasDnsmasq() {
  return spawnSync(DNSMASQ, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A port free on host for both UDP and TCP (dnsmasq takes both), found by binding port 0. */
export async function freePort(host) {
  for (let tries = 0; tries < 20; tries++) {
    const udp = dgram.createSocket('udp4');
    await new Promise((resolve, reject) => udp.once('error', reject).bind(0, host, resolve));
    const { port } = udp.address();
    const tcp = net.createServer();
    const ok = await new Promise((resolve) => tcp.once('error', () => resolve(false)).listen(port, host, () => resolve(true)));
    udp.close();
    if (ok) {
      await new Promise((r) => tcp.close(r));
      return port;
    }
  }
  throw new Error(`no port free for both UDP and TCP on ${host}`);
}

/** Ask `probe` until dnsmasq answers it (it logs nothing we could wait for on stdout). */
async function answering(target, probe, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await ask(target, probe).then(() => true, () => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Start dnsmasq answering for `zone` from `records` on host (a 127.0.0.x address);
 * `probe` is a query it must answer before it counts as started. Resolves with
 * { port, pid, peak(), stop() } like a forked server.
 */
export async function startDnsmasq({ records, zone, host, probe }) {
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-dnsmasq-'));
  const port = await freePort(host);
  const conf = join(dir, 'dnsmasq.conf');
  writeFileSync(conf, dnsmasqConfig({ records, zone, host, port }));
  const child = spawn(DNSMASQ, [`--conf-file=${conf}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const stop = stopChild(child);
  const cleanup = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await answering({ host, port }, probe, child))) {
    await cleanup();
    throw new Error(`dnsmasq did not answer on ${host}:${port}: ${err.trim().split('\n').slice(-2).join(' | ')}`);
  }
  return { host, port, pid: child.pid, peak: async () => peakRssOf(child.pid), stop: cleanup };
}
