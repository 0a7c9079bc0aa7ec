import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { STORE_LOCK_STALE_MS as STALE_MS, STORE_LOCK_WAIT_MS as WAIT_MS } from '../protocols/limits.js';
import { errnoOf } from './maildir-io.js';

/**
 * A lock between processes (serve, and `l7lab mail` run beside it): a file created with
 * O_EXCL, as Dovecot's dovecot-uidlist.lock. A lock older than STALE_MS was left by a process
 * that died, so it is broken (limits.ts). Waiting is bounded, in tries and in time.
 * Creating and removing it are synchronous: microseconds, no thread-pool trips.
 */
const RETRY_MS = 5;

export class LockTimeoutError extends Error {
  constructor(path: string) {
    super(`could not lock ${path} within ${WAIT_MS / 1000} s (is another l7lab stuck?)`);
    this.name = 'LockTimeoutError';
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw err;
    return false;
  }
}

export async function acquireLockFile(path: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + WAIT_MS;
  for (let tries = 0; tries < WAIT_MS / RETRY_MS + 1; tries++) {
    if (tryLock(path)) return async () => rmSync(path, { force: true });
    breakIfStale(path);
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
  throw new LockTimeoutError(path);
}

function breakIfStale(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st && Date.now() - st.mtimeMs > STALE_MS) rmSync(path, { force: true });
}

/** Runs tasks one at a time, in order (an async mutex for one process). */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    const next = this.tail.then(task, task);
    this.tail = next.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return next;
  }

  /** Tasks queued or running, including the caller's own. */
  get pending(): number {
    return this.waiting;
  }
}
