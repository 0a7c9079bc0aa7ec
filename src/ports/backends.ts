import type { RunResult, Runner } from './exec.js';
import { readProcSockets, type ProcFs } from './proc-reader.js';
import type { BackendName, ListeningSocket } from './types.js';

/**
 * The thin runners: which command each backend runs on which platform, and how its exit
 * status is read. Never a shell, always numeric output (-n/-P: no DNS, no service names).
 * Each tool's parser loads when that tool runs: when /proc answers, none of them is loaded.
 */
export type FailureReason = 'missing' | 'denied' | 'timeout' | 'failed' | 'unsupported';
export type Failure = { ok: false; reason: FailureReason; detail: string };
export type Collected = { ok: true; sockets: ListeningSocket[]; source: string } | Failure;

export interface BackendEnv {
  platform: NodeJS.Platform;
  udp: boolean;
  run: Runner;
  fs: ProcFs;
}

export interface ToolCommand {
  args: string[];
  parse: (stdout: string) => ListeningSocket[];
  /** lsof exits 1 when it found nothing to list; that is an empty answer, not a failure. */
  emptyExit?: number;
}

const PERMISSION = /permission denied|not permitted/i;

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim())?.trim() ?? '';
}

/** One tool run read as sockets or as a typed failure. */
export function interpret(result: RunResult, command: ToolCommand): { ok: true; sockets: ListeningSocket[] } | Failure {
  switch (result.kind) {
    case 'missing':
      return { ok: false, reason: 'missing', detail: `${result.command} is not installed` };
    case 'denied':
      return { ok: false, reason: 'denied', detail: `${result.command}: ${result.detail}` };
    case 'timeout':
      return { ok: false, reason: 'timeout', detail: `${result.command} did not answer within ${result.ms} ms` };
    case 'failed':
      return { ok: false, reason: 'failed', detail: `${result.command}: ${result.detail}` };
    case 'exited': {
      const empty = result.code === command.emptyExit && !result.stdout.trim() && !result.stderr.trim();
      if (result.code === 0 || empty) return { ok: true, sockets: command.parse(result.stdout) };
      const why = firstLine(result.stderr) || `exit code ${result.code}`;
      return { ok: false, reason: PERMISSION.test(why) ? 'denied' : 'failed', detail: why };
    }
  }
}

async function commandsFor(name: Exclude<BackendName, 'proc'>, platform: NodeJS.Platform, udp: boolean): Promise<ToolCommand[] | null> {
  if (name === 'lsof') {
    if (platform === 'win32') return null;
    const { parseLsof } = await import('./lsof.js');
    const tcp: ToolCommand = { args: ['+c', '0', '-nP', '-w', '-iTCP', '-sTCP:LISTEN'], parse: parseLsof, emptyExit: 1 };
    // With -sTCP:LISTEN lsof drops UDP from the same run, so UDP is a second run.
    return udp ? [tcp, { args: ['+c', '0', '-nP', '-w', '-iUDP'], parse: parseLsof, emptyExit: 1 }] : [tcp];
  }
  if (name === 'ss') {
    if (platform !== 'linux') return null;
    const { parseSs } = await import('./ss.js');
    return [{ args: ['-H', udp ? '-ltnup' : '-ltnp'], parse: (t) => parseSs(t, 'tcp') }];
  }
  if (platform === 'linux') {
    const { parseNetstatLinux } = await import('./netstat-linux.js');
    return [{ args: ['-W', udp ? '-ltnup' : '-ltnp'], parse: parseNetstatLinux }];
  }
  if (platform === 'darwin') {
    const { parseNetstatMacos } = await import('./netstat-macos.js');
    const tcp: ToolCommand = { args: ['-anv', '-p', 'tcp'], parse: parseNetstatMacos };
    return udp ? [tcp, { args: ['-anv', '-p', 'udp'], parse: parseNetstatMacos }] : [tcp];
  }
  if (platform === 'win32') {
    const { parseNetstatWindows } = await import('./netstat-windows.js');
    return [{ args: ['-ano'], parse: (t) => parseNetstatWindows(t).filter((s) => udp || s.protocol === 'tcp') }];
  }
  return null;
}

async function runTool(name: Exclude<BackendName, 'proc'>, env: BackendEnv): Promise<Collected> {
  const commands = await commandsFor(name, env.platform, env.udp);
  if (!commands) return { ok: false, reason: 'unsupported', detail: `the ${name} backend does not support ${env.platform}` };
  const results = await Promise.all(commands.map(async (c) => interpret(await env.run(name, c.args), c)));
  const failed = results.find((r) => !r.ok);
  if (failed) return failed;
  return {
    ok: true,
    sockets: results.flatMap((r) => (r.ok ? r.sockets : [])),
    source: commands.map((c) => `${name} ${c.args.join(' ')}`).join(' + '),
  };
}

function runProc(env: BackendEnv): Collected {
  if (env.platform !== 'linux') return { ok: false, reason: 'unsupported', detail: `/proc/net exists on Linux only, not on ${env.platform}` };
  const r = readProcSockets(env.fs, { udp: env.udp });
  if (!r.ok) return { ok: false, reason: r.code === 'missing' ? 'missing' : r.code, detail: r.detail };
  return { ok: true, sockets: r.sockets, source: `/proc/net/{${env.udp ? 'tcp,tcp6,udp,udp6' : 'tcp,tcp6'}} + /proc/<pid>/fd` };
}

export async function collect(name: BackendName, env: BackendEnv): Promise<Collected> {
  return name === 'proc' ? runProc(env) : runTool(name, env);
}
