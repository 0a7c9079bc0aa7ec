import { collect, type BackendEnv, type FailureReason } from './backends.js';
import type { Runner } from './exec.js';
import { mergeSockets } from './merge.js';
import { nodeProcFs, processUser, userTable, type ProcFs } from './proc-reader.js';
import type { BackendName, ListeningSocket } from './types.js';

/**
 * Picks where to read listening sockets from. `auto` tries the platform's backends best
 * first and falls back when one is missing, fails, times out or is not permitted; a named
 * backend is tried alone. On Linux /proc comes first (no child process: the same socket
 * tables ss reads, and the same /proc/<pid>/fd links ss -p scans to name the owners, so it
 * names exactly the processes ss would, as root or as their user), then ss, then lsof (as a
 * non-root user it hides other users' sockets entirely), then the deprecated net-tools netstat.
 * Only ss can tell whether an IPv6 wildcard socket also takes IPv4 (`*:22`, IPV6_V6ONLY off,
 * RFC 3493 5.3): a caller that shows it (the `ports` table) asks for `dualStack` and gets ss first.
 */
export interface Attempt {
  backend: BackendName;
  reason: FailureReason;
  detail: string;
}

export type ProbeResult =
  | {
      ok: true;
      backend: BackendName;
      /** The command(s) or files read, for the footer. */
      source: string;
      sockets: ListeningSocket[];
      /** Some sockets or their processes may be missing (not root, or a row without pid). */
      partial: boolean;
      /** null where "root" has no meaning (Windows). */
      root: boolean | null;
      /** Backends tried before this one, and why they were passed over. */
      skipped: Attempt[];
    }
  | { ok: false; attempts: Attempt[] };

export interface ProbeOptions {
  backend?: BackendName | 'auto';
  udp?: boolean;
  /** The caller shows whether an IPv6 wildcard also takes IPv4: ss, which can tell, goes before /proc. */
  dualStack?: boolean;
}

export interface ProbeDeps {
  platform: NodeJS.Platform;
  run: Runner;
  fs: ProcFs;
  euid: number | null;
}

/**
 * exec.ts (and with it node:child_process, with net and stream behind it) loads only when a
 * tool is run: when /proc answers, `ports --json` never pays for it.
 */
const lazyRun: Runner = async (command, args, opts) => (await import('./exec.js')).runCommand(command, args, opts);

export function defaultDeps(): ProbeDeps {
  return { platform: process.platform, run: lazyRun, fs: nodeProcFs, euid: process.geteuid ? process.geteuid() : null };
}

export function autoOrder(platform: NodeJS.Platform, dualStack = false): BackendName[] {
  if (platform === 'linux') return dualStack ? ['ss', 'proc', 'lsof', 'netstat'] : ['proc', 'ss', 'lsof', 'netstat'];
  if (platform === 'darwin') return ['lsof', 'netstat'];
  if (platform === 'win32') return ['netstat'];
  return ['lsof'];
}

/** The answer may miss sockets or owners: not root (others' processes hidden), or a row without pid. */
export function isPartial(root: boolean | null, sockets: readonly ListeningSocket[]): boolean {
  return root === false || sockets.some((s) => s.pid === null);
}

/** ss and netstat name no user; on Linux the owner of /proc/<pid> does. */
function fillUsers(sockets: ListeningSocket[], deps: ProbeDeps): ListeningSocket[] {
  if (deps.platform !== 'linux' || !sockets.some((s) => s.pid !== null && s.user === null)) return sockets;
  const users = userTable(deps.fs);
  return sockets.map((s) => (s.pid !== null && s.user === null ? { ...s, user: processUser(deps.fs, s.pid, users) } : s));
}

export async function probe(opts: ProbeOptions = {}, deps: ProbeDeps = defaultDeps()): Promise<ProbeResult> {
  const order = !opts.backend || opts.backend === 'auto' ? autoOrder(deps.platform, opts.dualStack ?? false) : [opts.backend];
  const env: BackendEnv = { platform: deps.platform, udp: opts.udp ?? false, run: deps.run, fs: deps.fs };
  const attempts: Attempt[] = [];
  for (const backend of order) {
    const got = await collect(backend, env);
    if (!got.ok) {
      attempts.push({ backend, reason: got.reason, detail: got.detail });
      continue;
    }
    const sockets = mergeSockets(fillUsers(got.sockets, deps));
    const root = deps.platform === 'win32' || deps.euid === null ? null : deps.euid === 0;
    return { ok: true, backend, source: got.source, sockets, partial: isPartial(root, sockets), root, skipped: attempts };
  }
  return { ok: false, attempts };
}
