import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Child processes and temporary directories a test made: after each test the children still
 * running are killed (SIGKILL), then `between` runs (e.g. closing labs), then the dirs go.
 */
export function scratch(prefix: string, between: () => Promise<void> = async () => undefined): { children: ChildProcess[]; tempDir: () => string } {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await between();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  return { children, tempDir };
}
