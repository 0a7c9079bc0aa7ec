import { asGiven, parseFastArgv } from './fast-argv.js';
import type { Options } from './options.js';

/**
 * `l7lab mail list` without commander (fast-argv.ts): issue 19 holds it to 3x `node -e 0`, and
 * commander with the whole program (cli.ts) was about 30 ms of CPU of that. What this accepts,
 * commander parses to the same options (test/unit/commands/mail-list-argv.test.ts).
 */
const SPEC = {
  flags: { '--json': 'json' },
  valued: { '--store': asGiven, '--lang': asGiven },
};

/** The options commander would hand runMailList, or null when commander must read the line. */
export function parseMailListArgv(args: readonly string[]): Options | null {
  return parseFastArgv(args, SPEC);
}
