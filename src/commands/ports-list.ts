import { ExitError, UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { langOption } from './options.js';
import { BACKEND_NAMES, type BackendName, type ListeningSocket } from '../ports/types.js';
import { defaultDeps, isPartial, probe, type Attempt, type ProbeDeps, type ProbeResult } from '../ports/prober.js';
import { buildReport } from '../ports/report.js';
import { lookupService } from '../ports/services.js';

/**
 * What `l7lab ports` finds, before it is printed: its options, the sockets (listFor) and the
 * `--json` answer. Kept apart from the table (ports.ts, with chalk, cli-table3 and wrapping)
 * so `ports --json` runs from a small CommonJS bundle of this alone (ports-json.ts).
 */
export interface PortsOptions {
  backend: BackendName | 'auto';
  udp: boolean;
  port: number | null;
  json: boolean;
  explain: boolean;
  lang: Lang;
}

export function parsePortsOptions(opts: Record<string, unknown>): PortsOptions {
  const backend = opts.backend === undefined ? 'auto' : String(opts.backend);
  if (backend !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw new UsageError(`ports: unknown backend "${backend}": use auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const lang = langOption(opts, process.env, 'ports: ');
  const port = typeof opts.port === 'number' ? opts.port : null;
  return { backend: backend as PortsOptions['backend'], udp: opts.udp === true, port, json: opts.json === true, explain: opts.explain === true, lang };
}

export function failureLine(attempts: readonly Attempt[], named: boolean): string {
  if (named) return `ports: ${attempts.map((a) => a.detail).join('; ')} (try --backend auto)`;
  const why = attempts.map((a) => `${a.backend}: ${a.detail}`).join('; ');
  return `ports: no backend could list the sockets (${why}); install iproute2 (ss) or lsof`;
}

/**
 * TCP first, as `lsof -i | grep LISTEN` does. `--port 53` without `--udp` found nothing over TCP
 * while 53/udp (DNS, RFC 1035 4.2.1) listens: then UDP is asked for that port too, so the answer
 * is not a false "nothing listens". A port whose well-known service speaks UDP (DNS on 53 and
 * 2053: UDP first, TCP for large answers) gets its UDP sockets shown beside the TCP ones.
 */
export async function listFor(opts: PortsOptions, deps: ProbeDeps): Promise<{ result: Extract<ProbeResult, { ok: true }>; sockets: ListeningSocket[]; udpFallback: boolean }> {
  // The table shows "(IPv4+IPv6)" for a dual-stack wildcard; JSON has no such field (prober.ts).
  const result = await probe({ backend: opts.backend, udp: opts.udp, dualStack: !opts.json }, deps);
  if (!result.ok) throw new ExitError(failureLine(result.attempts, opts.backend !== 'auto'));
  if (opts.port === null) return { result, sockets: result.sockets, udpFallback: false };
  const port = opts.port;
  const sockets = result.sockets.filter((s) => s.port === port);
  const speaksUdp = lookupService(port, 'udp') !== null;
  if ((sockets.length > 0 && !speaksUdp) || opts.udp) return { result, sockets, udpFallback: false };
  const withUdp = await probe({ backend: opts.backend, udp: true, dualStack: !opts.json }, deps);
  if (!withUdp.ok) return { result, sockets, udpFallback: false };
  const udp = withUdp.sockets.filter((s) => s.port === port && s.protocol === 'udp');
  if (sockets.length > 0) return { result: withUdp, sockets: withUdp.sockets.filter((s) => s.port === port), udpFallback: false };
  return udp.length > 0 ? { result: withUdp, sockets: udp, udpFallback: true } : { result, sockets, udpFallback: false };
}

/** The `--json` answer (issue 2's shape, ports/report.ts). */
export async function portsJson(opts: PortsOptions, deps: ProbeDeps = defaultDeps()): Promise<string> {
  const { result, sockets } = await listFor(opts, deps);
  // Partial about what is shown: `--port 2525 --json` is definitive when that port's owner is known.
  const report = buildReport(result.backend, isPartial(result.root, sockets), sockets, opts.lang);
  return `${JSON.stringify(report, null, 2)}\n`;
}
