import { ExitError } from '../errors.js';
export async function runPorts(_opts: Record<string, unknown>): Promise<void> {
  throw new ExitError('ports: not built yet');
}
