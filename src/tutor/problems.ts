import { relative, isAbsolute } from 'node:path';

/**
 * A problem in a lesson file, reported as one line that names the file, the step and the
 * field: `lessons/smtp-basics.yaml: step mail-from: field hint.ja: missing translation (ja)`.
 * The checker, the loader and the runner all report through this, never a stack trace.
 */
export interface Problem {
  file: string;
  step?: string;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const parts = [p.file];
  if (p.step !== undefined) parts.push(`step ${p.step}`);
  if (p.field !== undefined && p.field !== '') parts.push(`field ${p.field}`);
  parts.push(p.message);
  return parts.join(': ');
}

export class LessonFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'LessonFileError';
  }

  /** The first problem only: what a learner sees when a lesson cannot start. */
  get firstLine(): string {
    const first = this.problems[0];
    const more = this.problems.length > 1 ? ` (and ${this.problems.length - 1} more; see l7lab lessons --check)` : '';
    return first ? `${formatProblem(first)}${more}` : 'invalid lesson file';
  }
}

/** Paths are shown relative to where the user is, when that is shorter. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** `['steps', 3, 'choices', 1, 'text', 'ja']` minus the step prefix -> `choices[1].text.ja`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
