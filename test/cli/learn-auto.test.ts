import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

const { tempDir } = scratch('l7lab-lessons-');

/**
 * The built bin as a learner's shell would run it, without a terminal: every lesson must
 * play itself in --auto in both languages and exit 0; a lesson whose expectation no longer
 * matches the server must exit 1. Run `npm run build` first (npm test does).
 */
const LESSONS = join(process.cwd(), 'lessons');
const IDS = (parse(await readFile(join(LESSONS, 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;

const home = scratch('l7lab-cli-').suiteDir();

function l7lab(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runBinIn(home, args, env);
}

describe('l7lab learn <lesson> --auto', { timeout: 90_000 }, () => {
  it('ships at least the first two lessons in order', () => {
    expect(IDS.slice(0, 2)).toEqual(['application-layer', 'smtp-basics']);
  });

  for (const id of IDS) {
    for (const lang of ['en', 'ja'] as const) {
      it(`plays ${id} in ${lang} and exits 0`, async () => {
        const run = await l7lab(['learn', id, '--auto', '--lang', lang]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(lang === 'en' ? 'Lesson complete' : 'レッスン完了');
        expect(run.stdout).not.toContain('MISMATCH');
      });
    }
  }

  it('shows the server side of smtp-basics: the 503, the dot-stuffed line and the captured message', async () => {
    const run = await l7lab(['learn', 'smtp-basics', '--auto', '--lang', 'en']);
    expect(run.stdout).toContain('C: RCPT TO:<bob@example.com>\\r\\n');
    expect(run.stdout).toMatch(/S: 503 5\.5\.1 /);
    expect(run.stdout).toContain('C: ....and bring the jam tarts.\\r\\n');
    expect(run.stdout).toContain('session state: MAIL');
    expect(run.stdout).toMatch(/The Queen <queen@wonderland\.example> +│ Tea at four/);
  });

  it('records an --auto run as watched, not done, and lessons shows the difference (issue 14 item 7)', async () => {
    await l7lab(['learn', 'application-layer', '--auto']);
    const list = JSON.parse((await l7lab(['lessons', '--json'])).stdout) as Array<{ id: string; status: string; done: number; steps: number; score: unknown }>;
    const entry = list.find((e) => e.id === 'application-layer');
    expect(entry?.status).toBe('watched');
    expect(entry?.done).toBe(0);
    expect(entry?.score).toBeNull();
    expect((await l7lab(['lessons'])).stdout).toMatch(/application-layer .*│ watched +│ -/);
    expect((await l7lab(['lessons', '--lang', 'ja'])).stdout).toContain('視聴のみ');
  });

  it('exits 1 and names the step when a reply differs from what the lesson expects', async () => {
    const dir = tempDir();
    await cp(LESSONS, dir, { recursive: true });
    const file = join(dir, 'smtp-basics.yaml');
    const text = await readFile(file, 'utf8');
    const changed = text.replace("command: QUIT\n    expect: '221'", "command: QUIT\n    expect: '250'");
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    const run = await l7lab(['learn', 'smtp-basics', '--auto'], { L7LAB_LESSONS_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('MISMATCH in step quit: expected 250, got 221');
    expect(run.stderr.trim()).toBe('l7lab: 1 step(s) did not get the reply the lesson expects.');
  });

  it('says in one line which file and field is broken, exit 1, no stack trace', async () => {
    const dir = tempDir();
    await cp(LESSONS, dir, { recursive: true });
    const file = join(dir, 'smtp-basics.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace("      en: Just the word DATA.\n", ''));
    const run = await l7lab(['learn', 'smtp-basics', '--auto'], { L7LAB_LESSONS_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`l7lab: ${file}: step data: field hint.en: missing translation (en)`);
  });

  it('rejects an unknown lesson with a suggestion and the list, exit 2', async () => {
    const run = await l7lab(['learn', 'smtp-basic', '--auto']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`l7lab: unknown lesson "smtp-basic" (did you mean smtp-basics?); lessons: ${IDS.join(', ')}`);
  });

  it('asks for a lesson id when there is no terminal to show the menu in, exit 2', async () => {
    const run = await l7lab(['learn']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`l7lab: without a terminal, name the lesson to play: l7lab learn <lesson> (lessons: ${IDS.join(', ')})`);
  });

  it('says the same in Japanese with --lang ja', async () => {
    const run = await l7lab(['learn', 'nothing-like-it', '--lang', 'ja']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('レッスン "nothing-like-it" はありません');
  });

  it('takes the language from LANG when --lang is not given', async () => {
    const run = await l7lab(['learn', 'application-layer', '--auto'], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('レッスン完了');
  });

  it('sets a corrupt progress file aside with a warning and goes on', async () => {
    const state = join(home, 'corrupt-state');
    await rm(state, { recursive: true, force: true });
    const file = join(state, 'l7lab', 'progress.json');
    await mkdir(join(state, 'l7lab'), { recursive: true });
    await writeFile(file, '{ this is not json');
    const run = await l7lab(['learn', 'application-layer', '--auto'], { XDG_STATE_HOME: state });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: the progress file could not be read; it was set aside as\s+\S*progress\.json\.corrupt-/);
    const names = await readdir(join(state, 'l7lab'));
    expect(names.some((n) => n.startsWith('progress.json.corrupt-'))).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8')).lessons['application-layer']).toMatchObject({ watched: true, completed: false });
  });

  it('forgets progress with --reset', async () => {
    await l7lab(['learn', 'application-layer', '--auto']);
    const reset = await l7lab(['learn', '--reset', 'application-layer']);
    expect(reset.code).toBe(0);
    expect(reset.stdout.trim()).toBe('Progress forgotten: application-layer');
    const list = JSON.parse((await l7lab(['lessons', '--json'])).stdout) as Array<{ id: string; status: string }>;
    expect(list.find((e) => e.id === 'application-layer')?.status).toBe('new');
  });
});
