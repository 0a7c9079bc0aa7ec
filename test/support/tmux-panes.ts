import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN } from './bin.js';

/**
 * Named tmux sessions on a private socket (-L, never the default server) running the built bin:
 * start one per test, type into it, read its screen, wait (bounded) for what it should show, and
 * kill the sessions at the end, which ends the private server with them.
 */
export interface PaneOptions {
  /** The private socket's name (made unique per process here). */
  socket: string;
  cols: number;
  rows: number;
  /** A fresh HOME per session. */
  home: () => string;
  lang?: string;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function tmuxPanes(o: PaneOptions) {
  const socket = `${o.socket}-${process.pid}`;
  const sessions: string[] = [];
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
  /** The lines the program wrote (soft-wrapped rows joined). */
  const screen = (session: string): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);
  return {
    tmux,
    screen,
    /** The rows as the terminal shows them (a line longer than the width spans several). */
    rows: (session: string): string => tmux('capture-pane', '-p', '-S', '-', '-t', session),
    /** `l7lab <args>` in a new session; `EXIT=<code>` is printed when it ends. */
    start(session: string, args: string[]): void {
      const home = o.home();
      const env = [`HOME=${home}`, `XDG_STATE_HOME=${join(home, 'state')}`, `LANG=${o.lang ?? 'C'}`, 'LC_ALL=', 'NO_COLOR=1', 'TERM=xterm'];
      const command = `env ${env.map(quote).join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo EXIT=$?; sleep 30`;
      sessions.push(session);
      tmux('new-session', '-d', '-s', session, '-x', String(o.cols), '-y', String(o.rows), command);
    },
    lastLine(session: string): string {
      const lines = tmux('capture-pane', '-p', '-t', session).split('\n').filter((l) => l.trim() !== '');
      return lines[lines.length - 1] ?? '';
    },
    async until(what: string, session: string, check: () => boolean, ms = 20_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (check()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`waited ${ms} ms for ${what}; screen:\n${screen(session)}`);
    },
    typeLine(session: string, text: string): void {
      if (text !== '') tmux('send-keys', '-t', session, '-l', text);
      tmux('send-keys', '-t', session, 'Enter');
    },
    /** Kill this test's sessions (afterEach). */
    closeAll(): void {
      for (const s of sessions.splice(0)) {
        try {
          tmux('kill-session', '-t', s);
        } catch {
          // already gone
        }
      }
    },
  };
}
