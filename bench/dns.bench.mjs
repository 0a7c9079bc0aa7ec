// DNS benchmark: queries/s with dnsperf (UDP) against l7lab's authoritative server for one lab
// zone and, in the same run, two peers serving the very same records: dnsmasq (C, the anchor;
// its configuration generated from the zone's records) and a minimal Node server on
// dns-packet + dgram (bench/peers/dns-packet-server.mjs: what a Node developer would write).
// The goal (issue 17): ahead of the Node peer, at least half of dnsmasq. Each server runs alone
// (ours and the Node peer in child processes, dnsmasq as itself) on its own loopback address,
// so its peak RSS is its own. Before anything is timed every peer must give ours's answers
// (rcode and answer records) to every query of the mix, so a wrong server cannot look fast.
// Runs are bounded in time (dnsperf -l) and in rate (-Q). Only 127.0.0.x is ever a target.
// L7LAB_BENCH_DNS_PROF=<dir> writes a V8 CPU profile of our server there (node --cpu-prof).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dnsperfFile, disagreements, queryMix } from './lib/dns-zone.mjs';
import { dnsperf, hasDnsperf } from './lib/dnsperf.mjs';
import { hasDnsmasq, startDnsmasq } from './lib/dnsmasq.mjs';
import { cpuMicrosOf, launch, serveForked } from './lib/fork-server.mjs';
import { median } from './lib/stats.mjs';

const ZONE = 'example.test';
/** The Node peer's and dnsmasq's addresses: loopback, dnsmasq apart from the lab's 127.0.0.1-4 (zones.ts). */
const NODE_HOST = '127.0.0.1';
const DNSMASQ_HOST = '127.0.0.9';
const MAX_QPS = 200_000;
const CHILD_FLAG = '--dns-bench-server';
const SELF = fileURLToPath(import.meta.url);

// ---- the Node servers, one per child process ----

/**
 * l7lab's authoritative server for the zones.ts server that holds ZONE (ns.lab.test, 127.0.0.4),
 * as the lab builds it, without the per-source rate limit (it would throttle dnsperf, which
 * sends from one address) and with no transcript sink (as `serve --quiet`). Reports its
 * address and ZONE's records (SOA first) in the types.ts shape, for the peers to serve.
 */
async function startOurs() {
  const dist = (p) => import(new URL(`../dist/protocols/dns/${p}`, import.meta.url).href);
  const [{ createDnsServer }, { createAuthority }, zones, { RR_TYPES, CLASS_IN }] = await Promise.all([dist('server.js'), dist('session.js'), dist('zones.js'), dist('types.js')]);
  const spec = zones.AUTHORITATIVE_SERVERS.find((s) => s.zones.includes(ZONE));
  const authority = createAuthority(zones.zonesOf(spec));
  const server = createDnsServer({ handler: (query) => authority.answer(query), rateLimit: false, name: spec.name });
  const { host, port } = await server.listen(0, spec.ip);
  const zone = zones.LAB_ZONES.find((z) => z.origin === ZONE);
  const records = [zones.soaOf(zone), ...zone.records].map((r) => ({ name: r.name, type: RR_TYPES[r.data.kind], class: CLASS_IN, ttl: r.ttl ?? zones.DEFAULT_TTL, data: r.data }));
  return { host, port, records };
}

async function startNodePeer({ records }) {
  const { startDnsPacketServer } = await import('./peers/dns-packet-server.mjs');
  const { port } = await startDnsPacketServer({ records, host: NODE_HOST });
  return { host: NODE_HOST, port };
}

await serveForked(CHILD_FLAG, { ours: startOurs, node: startNodePeer });

// ---- the run ----

const GROUP = `dns authoritative, ${ZONE}, UDP (dnsperf)`;
const PEERS = { node: 'Node dns-packet + dgram', dnsmasq: 'dnsmasq' };
const say = (err) => (err instanceof Error ? err.message : String(err));

/** Start the peers on ours's records; a peer that fails to start or answers differently is left out with a note. */
async function startPeers(ours, mix, ctx) {
  const peers = [];
  const notes = {};
  const tryStart = async (name, start) => {
    try {
      const peer = await start();
      const wrong = await disagreements(ours, peer, mix);
      if (wrong.length === 0) return peers.push({ name, ...peer });
      peer.stop();
      notes[name] = `answers differ from ours: ${wrong.slice(0, 2).join('; ')}`;
    } catch (err) {
      notes[name] = say(err);
    }
    ctx.log(`dns: ${PEERS[name]} left out: ${notes[name]}`);
  };
  await tryStart('node', () => launch(SELF, CHILD_FLAG, 'node', { records: ours.records }));
  if (hasDnsmasq()) await tryStart('dnsmasq', () => startDnsmasq({ records: ours.records, zone: ZONE, host: DNSMASQ_HOST, probe: mix[0] }));
  else notes.dnsmasq = 'dnsmasq not installed (bench/setup.sh installs dnsmasq-base)';
  return { peers, notes };
}

/**
 * `reps` rounds of one dnsperf run per server in turn (after a 1 s warm-up each): per server the
 * median queries/s and the median CPU time it spent per completed query (µs), or its error.
 */
