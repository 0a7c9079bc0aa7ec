// CLI start-up and `ports` speed against same-machine anchors (issue 2):
//   `l7lab --help` against `node -e 0` (aim: 2x or less: --help must load nothing heavy);
//   `l7lab ports --json` against the classic `sh -c 'lsof -i -P -n | grep LISTEN'` (aim: no slower).
// Each case runs ours and the peer alternately, after one warm-up each, and reports medians of
// wall time. Repetitions are bounded in count and in total time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/l7lab.js', import.meta.url));
const dist = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const node = process.execPath;
const RUN_TIMEOUT_MS = 20_000;

/** Wall time of one run in ms, or throws if it did not exit 0 (a broken bench must not pass as fast). */
function timeOnce(cmd, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  // grep exits 1 when nothing listens: still a finished run of the classic command.
  if (r.status !== 0 && !(cmd === 'sh' && r.status === 1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).trim()}`);
  return ms;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Alternate ours and the peer so drift in machine load hits both alike. */
function compare(ctx, label, ours, peer) {
  const reps = ctx.quick ? 5 : 30;
  const budgetMs = ctx.quick ? 15_000 : 90_000;
  timeOnce(...ours);
  if (peer) timeOnce(...peer);
  const a = [];
  const b = [];
  const start = Date.now();
  for (let i = 0; i < reps && Date.now() - start < budgetMs; i++) {
    a.push(timeOnce(...ours));
    if (peer) b.push(timeOnce(...peer));
  }
  ctx.log(`${label}: ${a.length} runs`);
  return { ours: median(a), peer: peer ? median(b) : null, runs: a.length };
}

/** The probe alone, in this process: what `ports` costs beyond starting Node. */
async function probeInProcess(ctx) {
  const { probe } = await import('../dist/ports/prober.js');
  const reps = ctx.quick ? 5 : 30;
  await probe({});
  const times = [];
  const start = Date.now();
  for (let i = 0; i < reps && Date.now() - start < 30_000; i++) {
    const t = process.hrtime.bigint();
    const r = await probe({});
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!r.ok) throw new Error(`probe failed: ${JSON.stringify(r.attempts)}`);
  }
  return median(times);
}

function hasLsof() {
  const r = spawnSync('sh', ['-c', 'command -v lsof'], { stdio: 'ignore' });
  return r.status === 0;
}

export async function run(ctx) {
  if (!existsSync(dist)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)');
  const rows = [];

  const help = compare(ctx, '--help', [node, [bin, '--help']], [node, ['-e', '0']]);
  const helpRatio = help.ours / help.peer;
  rows.push({
    group: 'cli start-up',
    case: 'l7lab --help',
    ours: help.ours,
    peer: help.peer,
    peerName: 'node -e 0',
    unit: 'ms (median)',
    better: 'lower',
    note: `${help.runs} runs; aim <= 2x: ${helpRatio <= 2 ? 'met' : 'NOT met'}`,
  });

  const classic = hasLsof() ? [['sh', ['-c', 'lsof -i -P -n | grep LISTEN']]] : [];
  const cases = [
    ['l7lab ports --json', [bin, 'ports', '--json']],
    ['l7lab ports --json --backend lsof', [bin, 'ports', '--json', '--backend', 'lsof']],
  ];
  for (const [label, args] of cases) {
    const r = compare(ctx, label, [node, args], classic[0] ?? null);
    const note = r.peer === null ? 'lsof is not installed: no peer' : `${r.runs} runs; aim <= 1x: ${r.ours <= r.peer ? 'met' : 'NOT met'}`;
    rows.push({ group: 'ports', case: label, ours: r.ours, peer: r.peer, peerName: "lsof -i -P -n | grep LISTEN", unit: 'ms (median)', better: 'lower', note });
  }
  const inProcess = await probeInProcess(ctx);
  const classicOnce = classic[0] ? median(Array.from({ length: ctx.quick ? 5 : 15 }, () => timeOnce(...classic[0]))) : null;
  rows.push({
    group: 'ports',
    case: 'probe() in-process, no Node start-up',
    ours: inProcess,
    peer: classicOnce,
    peerName: 'lsof -i -P -n | grep LISTEN',
    unit: 'ms (median)',
    better: 'lower',
    note: classicOnce === null ? 'lsof is not installed: no peer' : 'where the time of `ports --json` goes, Node start-up aside',
  });
  return rows;
}
