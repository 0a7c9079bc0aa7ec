import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runServe(_opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('serve is not built yet');
}
