// HTTP benchmark: requests/s for a small `GET /api/messages` (the JSON list of a store holding
// 5 messages), l7lab's HTTP server with the web app against Node's own `node:http` serving the
// same JSON bytes, in one run, with keep-alive, 1 and 50 connections. Each server runs alone in
// a child process. The load generator is wrk (Debian package wrk; bench/setup.sh installs it):
// HTTP/1.1, persistent connections, a fixed duration, in short rounds alternating between the two
// servers (which goes first alternates too), so both are measured at the same moments of a shared
// machine; the note gives the median of the rounds' own ratios. Only 127.0.0.1 is ever a target; every
// run is bounded in time. A run with any non-2xx answer or socket error is not counted, so a
// broken server cannot look fast.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch as launchChild, serveForked } from './lib/fork-server.mjs';
import { runLoadTool } from './lib/load-tool.mjs';

const HOST = '127.0.0.1';
const PATH = '/api/messages';
const MESSAGES = 5;
const IO_TIMEOUT_MS = 30_000;
const CHILD_FLAG = '--http-bench-server';
const SELF = fileURLToPath(import.meta.url);

// ---- the servers, one per child process ----

function rawMessage(i) {
  return Buffer.from(
    [`From: App <app@example.com>`, `To: user${i}@example.com`, `Subject: Welcome ${i}`, `Date: Thu, 3 Dec 2026 0${i}:00:00 +0000`, `Message-ID: <bench-${i}@example.com>`, '', `Hello ${i}.`, ''].join('\r\n'),
  );
}

/** l7lab's lab with only HTTP, serving the web app over a MemoryStore holding 5 messages. */
async function startOurs() {
  const { startLab } = await import('../dist/lab.js');
  const { MemoryStore } = await import('../dist/mailstore/memory.js');
  const { createWebApp } = await import('../dist/web/app.js');
  const store = new MemoryStore();
  for (let i = 1; i <= MESSAGES; i++) await store.deliver({ from: 'app@example.com', to: [`user${i}@example.com`] }, rawMessage(i));
  const lab = await startLab({ host: HOST, protocols: ['http'], ports: { http: 0 }, store, httpApp: createWebApp({ store }) });
  return lab.endpoints.http.port;
}

/** node:http answering every request with the bytes l7lab sent (status 200, same Content-Type). */
async function startPeer({ body, contentType }) {
  const { createServer } = await import('node:http');
  const bytes = Buffer.from(body, 'base64');
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': bytes.length });
    res.end(bytes);
  });
  // Default keep-alive timeout (5 s) would close idle connections between runs; wrk reconnects, but keep it out of the way.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  return server.address().port;
}

await serveForked(CHILD_FLAG, { ours: async () => ({ port: await startOurs() }), peer: async (content) => ({ port: await startPeer(content) }) });

/** One GET from l7lab: the bytes and type the peer will serve; checks it lists the 5 messages. */
async function fetchList(port) {
  const res = await fetch(`http://${HOST}:${port}${PATH}`, { signal: AbortSignal.timeout(IO_TIMEOUT_MS) });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${PATH} answered ${res.status}: ${bytes.toString().slice(0, 200)}`);
  const json = JSON.parse(bytes.toString('utf8'));
  const items = Array.isArray(json) ? json : json.messages;
  if (!Array.isArray(items) || items.length !== MESSAGES) throw new Error(`GET ${PATH} did not list ${MESSAGES} messages: ${bytes.toString().slice(0, 200)}`);
  return { body: bytes.toString('base64'), contentType: res.headers.get('content-type') ?? 'application/json', size: bytes.length };
}

// ---- the load generator: wrk ----

function hasWrk() {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** What wrk printed, as requests/s; throws on any error it counted. */
export function parseWrk(text) {
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  if (!rate) throw new Error(`wrk printed no Requests/sec: ${text.trim().slice(0, 200)}`);
  const non2xx = /^\s*Non-2xx or 3xx responses:\s+(\d+)/m.exec(text);
  if (non2xx) throw new Error(`${non2xx[1]} answers were not 2xx/3xx`);
  const socket = /^\s*Socket errors:(.*)$/m.exec(text);
  if (socket) throw new Error(`socket errors:${socket[1]}`);
  return Number(rate[1]);
}

/** wrk with `connections` keep-alive connections for `seconds`; at most as many threads as cores allow. */
function wrk(port, connections, seconds) {
  const threads = Math.min(connections, 2);
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '5s', `http://${HOST}:${port}${PATH}`];
  return runLoadTool('wrk', args, seconds, parseWrk);
}

