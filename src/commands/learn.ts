import { ExitError, UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { loadCatalog, openProgress, resumeIndex, suggested, unknownLesson, type CatalogEntry } from '../tutor/catalog.js';
import { langOption } from './options.js';
import type { PortsView } from '../tutor/context.js';
import type { StartLab } from '../tutor/lab-types.js';
import { defaultLessonsDir } from '../tutor/lesson-paths.js';
import { msg } from '../tutor/messages.js';
import { ProgressStore, progressPath } from '../tutor/progress.js';
import { LessonQuit } from '../tutor/control.js';
import { LessonCancelled, LessonRunError, runLesson, type LessonResult } from '../tutor/runner.js';
import type { Lesson } from '../tutor/schema.js';
import { isInteractive, PromptCancelled, terminalPrompts, type Prompts } from '../ui/prompts.js';
import { theme } from '../ui/theme.js';
import { wrap } from '../ui/wrap.js';

/**
 * `l7lab learn [lesson]`: pick a lesson (with progress marks, offering to continue), run it
 * on a fresh lab, save progress per step. `--auto` (or no terminal) plays it by itself and
 * exits 1 if any reply differs from what the lesson expects.
 */
export interface LearnDeps {
  prompts?: Prompts;
  write?: (text: string) => void;
  warn?: (text: string) => void;
  startLab?: StartLab;
  portsView?: PortsView;
  interactive?: boolean;
  lessonsDir?: string;
  progressFile?: string;
  /** Started from the menu: the lesson list offers Back, and a stopped lesson returns there. */
  fromMenu?: boolean;
}

interface Io {
  lang: Lang;
  prompts: Prompts;
  write: (text: string) => void;
  warn: (text: string) => void;
  dir: string;
  progress: ProgressStore;
}

const MARK: Record<CatalogEntry['status'], string> = { new: '·', started: '◐', watched: '○', done: '✓' };

/** What the picker says after the title: progress, watched (by --auto) or done, and the quiz score. */
function pickLabel(lang: Lang, e: CatalogEntry): string {
  const extra = [e.id, `${e.minutes} min`];
  if (e.status === 'started') extra.push(`${e.done}/${e.steps}`);
  if (e.status === 'watched') extra.push(msg(lang, 'statusWatched'));
  if (e.status === 'done') extra.push(msg(lang, 'statusDone'));
  if (e.score) extra.push(`${msg(lang, 'colScore')} ${e.score.right}/${e.score.total}`);
  return `${MARK[e.status]} ${e.title}  (${extra.join(', ')})`;
}

async function pick(io: Io, entries: CatalogEntry[], fromMenu: boolean): Promise<string | null> {
  const offer = suggested(entries, io.progress.last);
  const choices = entries.map((e) => ({ name: pickLabel(io.lang, e), value: e.id }));
  const leave = fromMenu ? [{ name: msg(io.lang, 'back'), value: '' }] : [{ name: msg(io.lang, 'quit'), value: '' }];
  const picked = await io.prompts.select<string>(msg(io.lang, 'pickLesson'), [...choices, ...leave], offer?.id);
  return picked === '' ? null : picked;
}

async function startAt(io: Io, lesson: Lesson, auto: boolean): Promise<number> {
  const p = io.progress.lesson(lesson.id);
  if (auto || !p || p.completed || p.done.length === 0) return 0;
  const at = resumeIndex(lesson, p.done);
  if (at === 0) return 0;
  const yes = await io.prompts.confirm(msg(io.lang, 'resumeAsk', { title: lesson.title[io.lang], n: at + 1, total: lesson.steps.length }), true);
  return yes ? at : 0;
}

async function resolveStartLab(deps: LearnDeps): Promise<StartLab> {
  if (deps.startLab) return deps.startLab;
  const { startLab } = await import('../lab.js');
  return startLab;
}

/** The socket probe (ports/) loads when a step first shows the lab's ports, not before the lesson starts. */
function resolvePortsView(deps: LearnDeps): PortsView {
  if (deps.portsView) return deps.portsView;
  return async (ports, lang, names) => (await import('../tutor/ports-view.js')).labPortsView(ports, lang, names);
}

function afterwards(io: Io, id: string, entries: CatalogEntry[]): void {
  const next = entries.slice(entries.findIndex((e) => e.id === id) + 1).find((e) => io.progress.status(e.id) !== 'done');
  if (next) {
    io.write(`${theme.info(msg(io.lang, 'nextLesson', { id: next.id }))}\n`);
    return;
  }
  if (!entries.every((e) => io.progress.status(e.id) === 'done')) return;
  let commands = 0;
  const replies: Record<string, number> = {};
  for (const e of entries) {
    const s = io.progress.lesson(e.id)?.stats;
    commands += s?.commands ?? 0;
    for (const [code, n] of Object.entries(s?.replies ?? {})) replies[code] = (replies[code] ?? 0) + n;
  }
  const list = Object.entries(replies).sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c}×${n}`).join(', ');
  io.write(`${theme.heading(msg(io.lang, 'summaryTitle'))}\n  ${msg(io.lang, 'summaryCommands', { n: commands })}\n${wrap(msg(io.lang, 'summaryReplies', { list }), { prefix: '  ' })}\n`);
}

async function play(io: Io, lesson: Lesson, auto: boolean, deps: LearnDeps): Promise<LessonResult> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runLesson({
      lesson,
      lang: io.lang,
      auto,
      prompts: io.prompts,
      write: io.write,
      startLab: await resolveStartLab(deps),
      portsView: resolvePortsView(deps),
      progress: io.progress,
      startAt: await startAt(io, lesson, auto),
      signal: controller.signal,
    });
  } catch (err) {
    if (err instanceof LessonCancelled || err instanceof PromptCancelled || err instanceof LessonQuit) {
      const done = io.progress.lesson(lesson.id)?.done ?? [];
      io.warn(msg(io.lang, 'cancelled', { id: lesson.id, n: resumeIndex(lesson, done) + 1 }));
      throw err instanceof LessonQuit ? err : new PromptCancelled();
    }
    if (err instanceof LessonRunError) throw new ExitError(err.message);
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function reset(io: Io, target: unknown, positional: string | undefined, ids: string[]): Promise<void> {
  const id = typeof target === 'string' ? target : positional;
  if (id !== undefined && !ids.includes(id)) throw unknownLesson(io.lang, id, ids);
  await io.progress.reset(id);
  io.write(`${msg(io.lang, 'progressReset', { what: id ?? msg(io.lang, 'allLessons') })}\n`);
}

export async function runLearn(lessonId: string | undefined, opts: Record<string, unknown>, deps: LearnDeps = {}): Promise<void> {
  const lang = langOption(opts);
  // Through the one wrapper: at 80 columns `l7lab learn <id>` must not be split, and backticks become the code colour.
  const warn = deps.warn ?? ((t: string) => process.stderr.write(`${wrap(t, { style: theme.warn, code: theme.code })}\n`));
  const dir = deps.lessonsDir ?? defaultLessonsDir();
  const progress = await openProgress(lang, deps.progressFile ?? progressPath(), warn);
  const io: Io = { lang, prompts: deps.prompts ?? terminalPrompts(lang), write: deps.write ?? ((t) => process.stdout.write(t)), warn, dir, progress };
  const { entries, lessons } = await loadCatalog(io);
  const ids = entries.map((e) => e.id);
  if (opts.reset !== undefined && opts.reset !== false) return reset(io, opts.reset, lessonId, ids);
  const auto = opts.auto === true || !(deps.interactive ?? isInteractive());
  if (lessonId !== undefined && !lessons.has(lessonId)) throw unknownLesson(lang, lessonId, ids);
  const id = lessonId ?? (auto ? undefined : await pick(io, entries, deps.fromMenu === true));
  if (id === undefined) throw new UsageError(msg(lang, 'nameLesson', { list: ids.join(', ') }));
  if (id === null) return;
  let result: LessonResult;
  try {
    result = await play(io, lessons.get(id) as Lesson, auto, deps);
  } catch (err) {
    // :quit / Quit is the learner's choice, not a failure: exit 0 (Ctrl-C / Ctrl-D keep 130).
    if (err instanceof LessonQuit) return;
    throw err;
  }
  for (const m of result.mismatches) io.write(`${theme.error(msg(lang, 'mismatch', { ...m }))}\n`);
  if (result.mismatches.length > 0) throw new ExitError(msg(lang, 'mismatchSummary', { n: result.mismatches.length }));
  afterwards(io, id, entries);
}
