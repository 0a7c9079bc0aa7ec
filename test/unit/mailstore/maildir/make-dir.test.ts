import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory, StoreDirError } from '../../../../src/mailstore/maildir/make-dir.js';
import { scratch } from '../../../support/scratch.js';

/** A store's root made level by level (issue 20, item 11): it always ends, and says why it could not. */
const { tempDir } = scratch('l7lab-make-dir-');

describe('makeDirectory', () => {
  it('makes every missing level, and an existing directory is fine', async () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    await makeDirectory(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    await makeDirectory(dir);
  });

  it('a file where the directory should be: not-a-directory, nothing made', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    const err = await makeDirectory(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreDirError);
    expect((err as StoreDirError).why).toBe('not-a-directory');
  });

  // Node's recursive mkdir never returns here (it spins); this call must end with a reason.
  it('/proc/x, where the parent exists but refuses: refused', async () => {
    const err = await makeDirectory('/proc/l7lab-x/y').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreDirError);
    expect(err).toMatchObject({ why: 'refused', dir: '/proc/l7lab-x' });
  });
});
