// SMTP through the path users run (issue 19): `l7lab serve --quiet` itself (bin/l7lab.js in a
// child process, every lab server up, its real store) against nodemailer's smtp-server with a
// handler that really keeps each message, in one run:
//   - `serve --memory` against smtp-server holding every message in memory (an array of Buffers);
//   - `serve --store <Maildir>` (each message fsynced, then its directory, before 250) against
//     smtp-server writing each message as a Maildir does: tmp/ file, fsync, rename into new/,
//     fsync of new/ (one message at a time, no group commit);
// at 1, 20 and 100 sessions, one connection per message or many per connection. Every row
// notes both processes' peak RSS so far and their CPU time per message (a machine busy with
// other work slows both, but CPU per message still says what each costs). Then memory: serve's
// RSS 1 s after start and when idle, 12 s without traffic (goal <= 55 MB), and what the memory
// store holds per byte it stores over many messages after a warm-up (goal <= 1.5x), against the
// smtp-server that keeps them.
import { mkdirSync, mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMicrosOf, launch, peakRssOf, serveForked } from './lib/fork-server.mjs';
import { rssOf, startServe } from './lib/serve-command.mjs';
import { CASES, caseName, loadGenerator } from './lib/smtp-load.mjs';
import { peerOrNote, startSmtpServerPeer, warmUp } from './lib/smtp-peer.mjs';
import { median } from './lib/stats.mjs';

const HOST = '127.0.0.1';
const CHILD_FLAG = '--smtp-serve-bench-server';
const SELF = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;
/** How long both servers sit without traffic before their idle RSS is read. */
const IDLE_MS = 12_000;

// ---- the peer, one per child process: smtp-server that keeps what it receives ----

function startPeer(keep) {
  return startSmtpServerPeer((stream, callback) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => keep(Buffer.concat(chunks)).then(() => callback(), callback));
  });
}

async function startPeerMemory() {
  const held = [];
  let bytes = 0;
  const port = await startPeer(async (raw) => {
    held.push(raw);
    bytes += raw.length;
  });
  return { port, stats: () => ({ messages: held.length, bytes }) };
}

async function startPeerMaildir(dir) {
  for (const sub of ['tmp', 'new', 'cur']) mkdirSync(join(dir, sub), { recursive: true });
  const newDir = await fsp.open(join(dir, 'new'), 'r');
  let n = 0;
  const port = await startPeer(async (raw) => {
    const name = `${Date.now()}.P${process.pid}Q${++n}.bench`;
    const fh = await fsp.open(join(dir, 'tmp', name), 'wx');
    try {
      await fh.writeFile(raw);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(join(dir, 'tmp', name), join(dir, 'new', name));
    await newDir.sync();
  });
  return { port };
}

await serveForked(CHILD_FLAG, { memory: startPeerMemory, maildir: startPeerMaildir });

// ---- measuring ----

/** POP3 STAT (RFC 1939 5) as `user`: the octets the store holds for that maildrop. */
async function pop3Octets(port, user, password) {
  const socket = connect({ host: HOST, port });
  let text = '';
  const lines = [];
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('POP3: no reply')), 10_000);
      const check = () => {
        const i = text.indexOf('\r\n');
        if (i < 0) return;
        clearTimeout(timer);
        socket.off('data', onData);
        const line = text.slice(0, i);
        text = text.slice(i + 2);
        if (!line.startsWith('+OK')) reject(new Error(`POP3: ${line}`));
        else resolve(line);
      };
      const onData = (d) => {
        text += d;
        check();
      };
      socket.on('data', onData);
      check();
    });
  socket.setEncoding('latin1');
  await next();
  for (const cmd of [`USER ${user}`, `PASS ${password}`, 'STAT']) {
    socket.write(`${cmd}\r\n`);
    lines.push(await next());
  }
  socket.end('QUIT\r\n');
  return Number(/^\+OK (\d+) (\d+)/.exec(lines[2])?.[2] ?? NaN);
}

const settle = (ms) => new Promise((r) => setTimeout(r, ms));
const cpuPerMessage = (pid, before, messages) => ((cpuMicrosOf(pid) ?? NaN) - before) / messages;

