import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { scratch } from '../../support/scratch.js';

/**
 * A scratch home for tests that run lessons on the real lab: XDG data (the tls lesson makes
 * the lab certificate there on first use) and state point into it, and are restored after.
 */
export function scratchHome(prefix: string): { dir: () => string } {
  const suite = scratch(prefix);
  let home = '';
  const saved = { ...process.env };
  beforeAll(() => {
    home = suite.suiteDir();
    process.env.XDG_DATA_HOME = join(home, 'data');
    process.env.XDG_STATE_HOME = join(home, 'state');
  });
  afterAll(() => {
    process.env = saved;
  });
  return { dir: () => home };
}
