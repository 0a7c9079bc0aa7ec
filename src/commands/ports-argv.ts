import { asGiven, parseFastArgv } from './fast-argv.js';
import type { Options } from './options.js';

/**
 * `l7lab ports` without commander (fast-argv.ts): `ports --json` is for scripts, run often.
 * What this accepts, commander parses to the same options (test/unit/ports/ports-argv.test.ts).
 */
const BACKENDS = ['auto', 'lsof', 'ss', 'netstat', 'proc'];

/** The same rule as program.ts parsePort: digits, 0 to 65535. */
function portOf(value: string): number | null {
  return /^\d+$/.test(value) && Number(value) <= 65535 ? Number(value) : null;
}

const SPEC = {
  flags: { '--udp': 'udp', '--json': 'json', '--explain': 'explain' },
  valued: { '--backend': (v: string) => (BACKENDS.includes(v) ? v : null), '--port': portOf, '--lang': asGiven },
  defaults: { backend: 'auto' },
};

/** The options commander would hand runPorts, or null when commander must read the line. */
export function parsePortsArgv(args: readonly string[]): Options | null {
  return parseFastArgv(args, SPEC);
}
