// Timing helpers for cli.bench.mjs: one run of a command (to its exit, or to the first output
// that matches), its peak RSS, medians, and cases run alternately so machine load hits all alike.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN_TIMEOUT_MS = 20_000;
const PEAK_RSS = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url));

/**
 * A case: [cmd, args, opts]; opts.until (a string) ends the run at the first stdout containing it;
 * opts.before (a function) runs before each run, outside its time (e.g. removing a cache).
 */
function envOf(opts) {
  return { ...process.env, NO_COLOR: '1', ...(opts?.env ?? {}) };
}

/** Wall time of one run in ms, or throws if it did not exit 0 (a broken bench must not pass as fast). */
function timeSync(cmd, args, opts) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS, env: envOf(opts) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  // grep exits 1 when nothing listens: still a finished run of the classic command.
  if (r.status !== 0 && !(cmd === 'sh' && r.status === 1)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).trim()}`);
  return ms;
}

/** Wall time until stdout contains opts.until; the process is then stopped (SIGTERM). */
function timeUntil(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: envOf(opts) });
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d;
      if (done || !out.includes(opts.until)) return;
      done = true;
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
      child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`${cmd} ${args.join(' ')} ended (${code ?? signal}) before "${opts.until}": ${err.trim()}`));
    });
  });
}

export async function timeOnce(cmd, args, opts = {}) {
  opts.before?.();
  return opts.until ? timeUntil(cmd, args, opts) : timeSync(cmd, args, opts);
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Medians of each case, run in turn (one warm-up each), bounded in count and in total time. */
export async function alternate(ctx, label, cases) {
  const reps = ctx.quick ? 5 : 30;
  const budgetMs = ctx.quick ? 20_000 : 90_000;
  for (const c of cases) await timeOnce(...c);
  const times = cases.map(() => []);
  const start = Date.now();
  for (let i = 0; i < reps && Date.now() - start < budgetMs; i++) {
    for (const [k, c] of cases.entries()) times[k].push(await timeOnce(...c));
  }
  ctx.log(`${label}: ${times[0].length} runs`);
  return { medians: times.map(median), runs: times[0].length };
}

/** Peak RSS in MB of one more run of a node case (`[node, args, opts]`), measured inside it. */
export async function peakRssMb([cmd, args, opts = {}]) {
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-rss-'));
  const file = join(dir, 'rss');
  try {
    await timeOnce(cmd, ['-r', PEAK_RSS, ...args], { ...opts, env: { ...(opts.env ?? {}), L7LAB_BENCH_RSS_FILE: file } });
    // The SIGTERM of an `until` run may land a moment after the time was taken.
    for (let i = 0; i < 50; i++) {
      try {
        return Number(readFileSync(file, 'utf8')) / 1024;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
