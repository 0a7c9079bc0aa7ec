import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

const { tempDir } = scratch('l7lab-lessons-');

/** `l7lab lessons` through the built bin (run `npm run build` first). */
const home = scratch('l7lab-cli-').suiteDir();

function l7lab(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runBinIn(home, args, env, 30_000);
}

describe('l7lab lessons', { timeout: 60_000 }, () => {
  it('--json lists id, title, minutes and status in manifest order', async () => {
    const run = await l7lab(['lessons', '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as Array<{ id: string; title: string; minutes: number; status: string }>;
    expect(list.slice(0, 2).map((e) => e.id)).toEqual(['application-layer', 'smtp-basics']);
    for (const e of list) {
      expect(e.status).toBe('new');
      expect(e.minutes).toBeGreaterThanOrEqual(5);
      expect(e.minutes).toBeLessThanOrEqual(10);
      expect(e.title.length).toBeGreaterThan(0);
    }
  });

  it('prints a table in Japanese with --lang ja', async () => {
    const run = await l7lab(['lessons', '--lang', 'ja']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('タイトル');
    expect(run.stdout).toContain('未着手');
    expect(run.stdout).toContain('SMTP の基本');
  });

  it('--check passes the shipped lessons', async () => {
    const run = await l7lab(['lessons', '--check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ lesson\(s\) checked: no problems\n$/);
  });

  it('--check reports each problem as file: step: field: message and exits 1', async () => {
    const dir = tempDir();
    await cp(join(process.cwd(), 'lessons'), dir, { recursive: true });
    const file = join(dir, 'smtp-basics.yaml');
    const text = await readFile(file, 'utf8');
    const broken = text.replace('command: DATA\n', 'command: DATUM\n').replace("kind: quiz\n    question:\n      en: Which reply", "kind: poll\n    question:\n      en: Which reply");
    await writeFile(file, broken);
    const run = await l7lab(['lessons', '--check'], { L7LAB_LESSONS_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}: step quiz-354: field kind: unknown step kind "poll"`);
    expect(run.stderr.trim()).toMatch(/^l7lab: \d+ problem\(s\) found$/);
  });

  it('--check finds a command the protocol does not know', async () => {
    const dir = tempDir();
    await cp(join(process.cwd(), 'lessons'), dir, { recursive: true });
    const file = join(dir, 'smtp-basics.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('command: DATA\n', 'command: DATUM\n'));
    const run = await l7lab(['lessons', '--check'], { L7LAB_LESSONS_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe(`${file}: step data: field command: "DATUM" is not a SMTP command the knowledge table knows`);
  });

  it('rejects an unknown language as a usage error', async () => {
    const run = await l7lab(['lessons', '--lang', 'fr']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('l7lab: unknown language "fr": use en or ja');
  });
});
