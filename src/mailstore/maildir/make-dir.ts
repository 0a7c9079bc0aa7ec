import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { errnoOf } from './io.js';

/**
 * `mkdir -p` for a store's root that always ends. Node's `mkdir(dir, { recursive: true })`
 * loops for ever (at full CPU) where the parent exists but refuses new entries with ENOENT,
 * as /proc does (`serve --store /proc/x`), and says EEXIST for a file in the way. Here each
 * level is made once: a parent that exists and still refuses gives StoreDirError 'refused',
 * a file where the directory should be 'not-a-directory'.
 */
export class StoreDirError extends Error {
  constructor(
    readonly dir: string,
    readonly why: 'not-a-directory' | 'refused',
    readonly code: string,
  ) {
    super(`${code}: ${why === 'not-a-directory' ? 'not a directory' : 'the file system refuses a directory here'}, mkdir '${dir}'`);
    this.name = 'StoreDirError';
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return fsp.stat(dir).then((s) => s.isDirectory(), () => false);
}

/** Make one level; true when it exists as a directory now, false when its parent is missing. */
async function makeOne(dir: string, mode: number): Promise<boolean> {
  try {
    await fsp.mkdir(dir, { mode });
    return true;
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'EEXIST') {
      if (await isDirectory(dir)) return true;
      throw new StoreDirError(dir, 'not-a-directory', 'ENOTDIR');
    }
    if (code === 'ENOENT') return false;
    throw err;
  }
}

export async function makeDirectory(dir: string, mode = 0o700): Promise<void> {
  if (await makeOne(dir, mode)) return;
  const parent = dirname(dir);
  if (parent === dir) throw new StoreDirError(dir, 'refused', 'ENOENT');
  await makeDirectory(parent, mode);
  // The parent exists now: a second ENOENT means the file system itself says no (/proc, /sys).
  if (!(await makeOne(dir, mode))) throw new StoreDirError(dir, 'refused', 'ENOENT');
}