async function measure(servers, datafile, seconds, reps, ctx) {
  const runs = Object.fromEntries(servers.map((s) => [s.name, { qps: [], cpu: [] }]));
  const errors = {};
  const once = async (s, secs) => {
    const cpu0 = cpuMicrosOf(s.pid);
    const r = await dnsperf({ host: s.host, port: s.port, datafile, seconds: secs, maxQps: MAX_QPS });
    const cpu1 = cpuMicrosOf(s.pid);
    const perQuery = cpu0 !== null && cpu1 !== null && r.completed > 0 ? (cpu1 - cpu0) / r.completed : null;
    ctx.log(`dns: ${s.name} ${r.qps.toFixed(0)} q/s, ${perQuery?.toFixed(1) ?? '-'} µs CPU/query, ${r.lost} lost, ${JSON.stringify(r.rcodes)}`);
    return { qps: r.qps, perQuery };
  };
  for (const s of servers) await once(s, 1).catch((err) => (errors[s.name] = say(err)));
  for (let i = 0; i < reps; i++) {
    for (const s of servers) {
      if (errors[s.name]) continue;
      try {
        const r = await once(s, seconds);
        runs[s.name].qps.push(r.qps);
        if (r.perQuery !== null) runs[s.name].cpu.push(r.perQuery);
      } catch (err) {
        errors[s.name] = say(err);
      }
    }
  }
  const med = (xs) => (xs.length ? median(xs) : null);
  return {
    qps: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, med(v.qps)])),
    cpu: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, med(v.cpu)])),
    errors,
  };
}

function rows({ qps, cpu = {}, errors, peaks, notes, seconds, reps, size }) {
  const mb = (b) => (b === null || b === undefined ? null : b / (1024 * 1024));
  const base = `${size} queries in the mix, dnsperf -l ${seconds} -Q ${MAX_QPS} -c 4 -T 1, median of ${reps}`;
  // dnsperf runs one thread on a machine of few cores: near dnsmasq's rate it is the limit, and CPU per query says more.
  const goal = { node: 'goal: ahead of it', dnsmasq: 'goal: at least 0.5x; dnsperf may be the limit here, see CPU per query' };
  const out = [];
  for (const peer of ['node', 'dnsmasq']) {
    const note = [base, goal[peer], errors.ours && `ours: ${errors.ours}`, errors[peer] && `${peer}: ${errors[peer]}`, notes[peer]].filter(Boolean).join('; ');
    out.push({ group: GROUP, case: `queries/s vs ${PEERS[peer]}`, ours: qps.ours ?? null, peer: qps[peer] ?? null, peerName: PEERS[peer], unit: 'q/s', better: 'higher', note });
  }
  for (const peer of ['node', 'dnsmasq']) {
    const note = 'server process user+system CPU (/proc) over completed queries, median of the runs: steadier than q/s on a busy machine';
    out.push({ group: 'dns CPU per query', case: `CPU time per query vs ${PEERS[peer]}`, ours: cpu.ours ?? null, peer: cpu[peer] ?? null, peerName: PEERS[peer], unit: 'µs', better: 'lower', note });
  }
  for (const peer of ['node', 'dnsmasq']) {
    out.push({ group: 'dns memory', case: `peak RSS over all runs vs ${PEERS[peer]}`, ours: mb(peaks.ours), peer: mb(peaks[peer]), peerName: PEERS[peer], unit: 'MB', better: 'lower', note: 'VmHWM of the server process' });
  }
  return out;
}

export async function run(ctx) {
  if (!hasDnsperf()) {
    ctx.log('dns: dnsperf is not installed (bench/setup.sh installs it): nothing measured');
    return rows({ qps: {}, errors: {}, peaks: {}, notes: { node: 'dnsperf not installed', dnsmasq: 'dnsperf not installed' }, seconds: 0, reps: 0, size: 0 });
  }
  const seconds = Number(process.env.L7LAB_BENCH_DNS_SECONDS) || (ctx.quick ? 2 : 5);
  const reps = ctx.quick ? 1 : 3;
  const prof = process.env.L7LAB_BENCH_DNS_PROF;
  const ours = { name: 'ours', ...(await launch(SELF, CHILD_FLAG, 'ours', undefined, prof ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${prof}`] } : {})) };
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-dns-'));
  let peers = [];
  try {
    const mix = queryMix(ours.records, ZONE);
    const datafile = join(dir, 'queries.txt');
    writeFileSync(datafile, dnsperfFile(mix));
    const started = await startPeers(ours, mix, ctx);
    peers = started.peers;
    ctx.log(`dns: ${mix.length} queries in the mix; dnsperf ${seconds} s per run, ${reps} run(s) per server, alternating`);
    const { qps, cpu, errors } = await measure([ours, ...peers], datafile, seconds, reps, ctx);
    const peaks = Object.fromEntries(await Promise.all([ours, ...peers].map(async (s) => [s.name, await s.peak()])));
    return rows({ qps, cpu, errors, peaks, notes: started.notes, seconds, reps, size: mix.length });
  } finally {
    ours.stop();
    for (const p of peers) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
