import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the package's own files are, found one way for every layout the code runs in:
 * src/ (tests), dist/ (tsc's output, imported by tests and bench) and dist/bundle/ (the one
 * bundled CLI that bin/l7lab.js runs, where every module sits in a chunk beside the others).
 * A URL relative to import.meta.url would be right in one of them only.
 */
let root: string | undefined;

/** The nearest directory above this module that holds package.json: the package root. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`l7lab: no package.json above ${here}`);
    dir = up;
  }
  root = dir;
  return dir;
}

/** A file of the package, e.g. packageFile('lessons') or packageFile('package.json'). */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/**
 * A file `npm run build` writes into dist/ (the lesson index), or null when this code runs
 * from src/ (tests): source code is not what the build saw, so it does not use the build's files.
 * `moduleUrl` is the running module's (this one's unless a test names another layout).
 */
export function builtFile(name: string, moduleUrl: string = import.meta.url): string | null {
  const dist = packageFile('dist');
  return fileURLToPath(moduleUrl).startsWith(dist + sep) ? join(dist, name) : null;
}