// ---- the run ----

const CONNECTIONS = [1, 50];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const GROUP = `http GET ${PATH} (${MESSAGES} messages), keep-alive`;
const PEER = 'node:http, same JSON bytes';

export async function run(ctx) {
  if (!hasWrk()) {
    ctx.log('http: wrk is not installed (bench/setup.sh installs it): nothing measured');
    return CONNECTIONS.map((c) => ({ group: GROUP, case: `${c} connection${c > 1 ? 's' : ''}`, ours: null, peer: null, peerName: PEER, unit: 'req/s', better: 'higher', note: 'wrk not installed' }));
  }
  const seconds = Number(process.env.L7LAB_BENCH_HTTP_SECONDS) || (ctx.quick ? 1 : 2);
  const rounds = ctx.quick ? 5 : 7;
  const ours = await launchChild(SELF, CHILD_FLAG, 'ours');
  let peer = null;
  const rows = [];
  try {
    const content = await fetchList(ours.port);
    peer = await launchChild(SELF, CHILD_FLAG, 'peer', content);
    ctx.log(`http: ${content.size} bytes of JSON; ${rounds} rounds of wrk ${seconds} s on each server per case, alternating`);
    // Warm up both (JIT, socket paths) before anything is counted.
    for (const server of [ours, peer]) await wrk(server.port, 10, 1);
    for (const connections of CONNECTIONS) rows.push(await measure(ctx, { ours, peer }, connections, seconds, rounds, content.size));
  } finally {
    ours.stop();
    peer?.stop();
  }
  return rows;
}

/**
 * Short rounds, one run on each server per round, the one that goes first alternating: a machine
 * that gets busier or quieter during the case weighs on both alike. The row shows the median rate
 * of each; the note adds the median of the rounds' own ratios (both measured within seconds).
 */
async function measure(ctx, servers, connections, seconds, rounds, size) {
  const rate = { ours: [], peer: [] };
  const ratios = [];
  const errors = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    const round = {};
    for (const key of order) {
      try {
        round[key] = await wrk(servers[key].port, connections, seconds);
        rate[key].push(round[key]);
      } catch (err) {
        errors.push(`${key}: ${err instanceof Error ? err.message : err}`);
      }
    }
    if (round.ours !== undefined && round.peer !== undefined) ratios.push(round.ours / round.peer);
  }
  const paired = ratios.length ? `paired ratio median ${median(ratios).toFixed(2)}x of ${ratios.length}` : 'no paired round';
  const row = {
    group: GROUP,
    case: `${connections} connection${connections > 1 ? 's' : ''}`,
    ours: rate.ours.length ? median(rate.ours) : null,
    peer: rate.peer.length ? median(rate.peer) : null,
    peerName: PEER,
    unit: 'req/s',
    better: 'higher',
    note: [`wrk -c ${connections} -d ${seconds}s, median of ${rounds} alternating rounds, ${paired}, ${size} B body`, ...errors].join('; '),
  };
  ctx.log(`http: ${row.case}: ours ${row.ours?.toFixed(0) ?? '-'} req/s, peer ${row.peer?.toFixed(0) ?? '-'} req/s, ${paired}`);
  return row;
}
