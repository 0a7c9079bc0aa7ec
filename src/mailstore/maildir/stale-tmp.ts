import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { MAILDIR_TMP_STALE_MS } from '../../limits.js';
import { errnoOf } from './io.js';
import { writerOfBase } from './layout.js';
import { processGone } from './lock-file.js';

/**
 * Partial deliveries left in a Maildir's tmp/ by a process that died (SIGKILL in the middle
 * of a large message): nothing else ever removes them. The Maildir rule
 * (https://cr.yp.to/proto/maildir.html): a tmp/ file not accessed for 36 hours may go. A file
 * whose name says it was written on this host by a pid that no longer runs goes at once, since
 * no one will ever finish it; this process's own files and names of another shape wait the 36 hours.
 */
export function staleTmp(name: string, accessedMs: number, nowMs: number): boolean {
  if (nowMs - accessedMs > MAILDIR_TMP_STALE_MS) return true;
  const writer = writerOfBase(name);
  return writer !== null && writer.ownHost && processGone(writer.pid);
}

/** Remove the stale files of one tmp/ directory; returns how many went. A missing tmp/ is empty. */
export async function cleanStaleTmp(tmpDir: string, nowMs: number = Date.now()): Promise<number> {
  const names = await fsp.readdir(tmpDir).catch((err: unknown) => {
    if (errnoOf(err) === 'ENOENT') return [] as string[];
    throw err;
  });
  let removed = 0;
  for (const name of names) {
    const path = join(tmpDir, name);
    const st = await fsp.stat(path).catch(() => null);
    if (!st?.isFile() || !staleTmp(name, Math.max(st.atimeMs, st.mtimeMs), nowMs)) continue;
    await fsp.unlink(path).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}
