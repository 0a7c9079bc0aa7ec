// SMTP ingest benchmark: l7lab's SMTP server against nodemailer's smtp-server (the Node
// peer, as a minimal accept-and-discard server), in one run. Messages of ~2 KB, sent with
// 1, 20 and 100 concurrent sessions, either one connection per message or many messages
// per connection. Each server runs in its own child process so its peak RSS is its own.
// Both servers discard what they receive: ours through a store whose deliver() resolves at
// once (the session still assembles the message and its trace fields), the peer by draining
// its data stream. The load generator is Postfix's smtp-source when installed (C, no
// pipelining), else a small Node client here (raw sockets, pipelining when advertised).
// Only 127.0.0.1 is ever a target; every run is bounded in count and in time.
import { fileURLToPath } from 'node:url';
import { launch, serveForked } from './lib/fork-server.mjs';
import { peerOrNote, startSmtpServerPeer, warmUp } from './lib/smtp-peer.mjs';
import { CASES, caseName, loadGenerator } from './lib/smtp-load.mjs';

const HOST = '127.0.0.1';
const CHILD_FLAG = '--smtp-bench-server';
const SELF = fileURLToPath(import.meta.url);

// ---- the servers, one per child process ----

async function startOurs() {
  const { createSmtpServer } = await import('../dist/protocols/smtp/server.js');
  const { Accounts } = await import('../dist/protocols/accounts.js');
  const server = createSmtpServer({ store: { deliver: async () => [] }, accounts: new Accounts([['alice', 'wonderland']]), hostname: 'ours.bench' });
  const { port } = await server.listen(0, HOST);
  return { port, name: 'l7lab' };
}

async function startPeer() {
  const port = await startSmtpServerPeer((stream, callback) => {
    stream.on('data', () => undefined);
    stream.on('end', () => callback());
  });
  return { port, name: 'smtp-server' };
}

await serveForked(CHILD_FLAG, { ours: startOurs, peer: startPeer });

// ---- the run ----

const PEER_GREETING = 'peer greets after its 100 ms early-talker pause (reverse DNS off)';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(ctx) {
  const { name: generator, load } = loadGenerator();
  const reps = ctx.quick ? 1 : 5;
  const scale = ctx.quick ? 0.2 : 1;
  ctx.log(`smtp: load generator ${generator}; ${reps} run(s) per case`);

  const ours = await launch(SELF, CHILD_FLAG, 'ours');
  const { peer, peerNote } = await peerOrNote(launch(SELF, CHILD_FLAG, 'peer'));
  if (peerNote) ctx.log(`smtp: ${peerNote}`);
  const rows = [];
  try {
    await warmUp(load, ours, peer);
    for (const c of CASES) {
      const messages = Math.max(30, Math.round(c.messages * scale));
      const rate = { ours: [], peer: [] };
      const errors = [];
      for (let i = 0; i < reps; i++) {
        for (const [key, server] of [['ours', ours], ['peer', peer]]) {
          if (!server) continue;
          try {
            rate[key].push(messages / (await load(server.port, c.sessions, messages, c.reuse)));
          } catch (err) {
            errors.push(`${key}: ${err instanceof Error ? err.message : err}`);
          }
        }
      }
      const row = {
        group: 'smtp ingest (2 KB messages)',
        case: caseName(c),
        ours: rate.ours.length ? median(rate.ours) : null,
        peer: rate.peer.length ? median(rate.peer) : null,
        peerName: 'smtp-server (nodemailer)',
        unit: 'msg/s',
        better: 'higher',
        note: [`${messages} msgs, median of ${reps}, ${generator}`, c.reuse ? '' : PEER_GREETING, peerNote, ...errors].filter(Boolean).join('; '),
      };
      ctx.log(`smtp: ${row.case}: ours ${row.ours?.toFixed(0) ?? '-'} msg/s, peer ${row.peer?.toFixed(0) ?? '-'} msg/s`);
      rows.push(row);
    }
    const mb = (bytes) => (bytes === null ? null : bytes / (1024 * 1024));
    rows.push({
      group: 'smtp memory',
      case: 'server process peak RSS over all ingest runs',
      ours: mb(await ours.peak()),
      peer: peer ? mb(await peer.peak()) : null,
      peerName: 'smtp-server (nodemailer)',
      unit: 'MB',
      better: 'lower',
      note: ['each server alone in a child process, peak RSS (VmHWM on Linux, else sampled every 20 ms)', peerNote].filter(Boolean).join('; '),
    });
  } finally {
    ours.stop();
    peer?.stop();
  }
  return rows;
}
