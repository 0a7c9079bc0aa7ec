import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLessonIndex } from '../../../src/tutor/lesson-index-build.js';
import { loadLessons, readLessonIndex, sha256, type LessonIndex } from '../../../src/tutor/lesson-index.js';
import { loadLesson, loadManifest } from '../../../src/tutor/loader.js';
import { LessonFileError } from '../../../src/tutor/problems.js';
import { scratch } from '../../support/scratch.js';

/**
 * dist/lesson-index.json lets `lessons` and `learn` skip YAML and zod. It must say exactly what
 * parsing the files says, and a file changed since the build must be parsed, not taken from it.
 */
const LESSONS = join(process.cwd(), 'lessons');
const DIST_INDEX = join(process.cwd(), 'dist', 'lesson-index.json');
const { tempDir } = scratch('l7lab-index-');

/** The index as the CLI reads it: through JSON, as the build writes it. */
async function built(dir: string): Promise<LessonIndex> {
  return JSON.parse(JSON.stringify(await buildLessonIndex(dir))) as LessonIndex;
}

async function copyOfLessons(): Promise<string> {
  const dir = tempDir();
  await cp(LESSONS, dir, { recursive: true });
  return dir;
}

describe('the lesson index', () => {
  it('holds every lesson of the manifest exactly as parsing its YAML gives it', async () => {
    const index = await built(LESSONS);
    const { lessons: ids } = await loadManifest(LESSONS);
    expect(index.manifest.lessons).toEqual(ids);
    expect(Object.keys(index.lessons).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(index.lessons[id]?.lesson, id).toStrictEqual(await loadLesson(id, LESSONS));
  });

  it('is what npm run build wrote into dist/ (rebuild after editing lessons/)', async () => {
    expect(await readLessonIndex(DIST_INDEX)).toStrictEqual(await built(LESSONS));
  });

  it('is used for a file whose bytes it was built from', async () => {
    const index = await built(LESSONS);
    const entry = index.lessons['smtp-basics'];
    if (!entry) throw new Error('no smtp-basics in the index');
    entry.lesson = { ...entry.lesson, title: { en: 'from the index', ja: 'インデックスから' } };
    const { lessons } = await loadLessons(LESSONS, index);
    expect(lessons.get('smtp-basics')?.title.en).toBe('from the index');
  });

  it('is not used for a file edited since the build: that file is parsed', async () => {
    const dir = await copyOfLessons();
    const index = await built(dir);
    const file = join(dir, 'smtp-basics.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(file, yaml.replace("en: 'SMTP basics: sending one message by hand'", "en: 'SMTP basics, edited'"));
    expect(sha256(await readFile(file, 'utf8'))).not.toBe(index.lessons['smtp-basics']?.sha256);
    const { lessons } = await loadLessons(dir, index);
    expect(lessons.get('smtp-basics')?.title.en).toBe('SMTP basics, edited');
    expect(lessons.get('pop3')).toStrictEqual(index.lessons.pop3?.lesson);
  });

  it('reports a file broken since the build as the loader does', async () => {
    const dir = await copyOfLessons();
    const index = await built(dir);
    await writeFile(join(dir, 'pop3.yaml'), 'id: pop3\ntitle: [\n');
    await expect(loadLessons(dir, index)).rejects.toBeInstanceOf(LessonFileError);
  });

  it('follows an edited manifest, and works without any index', async () => {
    const dir = await copyOfLessons();
    const index = await built(dir);
    await writeFile(join(dir, 'manifest.yaml'), 'lessons:\n  - pop3\n  - smtp-basics\n');
    expect((await loadLessons(dir, index)).ids).toEqual(['pop3', 'smtp-basics']);
    const bare = await loadLessons(dir, null);
    expect(bare.ids).toEqual(['pop3', 'smtp-basics']);
    expect(bare.lessons.get('pop3')).toStrictEqual(index.lessons.pop3?.lesson);
  });

  it('leaves out a lesson that does not validate, so the CLI reports it from its file', async () => {
    const dir = await copyOfLessons();
    await writeFile(join(dir, 'pop3.yaml'), 'id: pop3\n');
    const index = await buildLessonIndex(dir);
    expect(index.lessons.pop3).toBeUndefined();
    expect(index.lessons['smtp-basics']).toBeDefined();
  });
});
