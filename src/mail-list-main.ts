import { parseMailListArgv } from './commands/mail-list-argv.js';
import { runMailList } from './commands/mail-list.js';
import { runReported } from './fast-report.js';

/**
 * `l7lab mail list`, as bin/l7lab.js runs it: from a CommonJS bundle of this module and what it
 * imports (scripts/bundle.mjs), without Node's ES module loader or commander. Issue 19 holds
 * the list of 1,000 messages to 3x `node -e 0`; starting the ES module loader and reading the
 * ~20 chunks of the list through it (each one more trip through the thread pool) was about
 * 25 ms of that. `args` follow `mail list`; when they are not plainly well formed
 * (commands/fast-argv.ts) this returns false and bin/l7lab.js runs cli.ts.
 */
export async function runMailListFast(args: readonly string[]): Promise<boolean> {
  const opts = parseMailListArgv(args);
  if (opts === null) return false;
  await runReported(() => runMailList(opts));
  return true;
}
