import { ExitError } from '../errors.js';
import { defaultLessonsDir } from '../tutor/lesson-paths.js';
import { msg } from '../tutor/messages.js';
import { formatProblem } from '../tutor/problems.js';
import { progressPath } from '../tutor/progress.js';
import { renderFitted } from '../ui/tables.js';
import { theme } from '../ui/theme.js';
import { loadCatalog, openProgress, unknownLesson } from '../tutor/catalog.js';
import { langOption } from './options.js';

/**
 * `l7lab lessons`: the lessons in order with the learner's progress (`--json` for scripts),
 * `--check` to validate every lesson file (one line per problem: file, step, field), and
 * `--reset [id]` to forget progress.
 */
export interface LessonsDeps {
  write?: (text: string) => void;
  warn?: (text: string) => void;
  lessonsDir?: string;
  progressFile?: string;
}

const STATUS_KEY = { new: 'statusNew', started: 'statusStarted', watched: 'statusWatched', done: 'statusDone' } as const;

export async function runLessons(opts: Record<string, unknown>, deps: LessonsDeps = {}): Promise<void> {
  const lang = langOption(opts);
  const write = deps.write ?? ((t: string) => process.stdout.write(t));
  const warn = deps.warn ?? ((t: string) => process.stderr.write(`${theme.warn(t)}\n`));
  const dir = deps.lessonsDir ?? defaultLessonsDir();
  if (opts.check === true) {
    // The checker parses every file (YAML, zod): loaded only for --check.
    const { checkLessonsDir } = await import('../tutor/checker.js');
    const report = await checkLessonsDir(dir);
    for (const p of report.problems) write(`${formatProblem(p)}\n`);
    if (report.problems.length > 0) throw new ExitError(msg(lang, 'checkProblems', { n: report.problems.length }));
    write(`${theme.ok(msg(lang, 'checkOk', { n: report.lessons }))}\n`);
    return;
  }
  const progress = await openProgress(lang, deps.progressFile ?? progressPath(), warn);
  const { entries } = await loadCatalog({ lang, progress, dir });
  if (opts.reset !== undefined && opts.reset !== false) {
    const id = typeof opts.reset === 'string' ? opts.reset : undefined;
    if (id !== undefined && !entries.some((e) => e.id === id)) throw unknownLesson(lang, id, entries.map((e) => e.id));
    await progress.reset(id);
    write(`${msg(lang, 'progressReset', { what: id ?? msg(lang, 'allLessons') })}\n`);
    return;
  }
  if (opts.json === true) {
    write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const head = [msg(lang, 'colId'), msg(lang, 'colTitle'), msg(lang, 'colMinutes'), msg(lang, 'colStatus'), msg(lang, 'colScore')];
  const rows = entries.map((e) => {
    const status = msg(lang, STATUS_KEY[e.status]) + (e.status === 'started' ? ` ${e.done}/${e.steps}` : '');
    return [e.id, e.title, e.minutes, e.status === 'done' ? theme.ok(status) : status, e.score ? `${e.score.right}/${e.score.total}` : '-'];
  });
  // In a terminal the table fits its width: the titles wrap (ui/tables.ts renderFitted, a
  // `wrap` column), where a wider table would have its borders broken by the terminal. Piped,
  // each lesson stays on one line.
  const columns = head.map((h, i) => (i === 1 ? { head: h, min: 20, wrap: true } : { head: h }));
  write(`${renderFitted(columns, rows, process.stdout.isTTY ? {} : { width: Number.MAX_SAFE_INTEGER })}\n`);
}
