import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What Node loads at start when it imports a module of src/: the static import graph, walked
 * the way Node does (type-only imports and import() do not load a module at start). Modules
 * are src-relative paths ('tutor/steps/send.ts'); packages are their first path segment
 * ('@zone-eu' for '@zone-eu/mailsplit'). The walk stops at packages: what they import is theirs.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const STATIC = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+['"]([^'"]+)['"]/g;

export function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const text = readFileSync(resolve(SRC, file), 'utf8');
    for (const [, spec] of text.matchAll(STATIC)) {
      const s = spec as string;
      if (s.startsWith('node:')) continue;
      visit(s.startsWith('.') ? relative(SRC, resolve(SRC, dirname(file), s)).replace(/\.js$/, '.ts') : (s.split('/')[0] as string));
    }
  };
  visit(entry);
  return seen;
}
