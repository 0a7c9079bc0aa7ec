// SMTP load generators for the benchmarks: Postfix's smtp-source (C, no pipelining) when
// installed, else a small Node client (raw sockets, pipelining when advertised). Each sends
// `messages` messages of ~PAYLOAD octets over `sessions` concurrent sessions, one connection per
// message or many per connection (`reuse`), and resolves with the seconds it took. Only
// 127.0.0.1 is ever a target; every run is bounded in count and in time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dataOf, deliverOne, openSession } from './lmtp-client.mjs';

const HOST = '127.0.0.1';
const SMTP_SOURCE = '/usr/sbin/smtp-source';
export const PAYLOAD = 2048;
const RUN_TIMEOUT_MS = 90_000;

// Counts keep each run to a few seconds; the peer's 100 ms early-talker pause makes the
// one-session, new-connection case the slowest, so it sends fewer.
export const CASES = [
  { reuse: false, sessions: 1, messages: 100 },
  { reuse: false, sessions: 20, messages: 1000 },
  { reuse: false, sessions: 100, messages: 1500 },
  { reuse: true, sessions: 1, messages: 3000 },
  { reuse: true, sessions: 20, messages: 8000 },
  { reuse: true, sessions: 100, messages: 8000 },
];


export const caseName = (c) => `${c.reuse ? 'many messages per connection' : 'new connection per message'}, ${c.sessions} session${c.sessions > 1 ? 's' : ''}`;

/** The generator to use: smtp-source unless absent or L7LAB_BENCH_SMTP_CLIENT=node. */
export function loadGenerator() {
  const useSource = existsSync(SMTP_SOURCE) && process.env.L7LAB_BENCH_SMTP_CLIENT !== 'node';
  return useSource
    ? { name: 'Postfix smtp-source (no pipelining)', load: smtpSource }
    : { name: 'Node raw-socket client (pipelining)', load: nodeLoad };
}

// ---- load generator 1: Postfix smtp-source ----

export function smtpSource(port, sessions, messages, reuse) {
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

/** A message of about PAYLOAD octets (no line starts with a dot). */
function makeMessage() {
  const lines = ['From: <alice@example.com>', 'To: <bob@example.com>', 'Subject: bench', ''];
  for (let i = 0; lines.join('\r\n').length < PAYLOAD; i++) lines.push(`${i}`.padEnd(78, 'X'));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

/** The SMTP dialect of the delivery client the ingest bench gives Dovecot's LMTP (lmtp-client.mjs). */
export async function nodeLoad(port, sessions, messages, reuse) {
  const data = dataOf(makeMessage());
  const envelope = { from: 'alice@example.com', to: 'bob@example.com' };
  const start = performance.now();
  const deadline = start + RUN_TIMEOUT_MS;
  let next = 0;
  async function session() {
    let s = null;
    try {
      while (next < messages) {
        if (performance.now() > deadline) throw new Error(`not done within ${RUN_TIMEOUT_MS} ms`);
        next++;
        s ??= await openSession(port, 'smtp');
        await deliverOne(s, envelope, data);
        if (!reuse) {
          s.c.socket.end('QUIT\r\n');
          s = null;
        }
      }
      s?.c.socket.end('QUIT\r\n');
    } catch (err) {
      s?.c.close();
      throw err;
    }
  }
  await Promise.all(Array.from({ length: sessions }, session));
  return (performance.now() - start) / 1000;
}
