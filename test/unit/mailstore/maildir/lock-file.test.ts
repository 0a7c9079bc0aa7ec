import { spawnSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLockFile, lockHolderGone, tryLockFile } from '../../../../src/mailstore/maildir/lock-file.js';
import { scratch } from '../../../support/scratch.js';

/** A pid that surely ran and ended: a child that exited before we look. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the store lock file', () => {
  const { tempDir } = scratch('l7lab-lock-');

  it('names a holder that no longer runs as gone, a live one (or this process, or none yet) as holding', () => {
    const dir = tempDir();
    const lock = join(dir, 'x.lock');
    writeFileSync(lock, `${deadPid()}\n`);
    expect(lockHolderGone(lock)).toBe(true);
    writeFileSync(lock, `${process.pid}\n`);
    expect(lockHolderGone(lock)).toBe(false);
    writeFileSync(lock, `${process.ppid}\n`);
    expect(lockHolderGone(lock)).toBe(false);
    writeFileSync(lock, '');
    expect(lockHolderGone(lock)).toBe(false);
  });

  it('takes over a lock left by a killed process at once instead of timing out before it is stale', async () => {
    const dir = tempDir();
    const lock = join(dir, 'x.lock');
    writeFileSync(lock, `${deadPid()}\n`);
    const release = await acquireLockFile(lock);
    expect(existsSync(lock)).toBe(true);
    await release();
    expect(existsSync(lock)).toBe(false);
  });

  it('an empty lock (its holder killed between creating and writing it) is abandoned after a second, not 30 (issue 20, item 10)', () => {
    const lock = join(tempDir(), 'x.lock');
    writeFileSync(lock, '');
    // A fresh empty one is a holder about to write its pid: held.
    expect(tryLockFile(lock)).toBeNull();
    const past = new Date(Date.now() - 5_000);
    utimesSync(lock, past, past);
    const release = tryLockFile(lock);
    expect(release).not.toBeNull();
    release?.();
    expect(existsSync(lock)).toBe(false);
  });

  it('tryLockFile: one try, null while a live process holds it, taken at once from a dead one', () => {
    const lock = join(tempDir(), 'x.lock');
    writeFileSync(lock, `${process.ppid}\n`);
    expect(tryLockFile(lock)).toBeNull();
    writeFileSync(lock, `${deadPid()}\n`);
    const release = tryLockFile(lock);
    expect(release).not.toBeNull();
    expect(tryLockFile(lock)).toBeNull();
    release?.();
    expect(existsSync(lock)).toBe(false);
  });
});
