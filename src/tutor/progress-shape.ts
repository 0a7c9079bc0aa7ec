/**
 * The shape of progress.json, checked by hand: a few fields do not need zod, and without it
 * `l7lab lessons` and `learn` start without loading a validation library. Like zod's
 * z.object, unknown keys are dropped and anything else wrong makes the whole file invalid.
 */
export interface QuizScore {
  right: number;
  total: number;
}

export interface LessonStats {
  commands: number;
  replies: Record<string, number>;
  /** Quiz answers right at the first try, of the quizzes asked. */
  score?: QuizScore;
}

export interface LessonProgress {
  done: string[];
  completed: boolean;
  updated: string;
  stats?: LessonStats;
  /** Played to the end by `--auto`: seen, not taken (a hand-taken run sets `completed`). */
  watched?: boolean;
}

export interface ProgressData {
  version: 1;
  last?: string;
  lessons: Record<string, LessonProgress>;
}

/** Thrown inside the checks only; parseProgress turns it into null. */
class Invalid extends Error {}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid();
  return v as Obj;
}

function count(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Invalid();
  return v;
}

function str(v: unknown): string {
  if (typeof v !== 'string') throw new Invalid();
  return v;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw new Invalid();
  return v;
}

function record<T>(v: unknown, each: (x: unknown) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, x] of Object.entries(obj(v))) out[k] = each(x);
  return out;
}

function stats(v: unknown): LessonStats {
  const o = obj(v);
  const s: LessonStats = { commands: count(o.commands), replies: record(o.replies, count) };
  if (o.score !== undefined) {
    const sc = obj(o.score);
    s.score = { right: count(sc.right), total: count(sc.total) };
  }
  return s;
}

function lessonProgress(v: unknown): LessonProgress {
  const o = obj(v);
  if (!Array.isArray(o.done)) throw new Invalid();
  const p: LessonProgress = { done: o.done.map(str), completed: bool(o.completed), updated: str(o.updated) };
  if (o.stats !== undefined) p.stats = stats(o.stats);
  if (o.watched !== undefined) p.watched = bool(o.watched);
  return p;
}

/** The progress data, or null when the value is not a valid progress file. */
export function parseProgress(value: unknown): ProgressData | null {
  try {
    const o = obj(value);
    if (o.version !== 1) return null;
    const data: ProgressData = { version: 1, lessons: record(o.lessons, lessonProgress) };
    if (o.last !== undefined) data.last = str(o.last);
    return data;
  } catch (err) {
    if (err instanceof Invalid) return null;
    throw err;
  }
}
