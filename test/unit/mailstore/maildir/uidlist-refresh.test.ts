import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLockFile } from '../../../../src/mailstore/maildir/lock-file.js';
import { UidList } from '../../../../src/mailstore/maildir/uidlist.js';
import { scratch } from '../../../support/scratch.js';

/**
 * refresh() skips reading when the file is as this list left it (one stat per delivery, issue 19):
 * what another writer did to it (an append, a rewrite renamed over it) must still be seen.
 */
describe('the UID list refresh', () => {
  const { tempDir } = scratch('l7lab-uidlist-');
  const rec = (uid: number) => ({ uid, size: 10, date: 1_700_000_000_000, base: `b${uid}` });

  it('sees what another writer appended after our own append, and a rewrite renamed over the file', async () => {
    const path = join(tempDir(), 'l7lab-uidlist');
    const ours = new UidList(path);
    const theirs = new UidList(path);
    expect(await ours.refresh()).toBe(false);
    await ours.rewrite(42, () => true);
    await ours.append([rec(1)]);
    // Unchanged since our append: still valid, still ours.
    expect(await ours.refresh()).toBe(true);
    expect(ours.nextUid).toBe(2);
    expect(await theirs.refresh()).toBe(true);
    await theirs.append([rec(2)]);
    expect(await ours.refresh()).toBe(true);
    expect(ours.nextUid).toBe(3);
    expect(ours.byBase.has('b2')).toBe(true);
    // A rewrite by another writer: a new file (a new inode) under the same name.
    await theirs.rewrite(43, (r) => r.uid !== 1);
    expect(await ours.refresh()).toBe(true);
    expect(ours.uidValidity).toBe(43);
    expect(ours.byBase.has('b1')).toBe(false);
    rmSync(path);
    expect(await ours.refresh()).toBe(false);
  });

  it('sees a file of the same size written anew under the same name', async () => {
    const path = join(tempDir(), 'l7lab-uidlist');
    writeFileSync(path, '3 V7 N1\n1 S10 T1 :aaa\n');
    const list = new UidList(path);
    expect(await list.refresh()).toBe(true);
    // Created while the old one still exists (so not on its inode), then renamed over it.
    writeFileSync(`${path}.new`, '3 V8 N1\n1 S10 T1 :bbb\n');
    renameSync(`${path}.new`, path);
    expect(await list.refresh()).toBe(true);
    expect(list.uidValidity).toBe(8);
    expect(list.byBase.has('bbb')).toBe(true);
  });
});

describe('the delivery lock', () => {
  const { tempDir } = scratch('l7lab-uidlist-lock-');

  it('is removed by its release, and a release after another process broke it is no error', async () => {
    const lock = join(tempDir(), 'l7lab-uidlist.lock');
    const release = await acquireLockFile(lock);
    expect(existsSync(lock)).toBe(true);
    await release();
    expect(existsSync(lock)).toBe(false);
    const again = await acquireLockFile(lock);
    rmSync(lock);
    await expect(again()).resolves.toBeUndefined();
  });
});
