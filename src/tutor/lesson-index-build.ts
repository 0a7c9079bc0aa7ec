import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, lessonFile } from './lesson-paths.js';
import { loadLesson, loadManifest } from './loader.js';
import { indexFile, sha256, type LessonIndex } from './lesson-index.js';
import { LessonFileError } from './problems.js';

/**
 * Builds dist/lesson-index.json (`npm run build` runs scripts/lesson-index.mjs, which calls
 * this): every lesson the loader accepts, keyed by the hash of its file. A lesson that does
 * not validate is left out, so the CLI reports it from the YAML as before.
 */
export async function buildLessonIndex(dir: string): Promise<LessonIndex> {
  let ids: string[];
  try {
    ids = (await loadManifest(dir)).lessons;
  } catch (err) {
    // A broken manifest must not break the build: no index, and the CLI reports the file.
    if (err instanceof LessonFileError) return { version: 1, manifest: { sha256: '', lessons: [] }, lessons: {} };
    throw err;
  }
  const manifestText = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  const lessons: LessonIndex['lessons'] = {};
  for (const id of ids) {
    try {
      const text = await readFile(lessonFile(dir, id), 'utf8');
      lessons[id] = { sha256: sha256(text), lesson: await loadLesson(id, dir) };
    } catch (err) {
      if (!(err instanceof LessonFileError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return { version: 1, manifest: { sha256: sha256(manifestText), lessons: ids }, lessons };
}

export async function writeLessonIndex(dir: string, file: URL | string | null = indexFile()): Promise<number> {
  if (file === null) throw new Error('the lesson index is written by the compiled code (npm run build), not from src/');
  const index = await buildLessonIndex(dir);
  await writeFile(file, `${JSON.stringify(index)}\n`);
  return Object.keys(index.lessons).length;
}
