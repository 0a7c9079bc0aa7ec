// A load generator (wrk, dnsperf) run for a fixed time: its stdout and stderr together, parsed
// by the caller's function; killed if it runs 20 s past its own limit, so a bench never hangs.
import { spawn } from 'node:child_process';

/** Run `command args` for about `seconds`; resolves with parse(output), rejects on a non-zero exit or a parse error. */
export function runLoadTool(command, args, seconds, parse) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${command} ${signal ?? `exit ${code}`}: ${out.trim().split('\n').slice(-3).join(' | ').slice(0, 200)}`));
      try {
        resolve(parse(out));
      } catch (err) {
        reject(err);
      }
    });
  });
}
