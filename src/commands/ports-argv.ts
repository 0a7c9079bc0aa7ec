import type { Options } from './options.js';

/**
 * `l7lab ports` without commander: the ports flags read by hand when they are plainly
 * well formed, so `ports --json` (for scripts, run often) starts without loading
 * commander and the whole program (cli.ts). Anything else — help, an unknown or repeated
 * flag, a bad backend or port, a missing value, an argument — returns null and goes
 * through commander as before, which says what is wrong in its own words. What this
 * accepts, commander parses to the same options (test/unit/ports/ports-argv.test.ts).
 */
const BACKENDS = ['auto', 'lsof', 'ss', 'netstat', 'proc'];
const FLAGS: Readonly<Record<string, string>> = { '--udp': 'udp', '--json': 'json', '--explain': 'explain' };
const VALUED = new Set(['--backend', '--port', '--lang']);

/** The same rule as cli.ts parsePort: digits, 0 to 65535. */
function portOf(value: string): number | null {
  return /^\d+$/.test(value) && Number(value) <= 65535 ? Number(value) : null;
}

function valueOf(name: string, value: string): unknown {
  if (name === '--backend') return BACKENDS.includes(value) ? value : null;
  if (name === '--port') return portOf(value);
  return value;
}

/** The options commander would hand runPorts, or null when commander must read the line. */
export function parsePortsArgv(args: readonly string[]): Options | null {
  const opts: Options = { backend: 'auto' };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (seen.has(name)) return null;
    seen.add(name);
    const flag = FLAGS[name];
    if (flag !== undefined && eq < 0) {
      opts[flag] = true;
      continue;
    }
    if (!VALUED.has(name)) return null;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    const parsed = valueOf(name, value);
    if (parsed === null) return null;
    opts[name.slice(2)] = parsed;
  }
  return opts;
}
