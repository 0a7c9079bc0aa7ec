import { ExitError, errorMessage } from './errors.js';

/**
 * How the fast entry points (fast-main.ts, ports-json.ts) report a command's error: as cli.ts
 * main does, `l7lab: <message>` and exit 1 or 2 (set, not called: output still drains).
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
