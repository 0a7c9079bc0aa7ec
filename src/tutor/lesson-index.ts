import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtFile } from '../package-root.js';
import { MANIFEST_FILE, lessonFile } from './lesson-paths.js';
import type { Lesson } from './schema.js';

/**
 * The lessons without parsing YAML or loading zod, when nothing changed since the build.
 * `npm run build` parses and validates every lesson once and writes the results to
 * dist/lesson-index.json, each under the SHA-256 of the file it came from. At run time a
 * file whose bytes still hash to its entry is taken from the index; any other file (edited,
 * new, a draft directory, no index at all) goes through the loader as before, so the index
 * can only make start-up faster, never show a lesson other than its file says.
 */
export interface LessonIndex {
  version: 1;
  manifest: { sha256: string; lessons: string[] };
  lessons: Record<string, { sha256: string; lesson: Lesson }>;
}

/** dist/lesson-index.json, for compiled and bundled code; null when running from src/ in tests. */
export function indexFile(): string | null {
  return builtFile('lesson-index.json');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function readLessonIndex(file: URL | string | null = indexFile()): Promise<LessonIndex | null> {
  if (file === null) return null;
  try {
    const index = JSON.parse(await readFile(file, 'utf8')) as Partial<LessonIndex>;
    return index.version === 1 && index.manifest && index.lessons ? (index as LessonIndex) : null;
  } catch {
    // No index (a fresh checkout before the build, tests from src/) or an unreadable one: parse.
    return null;
  }
}

async function textOf(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** The manifest's lesson ids; from the index when manifest.yaml is the one it was built from. */
async function manifestIds(dir: string, index: LessonIndex | null): Promise<string[]> {
  const text = await textOf(join(dir, MANIFEST_FILE));
  if (index && text !== null && sha256(text) === index.manifest.sha256) return [...index.manifest.lessons];
  const { loadManifest } = await import('./loader.js');
  return (await loadManifest(dir)).lessons;
}

/** One lesson; the loader (YAML, zod, its LessonFileError) unless the index holds these very bytes. */
async function lessonOf(dir: string, id: string, index: LessonIndex | null): Promise<Lesson> {
  const entry = index?.lessons[id];
  if (entry) {
    const text = await textOf(lessonFile(dir, id));
    if (text !== null && sha256(text) === entry.sha256) return entry.lesson;
  }
  const { loadLesson } = await import('./loader.js');
  return loadLesson(id, dir);
}

/** Every lesson of the manifest, in its order; throws LessonFileError as the loader does. */
export async function loadLessons(dir: string, index?: LessonIndex | null): Promise<{ ids: string[]; lessons: Map<string, Lesson> }> {
  const idx = index === undefined ? await readLessonIndex() : index;
  const ids = await manifestIds(dir, idx);
  const lessons = new Map<string, Lesson>();
  for (const id of ids) lessons.set(id, await lessonOf(dir, id, idx));
  return { ids, lessons };
}
