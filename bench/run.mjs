#!/usr/bin/env node
// The benchmark runner (`npm run bench` = build, then this). It imports every bench/*.bench.mjs
// (sorted by name; `node bench/run.mjs smtp` runs only files whose name contains "smtp"), calls
// its `run(ctx)` with ctx = { log, quick } (`--quick`: fewer repetitions, a smoke run), and prints
// one table per group: ours, the peer, and ours/peer with the direction that is better.
// Progress goes to stderr, results to stdout. A bench file that throws is reported and makes
// the exit code 1, but the other files still run.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filters = args.filter((a) => !a.startsWith('--'));

function benchFiles() {
  return readdirSync(here)
    .filter((f) => f.endsWith('.bench.mjs'))
    .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
    .sort();
}

/** A row as the contract describes it, or the reason it is not one. */
function checkRow(row) {
  if (typeof row !== 'object' || row === null) return 'not an object';
  for (const key of ['group', 'case', 'peerName', 'unit']) if (typeof row[key] !== 'string') return `${key} is not a string`;
  for (const key of ['ours', 'peer']) if (row[key] !== null && !Number.isFinite(row[key])) return `${key} is neither a number nor null`;
  if (row.better !== 'higher' && row.better !== 'lower') return 'better is neither "higher" nor "lower"';
  if (row.note !== undefined && typeof row.note !== 'string') return 'note is not a string';
  return null;
}

function fmt(n) {
  if (n === null) return '-';
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function ratioCell(row) {
  if (row.ours === null || row.peer === null || row.peer === 0) return '-';
  const r = row.ours / row.peer;
  const good = row.better === 'lower' ? r <= 1 : r >= 1;
  return `${r.toFixed(2)}x ${good ? '(ours better or equal)' : '(peer better)'}`;
}

function table(rows) {
  const head = ['case', 'ours', 'peer', 'peer is', 'unit', 'ours/peer', 'note'];
  const body = rows.map((r) => [r.case, fmt(r.ours), fmt(r.peer), r.peerName, r.unit, ratioCell(r), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function print(rows) {
  const groups = new Map();
  for (const row of rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
  for (const [group, grouped] of groups) {
    const better = [...new Set(grouped.map((r) => r.better))].map((b) => `${b} is better`).join('; ');
    process.stdout.write(`\n== ${group} (${better})\n${table(grouped)}\n`);
  }
}

async function main() {
  const files = benchFiles();
  if (files.length === 0) {
    process.stderr.write(`bench: no bench/*.bench.mjs matches ${filters.join(' ')}\n`);
    return 2;
  }
  const rows = [];
  let failed = 0;
  for (const file of files) {
    const name = basename(file, '.bench.mjs');
    const ctx = { quick, log: (msg) => process.stderr.write(`[${name}] ${msg}\n`) };
    try {
      const mod = await import(pathToFileURL(join(here, file)).href);
      if (typeof mod.run !== 'function') throw new Error('exports no run(ctx) function');
      const got = await mod.run(ctx);
      if (!Array.isArray(got)) throw new Error('run(ctx) did not return an array of rows');
      for (const row of got) {
        const problem = checkRow(row);
        if (problem) throw new Error(`bad row ${JSON.stringify(row)}: ${problem}`);
        rows.push(row);
      }
    } catch (err) {
      failed++;
      process.stderr.write(`[${name}] FAILED: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    }
  }
  print(rows);
  const cpu = cpus();
  process.stdout.write(
    `\nnode ${process.version} · ${cpu[0]?.model ?? 'unknown CPU'} (${cpu.length} logical CPUs) · ${new Date().toISOString()}${quick ? ' · --quick' : ''}\n`,
  );
  if (failed > 0) process.stdout.write(`${failed} bench file(s) failed: see stderr\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
