import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering DESIGN.md draws, checked on the source itself (issue 13 "Done when"): the
 * protocol core never reaches the edges, the store never reaches the protocols, and no two
 * modules import each other, not even for types.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** module (relative to src/, e.g. `protocols/smtp/session.ts`) -> the modules it imports, statically or lazily. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) => relative(SRC, resolve(dirname(file), (m[1] ?? m[2]) as string)).replace(/\.js$/, '.ts'));
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

const graph = importGraph();

function violations(from: RegExp, to: RegExp): string[] {
  return [...graph].flatMap(([file, deps]) => (from.test(file) ? deps.filter((d) => to.test(d)).map((d) => `${file} -> ${d}`) : []));
}

/** Every cycle's members (Tarjan's strongly connected components of more than one module). */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1) found.push(members.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture: imports follow the layers', () => {
  it('reads the source tree (a broken pattern would make every rule below pass vacuously)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('protocols/smtp/session.ts')?.length ?? 0).toBeGreaterThan(3);
  });

  it('nothing under protocols/ imports ui/, commands/, tutor/, practice/, wire/, conversation/ or explain/', () => {
    expect(violations(/^protocols\//, /^(ui|commands|tutor|practice|wire|conversation|explain)\//)).toEqual([]);
  });

  it('nothing under explain/ imports practice/ or tutor/ (they may import explain/)', () => {
    expect(violations(/^explain\//, /^(practice|tutor)\//)).toEqual([]);
  });

  it('the mail store imports nothing from protocols/', () => {
    expect(violations(/^mailstore\//, /^protocols\//)).toEqual([]);
  });

  it('commander is wired in program.ts and read by the entry point cli.ts alone (others may name its types); only the entry point exits', () => {
    const text = (f: string): string => readFileSync(join(SRC, f), 'utf8');
    const wiring = [...graph.keys()].filter((f) => f !== 'cli.ts' && f !== 'program.ts');
    expect(wiring.filter((f) => /^import\s+(?!type\b)[^;]*from ['"]commander['"]/m.test(text(f)))).toEqual([]);
    expect([...graph.keys()].filter((f) => f !== 'cli.ts' && /process\.exit\(/.test(text(f)))).toEqual([]);
  });

  it('test/support helps every test folder and imports none of them', () => {
    const support = resolve(SRC, '../test/support');
    const reaching = sources(support).filter((f) => /from ['"]\.\.\/(integration|unit|interop|cli|hostile|browser)\//.test(readFileSync(f, 'utf8')));
    expect(reaching.map((f) => relative(support, f))).toEqual([]);
  });

  it('no import cycles, type imports included', () => {
    expect(cycles()).toEqual([]);
  });
});
