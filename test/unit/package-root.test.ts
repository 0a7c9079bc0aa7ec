import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtFile, packageFile, packageRoot } from '../../src/package-root.js';
import { defaultLessonsDir } from '../../src/tutor/lesson-paths.js';

/**
 * The package's own files from any layout the code runs in: src/ here, dist/ (tsc) and
 * dist/bundle/ (what bin/l7lab.js runs; the CLI tests run it). The build's files are used
 * only by built code.
 */
describe('package root', () => {
  it('is the directory of l7lab package.json, whose lessons/ is the default lessons directory', () => {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('l7lab');
    expect(defaultLessonsDir({})).toBe(join(packageRoot(), 'lessons'));
    expect(existsSync(join(defaultLessonsDir({}), 'manifest.yaml'))).toBe(true);
  });

  it('gives the build files to code in dist/ and in dist/bundle/, not to code in src/', () => {
    const root = packageRoot();
    const from = (...parts: string[]) => pathToFileURL(join(root, ...parts)).href;
    expect(builtFile('lesson-index.json', from('dist', 'tutor', 'lesson-index.js'))).toBe(join(root, 'dist', 'lesson-index.json'));
    expect(builtFile('lesson-index.json', from('dist', 'bundle', 'chunk-ABC.js'))).toBe(join(root, 'dist', 'lesson-index.json'));
    expect(builtFile('lesson-index.json', from('src', 'tutor', 'lesson-index.ts'))).toBeNull();
    expect(builtFile('lesson-index.json', from('distant', 'x.js'))).toBeNull();
    // This test runs the source: no build file for it.
    expect(builtFile('lesson-index.json')).toBeNull();
  });
});
