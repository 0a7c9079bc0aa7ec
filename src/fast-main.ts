import { runReported } from './fast-report.js';
import { parsePortsArgv } from './commands/ports-argv.js';

/**
 * The entry point bin/l7lab.js takes before cli.ts for `l7lab ports ...` with its table (issue 19:
 * commands run often start fast; `ports --json` has a CommonJS bundle of its own, ports-json.ts,
 * as `mail list` has, mail-list-main.ts). When the flags are plainly well formed
 * (commands/fast-argv.ts) it runs the command without commander, reporting errors as cli.ts
 * does (`l7lab: <message>`, exit 1 or 2); otherwise it returns false and cli.ts runs as for
 * every other command. The command's module loads only when its line is run.
 */
export async function runFast(argv: readonly string[]): Promise<boolean> {
  if (argv[0] !== 'ports') return false;
  const opts = parsePortsArgv(argv.slice(1));
  if (opts === null) return false;
  await runReported(async () => (await import('./commands/ports.js')).runPorts(opts));
  return true;
}
