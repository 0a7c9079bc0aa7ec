import { ExitError, errorMessage } from './errors.js';
import { parsePortsArgv } from './commands/ports-argv.js';

/**
 * The entry point bin/l7lab.js takes for `l7lab ports ...` before cli.ts: when the flags are
 * plainly well formed (commands/ports-argv.ts) it runs the command without commander,
 * reporting errors as cli.ts main does (`l7lab: <message>`, exit 1 or 2); otherwise it
 * returns false and cli.ts runs as for every other command.
 */
export async function runPortsFast(args: readonly string[]): Promise<boolean> {
  const opts = parsePortsArgv(args);
  if (opts === null) return false;
  // `l7lab ports --json | head` closes the pipe early: that is the reader's choice, not an error.
  // Nothing else is pending once the report is written, so the process then ends by itself
  // (cli.ts alone calls process.exit).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  try {
    const { runPorts } = await import('./commands/ports.js');
    await runPorts(opts);
  } catch (err) {
    if (err instanceof ExitError) {
      if (err.message) process.stderr.write(`l7lab: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return true;
    }
    process.stderr.write(`l7lab: unexpected error: ${errorMessage(err)}\n`);
    if (process.env.L7LAB_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
  return true;
}
