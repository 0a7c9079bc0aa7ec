import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './bin.js';

/**
 * A real terminal for CLI tests: a private tmux server (its own socket), one window of a
 * chosen size running the built bin, keys typed into it, and the screen read back. Every wait
 * polls for a bounded time and fails with the screen. `close()` kills the private server.
 */
export class Terminal {
  private readonly socket = `l7lab-term-${process.pid}-${Date.now()}`;

  constructor(private readonly home: string) {
    const conf = join(home, 'tmux.conf');
    writeFileSync(conf, 'set -g history-limit 50000\n');
    // A session of its own keeps the private server (and its history limit) alive between runs.
    this.tmux('-f', conf, 'new-session', '-d', '-s', 'keep', 'sleep 600');
  }

  private tmux(...args: string[]): string {
    // stderr is kept in the error, not printed: `kill-session` before the first run fails by design.
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Run `l7lab <args>` in a fresh window of `cols` x `rows`, colours off, the given locale. */
  start(args: string, cols: number, rows: number, env: Record<string, string> = {}): void {
    const vars = { HOME: this.home, XDG_STATE_HOME: join(this.home, 'state'), NO_COLOR: '1', LANG: 'C', LC_ALL: '', ...env };
    const assigns = Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(' ');
    try {
      this.tmux('kill-session', '-t', 'run');
    } catch {
      // nothing running yet
    }
    this.tmux('new-session', '-d', '-s', 'run', '-x', String(cols), '-y', String(rows), `env ${assigns} ${process.execPath} ${BIN} ${args}; echo EXIT:$?; sleep 120`);
  }

  /** Everything printed so far, soft-wrapped rows joined back into the lines the program wrote. */
  lines(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'run');
  }

  /** Everything printed so far, as the rows the terminal shows (a line too long for the width spans several). */
  rows(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', 'run');
  }

  async waitFor(what: string, ok: (text: string) => boolean, waitMs = 20_000): Promise<string> {
    const deadline = Date.now() + waitMs;
    for (let i = 0; i < 1000; i++) {
      const text = this.lines();
      if (ok(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'run', '-l', text);
    this.tmux('send-keys', '-t', 'run', 'Enter');
  }

  key(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'run', ...keys);
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
