import { runReported } from './fast-report.js';
import type { Options } from './commands/options.js';
import { parsePortsArgv } from './commands/ports-argv.js';

/**
 * The entry point bin/l7lab.js takes before cli.ts for the commands run often that must start
 * fast (issue 19): `l7lab ports ...` (`mail list` has a CommonJS bundle of its own,
 * mail-list-main.ts, as `ports --json` has: ports-json.ts). When the flags are plainly well
 * formed (commands/fast-argv.ts) it runs the command without commander, reporting errors as
 * cli.ts main does (`l7lab: <message>`, exit 1 or 2); otherwise it returns false and cli.ts
 * runs as for every other command. Each command's module loads only when its line is run.
 */
type Run = (opts: Options) => Promise<void>;

interface FastCommand {
  /** The words that name it: `ports`. */
  words: readonly string[];
  /** The options commander would hand the command, or null (fast-argv.ts). */
  parse: (args: readonly string[]) => Options | null;
  run: () => Promise<Run>;
}

const COMMANDS: readonly FastCommand[] = [
  {
    words: ['ports'],
    parse: parsePortsArgv,
    run: async () => (await import('./commands/ports.js')).runPorts,
  },
];

/** The command `argv` (after node and the script) names, if it is one of COMMANDS. */
export function fastCommandOf(argv: readonly string[]): FastCommand | null {
  return COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w)) ?? null;
}

/** True when the command ran here (whatever its outcome); false: cli.ts must read the line. */
export async function runFast(argv: readonly string[]): Promise<boolean> {
  const command = fastCommandOf(argv);
  if (!command) return false;
  const opts = command.parse(argv.slice(command.words.length));
  if (opts === null) return false;
  await runReported(async () => (await command.run())(opts));
  return true;
}
