/**
 * Typed exit errors. Only the entry point (cli.ts) calls process.exit; everything
 * else throws one of these and the entry point prints `message` as one line.
 * Exit codes: 1 = the job failed, 2 = the command line was wrong (usage).
 */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

export class UsageError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
