import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI (`npm run build` first): tests that run it as a process share this path. */
export const BIN = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));

/** `serve` on ephemeral ports: every port it can open (plain, implicit TLS, submission; mail, web and DNS) on port 0. */
export const SERVE_ANY_PORTS: readonly string[] = ['--smtp-port', '--pop3-port', '--imap-port', '--http-port', '--smtps-port', '--pop3s-port', '--imaps-port', '--https-port', '--submission-port', '--dns-port'].flatMap((f) => [f, '0']);

/** What a finished bin run printed and how it exited (-1 when killed or not started). */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin with `env` over this process's environment; killed after `timeoutMs` so a hang fails the test. */
export function runBin(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Runs the bin with HOME and its state under `home`, no colour and the C locale; bounded, so a
 * lesson that hangs is killed and fails the test instead of blocking CI.
 */
export function runBinIn(home: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Run> {
  return runBin(args, { HOME: home, XDG_STATE_HOME: join(home, 'state'), NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...extraEnv }, timeoutMs);
}
