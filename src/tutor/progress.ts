import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseProgress, type LessonProgress, type LessonStats, type ProgressData, type QuizScore } from './progress-shape.js';
import { userDirs } from '../paths.js';
import { PRIVATE_DIR, PRIVATE_FILE } from '../limits.js';

/**
 * The learner's progress, per step, in the user's state directory (never in lessons/).
 * Written atomically (a temporary file renamed over the old one) so a crash never leaves
 * half a file; a file that does not parse is set aside with a warning, never a crash.
 */
export type { LessonProgress, LessonStats, ProgressData, QuizScore };

export type LessonStatus = 'new' | 'started' | 'watched' | 'done';

export function emptyProgress(): ProgressData {
  return { version: 1, lessons: {} };
}

export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).state, 'progress.json');
}

export class ProgressStore {
  private data: ProgressData = emptyProgress();
  /** Where a corrupt file was moved to on load, for the caller to warn about. */
  setAside: string | null = null;

  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static async open(file: string = progressPath(), now?: () => Date): Promise<ProgressStore> {
    const store = new ProgressStore(file, now);
    await store.load();
    return store;
  }

  get snapshot(): ProgressData {
    return structuredClone(this.data);
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const parsed = parseProgress(safeJson(text));
    if (parsed) {
      this.data = parsed;
      return;
    }
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.corrupt-${stamp}`;
    await rename(this.file, aside);
    this.setAside = aside;
  }

  lesson(id: string): LessonProgress | undefined {
    return this.data.lessons[id];
  }

  status(id: string): LessonStatus {
    const p = this.data.lessons[id];
    if (!p) return 'new';
    if (p.completed) return 'done';
    if (p.done.length > 0) return 'started';
    return p.watched ? 'watched' : 'new';
  }

  get last(): string | undefined {
    return this.data.last;
  }

  async markStep(lessonId: string, stepId: string): Promise<void> {
    const p = this.entry(lessonId);
    if (!p.done.includes(stepId)) p.done.push(stepId);
    p.updated = this.now().toISOString();
    this.data.last = lessonId;
    await this.save();
  }

  async complete(lessonId: string, lessonStats: LessonStats): Promise<void> {
    const p = this.entry(lessonId);
    p.completed = true;
    p.stats = lessonStats;
    p.updated = this.now().toISOString();
    this.data.last = lessonId;
    await this.save();
  }

  /** An `--auto` run reached the end: recorded as watched, never as done. */
  async watched(lessonId: string): Promise<void> {
    const p = this.entry(lessonId);
    p.watched = true;
    p.updated = this.now().toISOString();
    await this.save();
  }

  /** Forget one lesson, or everything. */
  async reset(lessonId?: string): Promise<void> {
    if (lessonId === undefined) this.data = emptyProgress();
    else {
      delete this.data.lessons[lessonId];
      if (this.data.last === lessonId) delete this.data.last;
    }
    await this.save();
  }

  private entry(lessonId: string): LessonProgress {
    let p = this.data.lessons[lessonId];
    if (!p) {
      p = { done: [], completed: false, updated: this.now().toISOString() };
      this.data.lessons[lessonId] = p;
    }
    return p;
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: PRIVATE_DIR });
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(tmp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: PRIVATE_FILE });
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
