import { spawn } from 'node:child_process';
import { PORTS_COMMAND_TIMEOUT_MS, PORTS_MAX_OUTPUT } from '../limits.js';

/**
 * The only module that imports child_process. Runs one external tool (lsof, ss, netstat)
 * without a shell, so no argument is ever interpreted, and never waits past its timeout:
 * on expiry the child is killed and the promise settles at once, even if a grandchild still
 * holds the pipes. Every way of not getting output is a typed result, never a throw.
 */
export type RunResult =
  | { kind: 'exited'; code: number; stdout: string; stderr: string }
  | { kind: 'missing'; command: string }
  | { kind: 'denied'; command: string; detail: string }
  | { kind: 'timeout'; command: string; ms: number }
  | { kind: 'failed'; command: string; detail: string };

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export type Runner = (command: string, args: readonly string[], opts?: RunOptions) => Promise<RunResult>;

/** The tools' messages and column headers in English, whatever the user's locale. */
function toolEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, LC_ALL: 'C', LANG: 'C' };
}

function spawnError(command: string, err: NodeJS.ErrnoException): RunResult {
  if (err.code === 'ENOENT') return { kind: 'missing', command };
  if (err.code === 'EACCES' || err.code === 'EPERM') return { kind: 'denied', command, detail: err.message };
  return { kind: 'failed', command, detail: err.message };
}

export const runCommand: Runner = (command, args, opts = {}) => {
  const ms = opts.timeoutMs ?? PORTS_COMMAND_TIMEOUT_MS;
  return new Promise<RunResult>((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(command, [...args], { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'], env: toolEnv(opts.env ?? process.env) });
    const stop = (result: RunResult) => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      finish(result);
    };
    const timer = setTimeout(() => stop({ kind: 'timeout', command, ms }), ms);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > PORTS_MAX_OUTPUT) stop({ kind: 'failed', command, detail: `more than ${PORTS_MAX_OUTPUT} bytes of output` });
      else into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => finish(spawnError(command, e)));
    child.on('close', (code, signal) => {
      if (code === null) finish({ kind: 'failed', command, detail: `killed by ${signal ?? 'a signal'}` });
      else finish({ kind: 'exited', code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
};
