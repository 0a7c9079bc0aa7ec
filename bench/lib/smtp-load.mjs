// SMTP load generators for the benchmarks: Postfix's smtp-source (C, no pipelining) when
// installed, else a small Node client (raw sockets, pipelining when advertised). Each sends
// `messages` messages of ~PAYLOAD octets over `sessions` concurrent sessions, one connection per
// message or many per connection (`reuse`), and resolves with the seconds it took. Only
// 127.0.0.1 is ever a target; every run is bounded in count and in time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

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

export async function nodeLoad(port, sessions, messages, reuse) {
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
