// dnsperf (DNS-OARC; Debian package dnsperf, bench/setup.sh installs it) as the DNS
// benchmark's load generator: UDP queries from a datafile, as fast as the server answers,
// bounded in time (-l) and in rate (-Q, hence in count). Its report is parsed here.
import { spawnSync } from 'node:child_process';
import { runLoadTool } from './load-tool.mjs';

/** One thread (the machine has few cores and the server needs one), a few sockets, 100 queries in flight (its default). */
const CLIENTS = 4;
const OUTSTANDING = 100;

export function hasDnsperf() {
  return spawnSync('dnsperf', ['-h'], { stdio: 'ignore' }).error === undefined;
}

/**
 * What dnsperf printed: queries/s (completed queries over the run time), sent, completed,
 * lost, and the response codes as { NOERROR: n, ... }. Throws when the report is missing.
 */
export function parseDnsperf(text) {
  const num = (label) => {
    const m = new RegExp(`^\\s*${label}:\\s+([\\d.]+)`, 'm').exec(text);
    if (!m) throw new Error(`dnsperf printed no "${label}": ${text.trim().split('\n').slice(-3).join(' | ')}`);
    return Number(m[1]);
  };
  const rcodes = {};
  const line = /^\s*Response codes:\s+(.*)$/m.exec(text)?.[1] ?? '';
  for (const m of line.matchAll(/([A-Z]+)\s+(\d+)\s+\(/g)) rcodes[m[1]] = Number(m[2]);
  return { qps: num('Queries per second'), sent: num('Queries sent'), completed: num('Queries completed'), lost: num('Queries lost'), rcodes };
}

/** Run dnsperf at host:port with `datafile` for `seconds`, at most `maxQps` queries a second. */
export function dnsperf({ host, port, datafile, seconds, maxQps }) {
  const args = ['-s', host, '-p', String(port), '-d', datafile, '-l', String(seconds), '-Q', String(maxQps), '-c', String(CLIENTS), '-T', '1', '-q', String(OUTSTANDING), '-t', '2'];
  return runLoadTool('dnsperf', args, seconds, parseDnsperf);
}
