import { randomBytes } from 'node:crypto';
import { promises as fsp, statSync } from 'node:fs';
import { PRIVATE_FILE } from '../../limits.js';

/**
 * IMAP keywords ($Label, work, ...) of a Maildir folder. The Maildir info suffix only has
 * letters for the five system flags, so keywords live in a sidecar, l7lab-keywords: a JSON
 * object from file name base to keywords. Standard Maildir tools ignore it (they just do not
 * see keywords); it is rewritten (new file + rename) only when a keyword changes.
 */
export class KeywordFile {
  private map = new Map<string, string[]>();
  private stamp = '';

  constructor(readonly path: string) {}

  get(base: string): string[] {
    return this.map.get(base) ?? [];
  }

  /** Reload if another process rewrote it. */
  async refresh(): Promise<void> {
    const st = statSync(this.path, { throwIfNoEntry: false });
    const stamp = st ? `${st.ino}:${st.mtimeMs}:${st.size}` : '';
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    this.map = new Map();
    if (!st) return;
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(this.path, 'utf8'));
      if (parsed && typeof parsed === 'object') {
        for (const [base, kws] of Object.entries(parsed)) {
          if (Array.isArray(kws)) this.map.set(base, kws.filter((k): k is string => typeof k === 'string'));
        }
      }
    } catch {
      // A damaged sidecar only loses keywords; the messages and system flags are untouched.
    }
  }

  /** Set (or with [] drop) the keywords of some bases and save; true when anything changed. */
  async update(changes: Iterable<[string, string[]]>): Promise<boolean> {
    let changed = false;
    for (const [base, kws] of changes) {
      const before = this.map.get(base) ?? [];
      if (before.join('\n') === kws.join('\n')) continue;
      changed = true;
      if (kws.length === 0) this.map.delete(base);
      else this.map.set(base, kws);
    }
    if (changed) await this.save();
    return changed;
  }

  private async save(): Promise<void> {
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(Object.fromEntries(this.map)), { mode: PRIVATE_FILE });
    await fsp.rename(tmp, this.path);
    const st = statSync(this.path);
    this.stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
  }
}
