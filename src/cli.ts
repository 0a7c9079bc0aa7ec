import { CommanderError, type Command } from 'commander';
import { nearest } from './edit-distance.js';
import { usageLang, usageMessage } from './usage-ja.js';
import { ExitError, errorMessage } from './errors.js';
import { buildProgram } from './program.js';

/**
 * The entry point of every command line that bin/l7lab.js does not answer itself: parses it
 * with the commander program (program.ts) and turns what goes wrong into one line and an exit
 * code (1 failure, 2 usage). This is the only place that calls process.exit.
 */

/** The root has an action (the menu), so commander would call a typo "too many arguments". */
function unknownCommand(program: Command, argv: string[]): string | null {
  const first = argv[2];
  if (first === undefined || first.startsWith('-')) return null;
  // `help` is commander's implicit help command: it is not in program.commands.
  const names = [...program.commands.flatMap((c) => [c.name(), ...c.aliases()]), 'help'];
  if (names.includes(first)) return null;
  const best = nearest(first, names);
  const hint = best ? ` (did you mean ${best}?)` : '';
  return `unknown command '${first}'${hint}`;
}

/** Commander's usage errors become one line and exit code 2; its "(Did you mean" is l7lab's "(did you mean". */
function usageLine(err: CommanderError): string {
  return err.message.replace(/^error: /, '').replace(/\n+/g, ' ').replace('(Did you mean', '(did you mean').trim();
}

/** Usage errors name the help of the command that raised them: `see l7lab mail show --help`. */
interface Tagged {
  helpFor?: string;
}

function quietUsage(cmd: Command, path: string): void {
  cmd.exitOverride((err) => {
    (err as Tagged).helpFor ??= path;
    throw err;
  });
  cmd.configureOutput({ outputError: () => undefined });
  for (const sub of cmd.commands) quietUsage(sub, `${path} ${sub.name()}`);
}

/** The help to point at when the error did not pass a command's exitOverride (thrown in an action). */
function helpFromArgv(program: Command, argv: string[]): string {
  const cmd = program.commands.find((c) => c.name() === argv[2]);
  const sub = cmd?.commands.find((c) => c.name() === argv[3]);
  return ['l7lab', cmd?.name(), sub?.name()].filter((w) => w !== undefined).join(' ');
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  quietUsage(program, 'l7lab');
  const unknown = unknownCommand(program, argv);
  if (unknown) {
    process.stderr.write(`l7lab: ${usageMessage(unknown, 'l7lab', usageLang(argv))}\n`);
    return 2;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.exitCode === 0) return 0;
      const help = (err as Tagged).helpFor ?? helpFromArgv(program, argv);
      process.stderr.write(`l7lab: ${usageMessage(usageLine(err), help, usageLang(argv))}\n`);
      return 2;
    }
    if (err instanceof ExitError) {
      if (err.message) process.stderr.write(`l7lab: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof Error && err.name === 'PromptCancelled') return 130;
    process.stderr.write(`l7lab: unexpected error: ${errorMessage(err)}\n`);
    if (process.env.L7LAB_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

// `l7lab ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const code = await main(process.argv);
// Let stdout drain before exiting (piped output must not be cut short).
if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
