// CLI start-up against same-machine anchors (issues 2 and 19), each ours and the peer in one
// alternating run, medians of wall time, and the peak RSS of ours (one more, untimed run):
//   `l7lab --help`                      <= 1.3x `node -e 0` (it must load nothing heavy);
//   `l7lab ports --json`                <= `node -e 0` + `lsof -i -P -n | grep LISTEN`
//                                          (Node's own start plus the classic pipeline);
//   `l7lab lessons` and `lessons --json` <= 2x `node -e 0`;
//   the first lesson screen             <= 3x `node -e 0`: `learn smtp-basics` without a
//                                          terminal, until step 1 is on screen ("Step 2/" is printed; then stopped);
//   `l7lab mail list` on 1,000 messages <= 3x `node -e 0`, from a --store Maildir. A list keeps
//                                          what it read in the Maildir's summary cache (every run
//                                          after the warm-up reads it); a second row times the
//                                          first list, the cache removed before each run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, median, peakRssMb, timeOnce } from './cli-run.mjs';

const bin = fileURLToPath(new URL('../bin/l7lab.js', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/bundle/cli.js', import.meta.url));
const node = process.execPath;
const NODE0 = [node, ['-e', '0']];
const LSOF = ['sh', ['-c', 'lsof -i -P -n | grep LISTEN']];
const MAIL_MESSAGES = 1000;

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
  return spawnSync('sh', ['-c', 'command -v lsof'], { stdio: 'ignore' }).status === 0;
}

/** A Maildir with n captured messages, as `serve` would have written it. */
async function maildirWith(n) {
  const { openStore } = await import('../dist/mailstore/open.js');
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-mail-'));
  const store = openStore({ dir });
  try {
    for (let i = 0; i < n; i++) {
      const text = `From: bob@lab.example\r\nTo: alice@lab.example\r\nSubject: message ${i}\r\nDate: ${new Date(Date.UTC(2026, 0, 1, 0, i)).toUTCString()}\r\nMessage-ID: <${i}@lab.example>\r\n\r\nHello number ${i}.\r\n`;
      await store.deliver({ from: 'bob@lab.example', to: ['alice@lab.example'] }, Buffer.from(text));
    }
  } finally {
    await store.close();
  }
  return dir;
}

const fmtMb = (mb) => (mb === null ? 'peak RSS unknown' : `peak RSS ${mb.toFixed(0)} MB`);

/** A row of ours against `node -e 0` times `aim`; `about` goes first in its note. */
async function againstNode(ctx, label, ours, aim, about = '') {
  const { medians, runs } = await alternate(ctx, label, [ours, NODE0]);
  const [mine, base] = medians;
  const rss = await peakRssMb(ours);
  return {
    group: 'cli start-up',
    case: label,
    ours: mine,
    peer: base,
    peerName: 'node -e 0',
    unit: 'ms (median)',
    better: 'lower',
    note: `${about}${runs} runs; aim <= ${aim}x: ${mine <= base * aim ? 'met' : 'NOT met'}; ${fmtMb(rss)}`,
  };
}

async function portsRows(ctx) {
  if (!hasLsof()) {
    const row = await againstNode(ctx, 'l7lab ports --json', [node, [bin, 'ports', '--json']], 1);
    return [{ ...row, note: `lsof is not installed: peer is node -e 0 alone; ${row.note}` }];
  }
  const rows = [];
  for (const [label, args] of [['l7lab ports --json', ['ports', '--json']], ['l7lab ports --json --backend lsof', ['ports', '--json', '--backend', 'lsof']]]) {
    const ours = [node, [bin, ...args]];
    const { medians, runs } = await alternate(ctx, label, [ours, NODE0, LSOF]);
    const [mine, base, pipeline] = medians;
    const rss = await peakRssMb(ours);
    rows.push({
      group: 'ports',
      case: label,
      ours: mine,
      peer: base + pipeline,
      peerName: 'node -e 0 + lsof -i -P -n | grep LISTEN',
      unit: 'ms (median)',
      better: 'lower',
      note: `${runs} runs; node -e 0 ${base.toFixed(0)} + pipeline ${pipeline.toFixed(0)} ms; aim <= 1x: ${mine <= base + pipeline ? 'met' : 'NOT met'}; ${fmtMb(rss)}`,
    });
  }
  const inProcess = await probeInProcess(ctx);
  const alone = [];
  for (let i = 0; i < (ctx.quick ? 5 : 15); i++) alone.push(await timeOnce(...LSOF));
  const pipelineAlone = median(alone);
  rows.push({
    group: 'ports',
    case: 'probe() in-process, no Node start-up',
    ours: inProcess,
    peer: pipelineAlone,
    peerName: 'lsof -i -P -n | grep LISTEN (alone)',
    unit: 'ms (median)',
    better: 'lower',
    note: 'where the time of `ports --json` goes, Node start-up aside',
  });
  return rows;
}

export async function run(ctx) {
  if (!existsSync(bundle)) throw new Error('dist/bundle/cli.js (what bin/l7lab.js runs) is missing: run `npm run build` (npm run bench does)');
  const rows = [];
  rows.push(await againstNode(ctx, 'l7lab --help', [node, [bin, '--help']], 1.3));
  rows.push(...(await portsRows(ctx)));
  // A HOME of its own: no progress file of the person running the bench, none left behind.
  const home = mkdtempSync(join(tmpdir(), 'l7lab-bench-home-'));
  const env = { HOME: home, XDG_STATE_HOME: '', XDG_DATA_HOME: '', XDG_CONFIG_HOME: '' };
  const mail = await maildirWith(MAIL_MESSAGES);
  try {
    rows.push(await againstNode(ctx, 'l7lab lessons', [node, [bin, 'lessons'], { env }], 2));
    rows.push(await againstNode(ctx, 'l7lab lessons --json', [node, [bin, 'lessons', '--json'], { env }], 2));
    rows.push(await againstNode(ctx, 'learn smtp-basics: first screen', [node, [bin, 'learn', 'smtp-basics', '--lang', 'en'], { env, until: 'Step 2/' }], 3));
    const list = [node, [bin, 'mail', 'list', '--store', mail]];
    rows.push(await againstNode(ctx, `l7lab mail list, ${MAIL_MESSAGES} messages`, [...list, { env }], 3, 'summary cache kept from the warm-up run; '));
    const { SUMMARY_CACHE_FILE } = await import('../dist/mailstore/maildir/summary-cache.js');
    const noCache = () => rmSync(join(mail, SUMMARY_CACHE_FILE), { force: true });
    rows.push(await againstNode(ctx, `l7lab mail list, ${MAIL_MESSAGES} messages, first run`, [...list, { env, before: noCache }], 3, 'summary cache removed before each run; '));
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(mail, { recursive: true, force: true });
  }
  return rows;
}
