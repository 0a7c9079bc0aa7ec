import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * Child processes and temporary directories a test made: after each test the children still
 * running are killed (SIGKILL), then `between` runs (e.g. closing labs), then the dirs go.
 * `suiteDir()` is a directory for the whole file (or describe block): made now, removed after
 * all its tests (a HOME shared by the tests, a Maildir a beforeAll fills).
 */
export function scratch(
  prefix: string,
  between: () => Promise<void> = async () => undefined,
): { children: ChildProcess[]; tempDir: () => string; suiteDir: () => string } {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const suiteDirs: string[] = [];
  const make = (into: string[]): string => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    into.push(d);
    return d;
  };
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await between();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  afterAll(() => {
    for (const d of suiteDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return { children, tempDir: () => make(dirs), suiteDir: () => make(suiteDirs) };
}
