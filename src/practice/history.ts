import { mkdir, readFile, appendFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userDirs } from '../paths.js';
import { PRACTICE_HISTORY_LINES } from '../limits.js';
import type { Protocol } from '../protocol.js';
import { couldCarrySecret } from '../protocols/mask.js';

/**
 * The shell's history across sessions: one file per protocol in the user's state directory
 * (XDG), oldest line first, appended as lines are typed so two shells never lose each
 * other's lines. Lines that carry a credential are never written to disk.
 */
export function historyFile(protocol: Protocol, env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).state, `practice-history-${protocol}`);
}

const SECRET_HELPERS = new Set([':plain', ':cram', ':apop']);

/**
 * Worth keeping on disk: not empty, and no password in it. A line is kept out by the same rule
 * `serve`'s log masks by (mask.ts: by what its verb or field could carry, whatever the reply),
 * so the shell and the log never disagree about what is a credential.
 */
export function worthSaving(line: string, protocol: Protocol): boolean {
  const first = line.trim().split(/\s+/)[0] ?? '';
  if (first === '' || SECRET_HELPERS.has(first.toLowerCase())) return false;
  // The shell adds the tag an IMAP line leaves out (ensureTag): read such a line as tagged too.
  const asSent = protocol === 'imap' ? [line, `a ${line}`] : [line];
  return !asSent.some((text) => couldCarrySecret(protocol, text));
}

export class History {
  private writeError: string | null = null;

  private constructor(
    readonly path: string,
    private readonly lines: string[],
    private readonly max: number,
  ) {}

  /** Load the last `max` lines; a file grown past twice that is trimmed on the way. */
  static async open(path: string, max = PRACTICE_HISTORY_LINES): Promise<History> {
    let lines: string[] = [];
    try {
      lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
    } catch {
      // No history yet (or unreadable): start empty; writing will say if it fails.
    }
    const history = new History(path, lines.slice(-max), max);
    if (lines.length > 2 * max) await history.rewrite();
    return history;
  }

  /** Oldest first. */
  get entries(): readonly string[] {
    return this.lines;
  }

  /** Remember a line; returns why it could not be saved the first time that happens, else null. */
  async add(line: string): Promise<string | null> {
    if (line.includes('\n') || this.lines[this.lines.length - 1] === line) return null;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await appendFile(this.path, `${line}\n`, { mode: 0o600 });
      return null;
    } catch (err) {
      if (this.writeError !== null) return null;
      this.writeError = (err as Error).message;
      return this.writeError;
    }
  }

  private async rewrite(): Promise<void> {
    try {
      await writeFile(this.path, this.lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    } catch {
      // Trimming is housekeeping; a read-only file still works for this session.
    }
  }
}
