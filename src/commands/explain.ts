import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runExplain(_protocol: string, _term: string, _opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('explain is not built yet');
}
