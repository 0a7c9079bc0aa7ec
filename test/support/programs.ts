import { execFile } from 'node:child_process';
import type { Run } from './bin.js';

/**
 * A real client run as a process (curl, python3): never rejects, killed after `timeoutMs` so a
 * hang fails the test; a failure without an exit status (killed, not found) counts as 1.
 */
export function runProgram(cmd: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** `python3 -c code args...`, bounded to 20 s. */
export function python(code: string, args: Array<string | number>): Promise<Run> {
  return runProgram('python3', ['-c', code, ...args.map(String)], 20_000);
}
