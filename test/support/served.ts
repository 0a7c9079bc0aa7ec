import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, SERVE_ANY_PORTS } from './bin.js';

/** serve's stdout lines as they come; `until` resolves with them all once one matches (bounded). */
export interface Served {
  lines: string[];
  until(match: (line: string) => boolean): Promise<string[]>;
}

/**
 * `l7lab serve --memory` (or on the `--store` in `args`) on ephemeral ports plus `args`, from the built bin, tracked in
 * `children` (scratch() kills what is left after each test).
 */
export function serveBin(args: string[], env: NodeJS.ProcessEnv, children: ChildProcess[], timeoutMs = 15_000): Served {
  // `--store <dir>` in args replaces --memory (serve takes one or the other).
  const storage = args.includes('--store') ? [] : ['--memory'];
  const child = spawn(process.execPath, [BIN, 'serve', ...storage, ...SERVE_ANY_PORTS, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.splice(0)) w();
  });
  return {
    lines,
    until(match) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`serve never printed the line awaited: ${lines.join('\n')}`)), timeoutMs);
        const check = () => (lines.some(match) ? (clearTimeout(t), resolve(lines)) : waiters.push(check));
        check();
      });
    },
  };
}
