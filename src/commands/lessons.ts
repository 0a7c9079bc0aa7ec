import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runLessons(_opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('lessons is not built yet');
}
