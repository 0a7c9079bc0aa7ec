import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { displayWidth } from '../../src/ui/width.js';
import { runBinIn } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * What every lesson puts on screen, played by the built bin without a terminal (so the width
 * is 80), in both languages (issue 14, items 4, 6, 9, 11):
 * - no `{name}` placeholder shown raw, no backtick shown literally;
 * - no line wider than 80 columns (wide characters count as two), except what is never
 *   wrapped on purpose: the wire lines themselves (`C:` / `S:`);
 * - a dropped POP3 connection names QUIT, not IMAP's LOGOUT.
 * Run `npm run build` first (npm test does).
 */
const IDS = (parse(await readFile(join(process.cwd(), 'lessons', 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;
const PLACEHOLDER = /\{[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)?\}/;
const WIRE = /^\s*(?:\S+ )?[CS]: /;

const home = scratch('l7lab-screen-').suiteDir();

describe('what a lesson shows, at 80 columns', { timeout: 120_000 }, () => {
  for (const id of IDS) {
    for (const lang of ['en', 'ja'] as const) {
      it(`${id} (${lang}): no raw placeholder or backtick, nothing wider than 80 columns`, async () => {
        const run = await runBinIn(home, ['learn', id, '--auto', '--lang', lang]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const lines = run.stdout.split('\n');
        expect(lines.filter((l) => PLACEHOLDER.test(l))).toEqual([]);
        expect(lines.filter((l) => l.includes('`'))).toEqual([]);
        const wide = lines.filter((l) => displayWidth(l) > 80 && !WIRE.test(l));
        expect(wide).toEqual([]);
        if (id === 'pop3') expect(run.stdout).toMatch(lang === 'en' ? /without saying goodbye \(no QUIT\)/ : /別れの挨拶（QUIT）/);
      });
    }
  }
});