/** One case, `reps` times, ours and the peer in turn: median msg/s and CPU µs per message of each. */
async function measureCase(load, ours, peer, c, messages, reps) {
  const got = { ours: { rate: [], cpu: [] }, peer: { rate: [], cpu: [] } };
  const errors = [];
  for (let i = 0; i < reps; i++) {
    for (const [key, server] of [['ours', ours], ['peer', peer]]) {
      if (!server) continue;
      const cpu = cpuMicrosOf(server.pid) ?? 0;
      try {
        const seconds = await load(server.port, c.sessions, messages, c.reuse);
        got[key].rate.push(messages / seconds);
        got[key].cpu.push(cpuPerMessage(server.pid, cpu, messages));
      } catch (err) {
        errors.push(`${key}: ${err instanceof Error ? err.message : err}`);
      }
    }
  }
  const med = (xs) => (xs.length ? median(xs) : null);
  return { ours: med(got.ours.rate), peer: med(got.peer.rate), oursCpu: med(got.ours.cpu), peerCpu: med(got.peer.cpu), errors };
}

const mb = (bytes) => (bytes === null ? '-' : `${(bytes / MB).toFixed(0)} MB`);
const us = (v) => (v === null || Number.isNaN(v) ? '-' : `${v.toFixed(0)} µs`);

