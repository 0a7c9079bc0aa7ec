import { probe, type ProbeDeps, defaultDeps } from './prober.js';
import type { ListeningSocket, Transport } from './types.js';

/**
 * Who listens on a port: for `l7lab serve` to say "port 2525 is taken by node (pid 4242)"
 * instead of a bare EADDRINUSE. Best effort: when no backend can answer it returns [],
 * so the caller's own error message still stands.
 */
export async function findListeners(port: number, protocol: Transport = 'tcp', deps: ProbeDeps = defaultDeps()): Promise<ListeningSocket[]> {
  const result = await probe({ backend: 'auto', udp: protocol === 'udp' }, deps);
  if (!result.ok) return [];
  return result.sockets.filter((s) => s.port === port && s.protocol === protocol);
}
