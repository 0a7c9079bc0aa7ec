// SMTP ingest benchmark: l7lab's SMTP server against nodemailer's smtp-server (the Node
// peer, as a minimal accept-and-discard server), in one run. Messages of ~2 KB, sent with
// 1, 20 and 100 concurrent sessions, either one connection per message or many messages
// per connection. Each server runs in its own child process so its peak RSS is its own.
// Both servers discard what they receive: ours through a store whose deliver() resolves at
// once (the session still assembles the message and its trace fields), the peer by draining
// its data stream. The load generator is Postfix's smtp-source when installed (C, no
// pipelining), else a small Node client here (raw sockets, pipelining when advertised).
// Only 127.0.0.1 is ever a target; every run is bounded in count and in time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { launch, serveForked } from './lib/fork-server.mjs';

const HOST = '127.0.0.1';
const SMTP_SOURCE = '/usr/sbin/smtp-source';
const PAYLOAD = 2048;
const RUN_TIMEOUT_MS = 90_000;
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
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 10 * 1024 * 1024,
    logger: false,
    // No PTR query may leave the machine; its default lookup would also delay each greeting.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  return { port: server.server.address().port, name: 'smtp-server' };
}

await serveForked(CHILD_FLAG, { ours: startOurs, peer: startPeer });

// ---- load generator 1: Postfix smtp-source ----

function smtpSource(port, sessions, messages, reuse) {
  const args = ['-s', String(sessions), '-m', String(messages), '-l', String(PAYLOAD), '-f', 'alice@example.com', '-t', 'bob@example.com', '-M', 'bench.test'];
  if (reuse) args.push('-d');
  args.push(`${HOST}:${port}`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(SMTP_SOURCE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) reject(new Error(`smtp-source ${signal ?? `exit ${code}`}: ${stderr.trim().slice(0, 200)}`));
      else resolve(seconds);
    });
  });
}

// ---- load generator 2: a small Node client (when smtp-source is absent) ----

class Client {
  constructor(socket) {
    this.socket = socket;
    this.text = '';
    this.wake = null;
    this.ended = false;
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      this.text += d;
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: HOST, port }, () => resolve(new Client(socket)));
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  /** The next `count` whole replies; throws on a failure code. */
  async replies(count, deadline) {
    const out = [];
    while (out.length < count) {
      const m = /^(\d{3})[ ][^\r\n]*\r\n/m.exec(this.text);
      if (m) {
        // The whole reply, continuation lines ("250-...") included.
        out.push(this.text.slice(0, m.index + m[0].length));
        this.text = this.text.slice(m.index + m[0].length);
        if (m[1][0] !== '2' && m[1][0] !== '3') throw new Error(`server said ${m[0].trim()}`);
        continue;
      }
      if (this.ended || performance.now() > deadline) throw new Error('no reply');
      await new Promise((r) => (this.wake = r));
    }
    return out;
  }
}

function makeBody() {
  const lines = ['From: <alice@example.com>', 'To: <bob@example.com>', 'Subject: bench', ''];
  for (let i = 0; lines.join('\r\n').length < PAYLOAD; i++) lines.push(`${i}`.padEnd(78, 'X'));
  return `${lines.join('\r\n')}\r\n.\r\n`;
}

async function nodeLoad(port, sessions, messages, reuse) {
  const body = makeBody();
  const start = performance.now();
  const deadline = start + RUN_TIMEOUT_MS;
  let next = 0;
  async function session() {
    let c = null;
    let pipelining = false;
    while (next < messages) {
      next++;
      if (!c) {
        c = await Client.open(port);
        await c.replies(1, deadline);
        c.socket.write('EHLO bench.test\r\n');
        pipelining = /^250[- ]PIPELINING\r?$/im.test((await c.replies(1, deadline))[0] ?? '');
      }
      const envelope = ['MAIL FROM:<alice@example.com>\r\n', 'RCPT TO:<bob@example.com>\r\n', 'DATA\r\n'];
      if (pipelining) {
        c.socket.write(envelope.join(''));
        await c.replies(3, deadline);
      } else {
        for (const cmd of envelope) {
          c.socket.write(cmd);
          await c.replies(1, deadline);
        }
      }
      c.socket.write(body);
      await c.replies(1, deadline);
      if (!reuse) {
        c.socket.end('QUIT\r\n');
        c = null;
      }
    }
    c?.socket.end('QUIT\r\n');
  }
  await Promise.all(Array.from({ length: sessions }, session));
  return (performance.now() - start) / 1000;
}

// ---- the run ----

// Counts keep each run to a few seconds; the peer's 100 ms early-talker pause makes the
// one-session, new-connection case the slowest, so it sends fewer.
const CASES = [
  { reuse: false, sessions: 1, messages: 100 },
  { reuse: false, sessions: 20, messages: 1000 },
  { reuse: false, sessions: 100, messages: 1500 },
  { reuse: true, sessions: 1, messages: 3000 },
  { reuse: true, sessions: 20, messages: 8000 },
  { reuse: true, sessions: 100, messages: 8000 },
];

const PEER_GREETING = 'peer greets after its 100 ms early-talker pause (reverse DNS off)';
const caseName = (c) => `${c.reuse ? 'many messages per connection' : 'new connection per message'}, ${c.sessions} session${c.sessions > 1 ? 's' : ''}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(ctx) {
  const useSource = existsSync(SMTP_SOURCE) && process.env.L7LAB_BENCH_SMTP_CLIENT !== 'node';
  const generator = useSource ? "Postfix smtp-source (no pipelining)" : 'Node raw-socket client (pipelining)';
  const load = useSource ? smtpSource : nodeLoad;
  const reps = ctx.quick ? 1 : 5;
  const scale = ctx.quick ? 0.2 : 1;
  ctx.log(`smtp: load generator ${generator}; ${reps} run(s) per case`);

  const ours = await launch(SELF, CHILD_FLAG, 'ours');
  let peer = null;
  let peerNote = '';
  try {
    peer = await launch(SELF, CHILD_FLAG, 'peer');
  } catch (err) {
    peerNote = `smtp-server unavailable: ${err instanceof Error ? err.message : err}`;
    ctx.log(`smtp: ${peerNote}`);
  }
  const rows = [];
  try {
    // Warm up both (JIT, socket paths) before anything is counted.
    await load(ours.port, 4, 100, true);
    if (peer) await load(peer.port, 4, 100, true);
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