/** The rows of one store: every case, ours against the peer. */
async function ingestRows(ctx, store, { load, generator, reps, scale }) {
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-peer-'));
  const ours = await startServe(store);
  const { peer, peerNote } = await peerOrNote(launch(SELF, CHILD_FLAG, store, store === 'maildir' ? join(dir, 'Maildir') : undefined));
  const rows = [];
  try {
    await warmUp(load, ours, peer);
    for (const c of CASES) {
      const messages = Math.max(30, Math.round(c.messages * scale));
      const r = await measureCase(load, ours, peer, c, messages, reps);
      const peaks = `peak RSS ours ${mb(ours.peak())}, peer ${mb(peer ? peakRssOf(peer.pid) : null)}`;
      const cpu = `CPU/msg ours ${us(r.oursCpu)}, peer ${us(r.peerCpu)}`;
      rows.push({
        group: `smtp through serve, ${store === 'memory' ? 'serve --memory --quiet' : 'serve --store Maildir (fsync)'} (2 KB messages)`,
        case: caseName(c),
        ours: r.ours,
        peer: r.peer,
        peerName: store === 'memory' ? 'smtp-server keeping each message in memory' : 'smtp-server writing each message Maildir-style with fsync',
        unit: 'msg/s',
        better: 'higher',
        note: [`${messages} msgs, median of ${reps}`, peaks, cpu, c.reuse ? '' : 'peer greets after its 100 ms early-talker pause', peerNote, ...r.errors].filter(Boolean).join('; '),
      });
      ctx.log(`smtp-serve ${store}: ${caseName(c)}: ours ${r.ours?.toFixed(0) ?? '-'} msg/s (${us(r.oursCpu)}), peer ${r.peer?.toFixed(0) ?? '-'} msg/s (${us(r.peerCpu)}); ${peaks}`);
    }
  } finally {
    await ours.stop();
    peer?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * serve's RSS 1 s after start and when idle, against smtp-server's, both fresh processes measured
 * at the same moments. Idle is the steady state without traffic: V8 trims its heap once a process
 * has allocated little for a while (its memory reducer, some seconds after start), in both alike.
 * These processes then stop, so the trimming never touches the memory-store rows' processes.
 */
async function idleRows(ctx) {
  const ours = await startServe('memory');
  const peer = await launch(SELF, CHILD_FLAG, 'memory').catch(() => null);
  try {
    await settle(1000);
    const started = { ours: ours.rss(), peer: peer ? rssOf(peer.pid) : null };
    await settle(IDLE_MS - 1000);
    const idle = { ours: ours.rss(), peer: peer ? rssOf(peer.pid) : null };
    ctx.log(`smtp-serve memory: 1 s after start ${mb(started.ours)} (peer ${mb(started.peer)}), idle ${mb(idle.ours)} (peer ${mb(idle.peer)})`);
    return [
      {
        group: 'smtp through serve: memory',
        case: 'serve --memory --quiet RSS 1 s after start',
        ours: started.ours === null ? null : started.ours / MB,
        peer: started.peer === null ? null : started.peer / MB,
        peerName: 'smtp-server (nodemailer), 1 s after start',
        unit: 'MB',
        better: 'lower',
        note: 'before any message; start-up allocation not yet trimmed; serve runs every lab server (SMTP, POP3, IMAP, HTTP, DNS, TLS ports); the lab certificate already made',
      },
      {
        group: 'smtp through serve: memory',
        case: `serve --memory --quiet idle RSS, ${IDLE_MS / 1000} s without traffic (goal <= 55 MB)`,
        ours: idle.ours === null ? null : idle.ours / MB,
        peer: idle.peer === null ? null : idle.peer / MB,
        peerName: 'smtp-server (nodemailer), idle as long',
        unit: 'MB',
        better: 'lower',
        note: `${idle.ours !== null && idle.ours / MB <= 55 ? 'met' : 'NOT met'}; both processes measured at the same moment, after V8's idle trimming; serve runs every lab server`,
      },
    ];
  } finally {
    await ours.stop();
    peer?.stop();
  }
}

/**
 * What the memory store holds per byte it stores: RSS growth over `count` messages sent after a
 * warm-up of `warm` (so the young generation and the JIT, which grow once and not per message,
 * are already there), divided by the octets the store reports for them.
 */
async function memoryRows(ctx, { load, count, warm }) {
  const ours = await startServe('memory');
  const peer = await launch(SELF, CHILD_FLAG, 'memory').catch(() => null);
  const storedNow = async () => ({ ours: await pop3Octets(ours.pop3Port, 'bob', 'builder'), peer: peer ? (await peer.stats())?.bytes ?? null : null });
  try {
    await settle(1000);
    await load(ours.port, 20, warm, true);
    if (peer) await load(peer.port, 20, warm, true);
    await settle(1000);
    const before = { rss: { ours: ours.rss(), peer: peer ? rssOf(peer.pid) : null }, stored: await storedNow() };
    await load(ours.port, 20, count, true);
    if (peer) await load(peer.port, 20, count, true);
    await settle(1500);
    const after = { rss: { ours: ours.rss(), peer: peer ? rssOf(peer.pid) : null }, stored: await storedNow() };
    const held = (key) => {
      const grown = after.rss[key] === null || before.rss[key] === null ? null : after.rss[key] - before.rss[key];
      const stored = after.stored[key] === null || before.stored[key] === null ? null : after.stored[key] - before.stored[key];
      return grown === null || !stored ? null : grown / stored;
    };
    const oursRatio = held('ours');
    const peerRatio = peer ? held('peer') : null;
    ctx.log(`smtp-serve memory: held/stored ${oursRatio?.toFixed(2)} (peer ${peerRatio?.toFixed(2)})`);
    return [
      {
        group: 'smtp through serve: memory',
        case: `memory store: RSS growth / bytes stored, ${count} msgs after ${warm} (goal <= 1.5)`,
        ours: oursRatio,
        peer: peerRatio,
        peerName: 'smtp-server keeping Buffers in an array',
        unit: 'x',
        better: 'lower',
        note: `stored: ours ${mb(after.stored.ours)} (POP3 STAT), peer ${mb(after.stored.peer)}; serve keeps each message's SMTP transcript too; peak RSS ours ${mb(ours.peak())}, peer ${mb(peer ? peakRssOf(peer.pid) : null)}`,
      },
    ];
  } finally {
    await ours.stop();
    peer?.stop();
  }
}

export async function run(ctx) {
  const { name: generator, load } = loadGenerator();
  const reps = ctx.quick ? 1 : 3;
  const scale = ctx.quick ? 0.2 : 1;
  ctx.log(`smtp-serve: load generator ${generator}; ${reps} run(s) per case`);
  const stores = (process.env.L7LAB_BENCH_SERVE_STORES ?? 'memory,maildir').split(',');
  const rows = [];
  for (const store of stores) rows.push(...(await ingestRows(ctx, store, { load, generator, reps, scale })));
  rows.push(...(await idleRows(ctx)));
  rows.push(...(await memoryRows(ctx, { load, count: ctx.quick ? 10_000 : 20_000, warm: 5000 })));
  return rows;
}
