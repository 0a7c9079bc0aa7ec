import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLockFile, lockHolderGone } from '../../../../src/mailstore/maildir/lock-file.js';
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
});
