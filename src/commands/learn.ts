import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runLearn(_lesson: string | undefined, _opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('learn is not built yet');
}
