import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A scratch home for tests that run lessons on the real lab: XDG data (the tls lesson makes
 * the lab certificate there on first use) and state point into it, and are restored after.
 */
export function scratchHome(prefix: string): { dir: () => string } {
  let home = '';
  const saved = { ...process.env };
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), prefix));
    process.env.XDG_DATA_HOME = join(home, 'data');
    process.env.XDG_STATE_HOME = join(home, 'state');
  });
  afterAll(async () => {
    process.env = saved;
    await rm(home, { recursive: true, force: true });
  });
  return { dir: () => home };
}
