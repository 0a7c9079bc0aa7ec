import { ExitError, UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { loadLessons } from './lesson-index.js';
import { defaultLessonsDir } from './lesson-paths.js';
import { msg } from './messages.js';
import { LessonFileError } from './problems.js';
import { ProgressStore, type LessonStatus, type QuizScore } from './progress.js';
import type { Lesson } from './schema.js';
import { closeEnough, editDistance } from '../edit-distance.js';

/**
 * The lessons as the learn/lessons commands list them: manifest order, each with its
 * title in the learner's language and the learner's progress.
 */
export interface CatalogEntry {
  id: string;
  title: string;
  minutes: number;
  status: LessonStatus;
  steps: number;
  done: number;
  /** Quiz answers right at the first try, from the last run taken by hand; null before one. */
  score: QuizScore | null;
}

export async function catalog(lang: Lang, progress: ProgressStore, dir: string = defaultLessonsDir()): Promise<{ entries: CatalogEntry[]; lessons: Map<string, Lesson> }> {
  // From dist/lesson-index.json when the files are the ones it was built from, else parsed.
  const { ids, lessons } = await loadLessons(dir);
  const entries: CatalogEntry[] = [];
  for (const id of ids) {
    const lesson = lessons.get(id) as Lesson;
    const stepIds = new Set(lesson.steps.map((s) => s.id));
    const done = (progress.lesson(id)?.done ?? []).filter((s) => stepIds.has(s)).length;
    const score = progress.lesson(id)?.stats?.score ?? null;
    entries.push({ id, title: lesson.title[lang], minutes: lesson.minutes, status: progress.status(id), steps: lesson.steps.length, done, score });
  }
  return { entries, lessons };
}

/** The learner's progress file; a corrupt one is set aside and said so in one line. */
export async function openProgress(lang: Lang, file: string, warn: (t: string) => void): Promise<ProgressStore> {
  const progress = await ProgressStore.open(file);
  if (progress.setAside) warn(msg(lang, 'corruptProgress', { path: progress.setAside }));
  return progress;
}

/** The catalog, or one clear line about the broken lesson file (exit 1). */
export async function loadCatalog(io: { lang: Lang; progress: ProgressStore; dir: string }): Promise<Awaited<ReturnType<typeof catalog>>> {
  try {
    return await catalog(io.lang, io.progress, io.dir);
  } catch (err) {
    if (err instanceof LessonFileError) throw new ExitError(err.firstLine);
    throw err;
  }
}

/** `learn smtp-basic`, `lessons --reset smtp-basic`: the usage error, with the lesson most likely meant. */
export function unknownLesson(lang: Lang, id: string, ids: readonly string[]): UsageError {
  const best = closest(id, ids);
  const suggest = best ? msg(lang, 'didYouMean', { best }) : '';
  return new UsageError(msg(lang, 'unknownLesson', { id, suggest, list: ids.join(', ') }));
}

export function closest(id: string, ids: readonly string[]): string | null {
  const best = ids.map((x) => ({ x, d: x.startsWith(id) || x.includes(id) ? 0 : editDistance(id, x) })).sort((a, b) => a.d - b.d)[0];
  return best && closeEnough(id, best.d) ? best.x : null;
}

/** The lesson to offer first: one left half-way, else the first not done, else the last one taken. */
export function suggested(entries: readonly CatalogEntry[], last: string | undefined): CatalogEntry | undefined {
  const lastEntry = entries.find((e) => e.id === last);
  if (lastEntry && lastEntry.status === 'started') return lastEntry;
  return entries.find((e) => e.status === 'started') ?? entries.find((e) => e.status !== 'done') ?? lastEntry ?? entries[0];
}

/** Where to resume a lesson: the first step not done (steps are done in order). */
export function resumeIndex(lesson: Lesson, done: readonly string[]): number {
  const finished = new Set(done);
  const i = lesson.steps.findIndex((s) => !finished.has(s.id));
  return i < 0 ? 0 : i;
}
