import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runPractice(_protocol: string, _opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('practice is not built yet');
}
