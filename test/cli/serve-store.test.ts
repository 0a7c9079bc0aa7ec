import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinIn } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * `serve --store` where no store can be (issue 20, item 11): one clear line and exit 1, at
 * once, in both languages; never a spinning process or the file system's raw words.
 * Runs the built bin (`npm run build` first).
 */
const { tempDir, suiteDir } = scratch('l7lab-serve-store-');
const home = suiteDir();

describe('serve --store that cannot be a store', { timeout: 60_000 }, () => {
  it('an existing file: says it is a file, exit 1', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    const run = await runBinIn(home, ['serve', '--store', file, '--no-tls', '--lang', 'en'], {}, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`l7lab: cannot use the mail store ${file}: ${file} is a file, not a directory; pick another with --store <dir> or use --memory`);
    const ja = await runBinIn(home, ['serve', '--store', file, '--no-tls', '--lang', 'ja'], {}, 30_000);
    expect(ja.code).toBe(1);
    expect(ja.stderr.trim()).toBe(`l7lab: メールの保存先 ${file} を使えません (${file} はディレクトリではなくファイルです)。--store <dir> で別の場所を選ぶか、--memory を使ってください`);
  });

  it('/proc/x: the file system refuses, exit 1 (the run is bounded by the 30 s timeout, not a spin)', async () => {
    const run = await runBinIn(home, ['serve', '--store', '/proc/l7lab-x', '--no-tls', '--lang', 'en'], {}, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('l7lab: cannot create the mail store /proc/l7lab-x: the file system does not allow a directory at /proc/l7lab-x; pick another with --store <dir> or use --memory');
  });
});
