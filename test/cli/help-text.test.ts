import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin } from '../support/bin.js';
import { runProgram } from '../support/programs.js';

/**
 * `l7lab --help` piped (80 columns) is the text the build saved in dist/help.txt, printed by
 * bin/l7lab.js without loading commander. It must be exactly what commander prints now
 * (dist/cli.js run directly always goes through commander): rebuild when the help changes.
 */
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SAVED = fileURLToPath(new URL('../../dist/help.txt', import.meta.url));
const env = { NO_COLOR: '1', LANG: 'C' };

describe('the saved --help text', () => {
  it('is saved by the build', () => {
    expect(existsSync(SAVED)).toBe(true);
  });

  for (const flag of ['--help', '-h']) {
    it(`is what commander prints for l7lab ${flag}`, async () => {
      const [saved, commander] = await Promise.all([runBin([flag], env, 20_000), runProgram(process.execPath, [CLI, flag], 20_000)]);
      expect(saved.code).toBe(0);
      expect(saved.stderr).toBe('');
      expect(commander.code).toBe(0);
      expect(saved.stdout).toContain('Usage: l7lab [options] [command]');
      expect(saved.stdout).toBe(commander.stdout);
    });
  }

  it('ends quietly when the reader closes the pipe early', async () => {
    const run = await runProgram('sh', ['-c', `"${process.execPath}" "${fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url))}" --help | head -c 10`], 20_000);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Usage: l7l');
    expect(run.stderr).toBe('');
  });
});
