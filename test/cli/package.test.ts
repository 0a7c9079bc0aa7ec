import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';

/**
 * The package as a user gets it: `npm pack` (of the built dist/: run `npm run build` first,
 * npm test does), installed into an empty directory, then a lesson played from there with
 * `npx l7lab`. Dependencies come from npm's cache when it has them (--prefer-offline).
 */
const ROOT = process.cwd();
const pack = scratch('l7lab-pack-');
const packDir = pack.suiteDir();
const appDir = pack.suiteDir();
const home = pack.suiteDir();

interface Packed {
  filename: string;
  files: Array<{ path: string }>;
}

let packed: Packed;

beforeAll(async () => {
  // --ignore-scripts: pack the dist/ the tests run against, without building it again.
  const run = await runProgram('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, ROOT], 120_000);
  expect(run.stderr.includes('npm error'), run.stderr).toBe(false);
  expect(run.code).toBe(0);
  packed = (JSON.parse(run.stdout) as Packed[])[0] as Packed;
}, 130_000);

describe('the npm package', () => {
  it('ships LICENSE, bin/, the bundled CLI with its help text and lesson index, and lessons/, and no tests, benchmarks or sources', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(files).toContain('bin/l7lab.js');
    expect(files).toContain('dist/bundle/cli.js');
    expect(files).toContain('dist/bundle/fast-main.js');
    // bin/l7lab.js is CommonJS by bin/package.json, and requires the own bundles of ports --json
    // and mail list; the latter requires libmime's and mailparser's when a header needs them.
    expect(files).toContain('bin/package.json');
    for (const cjs of ['ports-json', 'mail-list', 'libmime', 'mailparser']) expect(files).toContain(`dist/bundle/${cjs}.cjs`);
    expect(files).toContain('dist/help.txt');
    expect(files).toContain('dist/lesson-index.json');
    expect(files).toContain('lessons/smtp-basics.yaml');
    expect(files.filter((f) => /^(test|bench|src|scripts)\//.test(f))).toEqual([]);
    // tsc's unbundled dist/ is for tests and benches: without it in the package, the lesson
    // played below can only have run from the bundle.
    expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/')).sort()).toEqual(['dist/help.txt', 'dist/lesson-index.json']);
  });

  it('ships no source map without the file it points at', async () => {
    const files = new Set(packed.files.map((f) => f.path));
    const maps = [...files].filter((f) => f.endsWith('.map'));
    for (const map of maps) {
      const { sources } = JSON.parse(await readFile(join(ROOT, map), 'utf8')) as { sources: string[] };
      for (const source of sources) expect(files, `${map} -> ${source}`).toContain(join(map, '..', source));
    }
    // dist/ is built without maps (tsconfig.build.json), and no stale one is left in it.
    expect(maps).toEqual([]);
  });

  it('has a LICENSE that matches package.json', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { license: string };
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    expect(pkg.license).toBe('MIT');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the l7lab authors\n/);
  });

  it('installs into an empty directory and plays a lesson with npx l7lab', { timeout: 300_000 }, async () => {
    const tgz = join(packDir, packed.filename);
    const env = ['--prefix', appDir, '--no-audit', '--no-fund', '--prefer-offline'];
    const install = await runProgram('npm', ['install', ...env, tgz], 240_000);
    expect(install.code, install.stderr).toBe(0);
    const run = await runProgram('sh', ['-c', `cd "${appDir}" && HOME="${home}" XDG_STATE_HOME= XDG_DATA_HOME= NO_COLOR=1 npx --no-install l7lab learn smtp-basics --auto </dev/null`], 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Lesson complete');
    expect(run.stdout).not.toContain('MISMATCH');
  });
});
