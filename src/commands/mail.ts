import { ExitError } from '../errors.js';

// Placeholder until its issue lands: the command exists in --help but says it is not built.
export async function runMailList(_opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('mail is not built yet');
}
export async function runMailShow(_id: string, _opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('mail is not built yet');
}
export async function runMailClear(_opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('mail is not built yet');
}
