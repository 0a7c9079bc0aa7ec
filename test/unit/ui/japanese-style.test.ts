import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One colon style per language (issue 14, item 11: "：" and ":" were mixed in Japanese).
 * Japanese text here uses the ASCII colon and a space, as the lessons and messages always
 * did, so a full-width colon anywhere in what the learner reads is a slip.
 */
function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('Japanese text style', () => {
  it('uses ": " and never the full-width colon', () => {
    const files = [...filesUnder('lessons', /\.yaml$/), ...filesUnder('src', /\.ts$/)].filter((f) => !/src[\\/]ui[\\/](width|wrap)\.ts$/.test(f));
    const offenders = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes('：') ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
