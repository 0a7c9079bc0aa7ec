// Our own server for the benchmarks, in a child process of its own (as `l7lab serve` would run
// and as Dovecot does), so the benchmark's client never shares an event loop with the server
// it measures. The child is serve-child.mjs; it reports its port as one JSON line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST } from './line-client.mjs';
import { writeMaildir } from './maildrop.mjs';

const CHILD = fileURLToPath(new URL('./serve-child.mjs', import.meta.url));
/** A cold start loads dist/ and may read 10,000 files into a MemoryStore. */
const START_TIMEOUT_MS = 120_000;

/** A stop function for a child: SIGTERM, up to 5 s to exit, then SIGKILL. */
export function stopChild(child) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
}

/** The child's first stdout line parsed as JSON, or null if it exits or stays silent first. */
function firstJsonLine(child) {
  let out = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(out.split('\n')[0]));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

/**
 * Write the messages to a Maildir under dir/l7lab (with `maildir` options as writeMaildir
 * takes them) and start l7lab's `protocol` server ('pop3' or 'imap') on it. Resolves with
 * { port, pid, storeName, stop }; throws if it does not start or holds other than `count`.
 */
export async function startOurs({ protocol, messages, maildir, dir, user, password, count, log }) {
  const root = join(dir, 'l7lab');
  writeMaildir(join(root, user), messages, maildir);
  const child = spawn(process.execPath, [CHILD, protocol, root, user, password, HOST], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, L7LAB_DIST: new URL('../../dist/', import.meta.url).href },
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const stop = stopChild(child);
  const ready = await firstJsonLine(child);
  if (!ready) {
    await stop();
    throw new Error(`the l7lab ${protocol.toUpperCase()} server did not start: ${err.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (ready.why) log(`${protocol}: MaildirStore unavailable (${ready.why}); using MemoryStore`);
  if (ready.count !== count) throw new Error(`the l7lab store holds ${ready.count} messages, expected ${count}`);
  return { port: ready.port, pid: child.pid, storeName: ready.storeName, stop };
}
