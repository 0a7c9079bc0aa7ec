import { closeSync, open, openSync, promises as fsp, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { STORE_LOCK_STALE_MS as STALE_MS, STORE_LOCK_WAIT_MS as WAIT_MS } from '../../limits.js';
import { errnoOf } from './io.js';

/**
 * A lock between processes (serve, and `l7lab mail` run beside it): a file created with
 * O_EXCL, as Dovecot's dovecot-uidlist.lock. It holds the holder's pid: a lock whose holder
 * no longer runs (a serve killed with SIGKILL) is broken at once, as Dovecot's file_dotlock
 * checks the pid; one older than STALE_MS is broken whatever it says (limits.ts). Waiting is
 * bounded, in tries and in time.
 * A delivery's lock is created and removed off the event loop (tryLockAsync); the one-try
 * locks below are synchronous.
 */
const RETRY_MS = 5;
const openAsync = promisify(open);

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

/**
 * tryLock off the event loop, for the lock a delivery takes (acquireLockFile): creating and
 * removing a file wait for a journal handle, which other deliveries' fsyncs can hold for
 * milliseconds (ext4), and every session would wait with the event loop.
 */
async function tryLockAsync(path: string): Promise<boolean> {
  let fd: number;
  try {
    fd = await openAsync(path, 'wx', 0o600);
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw err;
    return false;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

export async function acquireLockFile(path: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + WAIT_MS;
  for (let tries = 0; tries < WAIT_MS / RETRY_MS + 1; tries++) {
    if (await tryLockAsync(path)) return () => removeLock(path);
    breakIfStale(path);
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
  throw new LockTimeoutError(path);
}

/**
 * Remove a lock we hold: one unlink, off the event loop. (fs.promises.rm first lstats the path,
 * twice, to learn whether it is a directory: three trips through the thread pool per delivery
 * where one does, issue 19.) Already gone (broken as stale by another process) is no error.
 */
async function removeLock(path: string): Promise<void> {
  try {
    await fsp.unlink(path);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
}

/**
 * True when the lock names a process of this machine that no longer exists. An empty file
 * (its holder is between creating and writing it), this process's own pid, or a process we
 * may not signal (EPERM: it exists) all count as held.
 */
export function lockHolderGone(path: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return false;
  }
  return processGone(pid);
}

/**
 * True when no process of this machine has this pid (kill(pid, 0) says ESRCH). This process's
 * own pid, a process we may not signal (EPERM: it exists) and a pid that is no pid say false.
 */
export function processGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errnoOf(err) === 'ESRCH';
  }
}

/**
 * One try, no waiting: the release function, or null while a live holder has it (a stale lock
 * is broken first). The POP3 maildrop lock between processes (RFC 1939 4) is one of these.
 */
export function tryLockFile(path: string): (() => void) | null {
  if (!tryLock(path)) {
    breakIfStale(path);
    if (!tryLock(path)) return null;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(path, { force: true });
  };
}

// tryLock writes the pid right after creating the file, synchronously: a lock still empty
// after this long lost its holder between the two (SIGKILL), and is abandoned.
const EMPTY_GRACE_MS = 1_000;

function abandoned(path: string, st: { mtimeMs: number; size: number }): boolean {
  const age = Date.now() - st.mtimeMs;
  return age > STALE_MS || (st.size === 0 && age > EMPTY_GRACE_MS) || lockHolderGone(path);
}

function breakIfStale(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st || !abandoned(path, st)) return;
  // Only the file judged: if another waiter broke it and locked anew meanwhile, leave theirs.
  const again = statSync(path, { throwIfNoEntry: false });
  if (again && again.ino === st.ino && again.mtimeMs === st.mtimeMs) rmSync(path, { force: true });
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
