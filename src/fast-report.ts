import { ExitError, errorMessage } from './errors.js';

/**
 * How the fast entry points (fast-main.ts, mail-list-main.ts, ports-json.ts) report a command's
 * error: as cli.ts main does, `l7lab: <message>` and exit 1 or 2 (set, not called: output still drains).
 */
export function reportFailure(err: unknown): void {
  if (err instanceof ExitError) {
    if (err.message) process.stderr.write(`l7lab: ${err.message}\n`);
    process.exitCode = err.exitCode;
    return;
  }
  process.stderr.write(`l7lab: unexpected error: ${errorMessage(err)}\n`);
  if (process.env.L7LAB_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}

/**
 * Runs a command as the fast entry points do: a reader that closes the pipe early
 * (`l7lab ports | head`) is its choice, not an error, and a failure is reported as above.
 * Nothing else is pending once the output is written, so the process then ends by itself
 * (cli.ts alone calls process.exit).
 */
export async function runReported(run: () => Promise<void>): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  try {
    await run();
  } catch (err) {
    reportFailure(err);
  }
}
