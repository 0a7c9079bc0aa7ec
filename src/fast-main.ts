import { reportFailure } from './fast-report.js';
import { parseMailListArgv } from './commands/mail-list-argv.js';
import type { Options } from './commands/options.js';
import { parsePortsArgv } from './commands/ports-argv.js';

/**
 * The entry point bin/l7lab.js takes before cli.ts for the commands run often that must start
 * fast (issue 19): `l7lab ports ...` and `l7lab mail list ...`. When the flags are plainly well
 * formed (commands/fast-argv.ts) it runs the command without commander, reporting errors as
 * cli.ts main does (`l7lab: <message>`, exit 1 or 2); otherwise it returns false and cli.ts
 * runs as for every other command. Each command's module loads only when its line is run.
 */
type Run = (opts: Options) => Promise<void>;

interface FastCommand {
  /** The words that name it: `ports`, `mail list`. */
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
  {
    words: ['mail', 'list'],
    parse: parseMailListArgv,
    run: async () => (await import('./commands/mail-list.js')).runMailList,
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
  // `l7lab ports --json | head` closes the pipe early: that is the reader's choice, not an error.
  // Nothing else is pending once the output is written, so the process then ends by itself
  // (cli.ts alone calls process.exit).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  try {
    await (await command.run())(opts);
  } catch (err) {
    reportFailure(err);
  }
  return true;
}
