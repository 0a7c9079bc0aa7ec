import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { MANIFEST_FILE, defaultLessonsDir, lessonFile } from './lesson-paths.js';
import { LessonFileError, displayPath, fieldPath, type Problem } from './problems.js';
import { STEP_KINDS, lesson as lessonSchema, manifest as manifestSchema, type Lesson, type Manifest } from './schema.js';

/**
 * Reads lessons/: a manifest (ordered lesson ids) and one YAML file per lesson, parsed
 * with the yaml library and validated with zod. Every failure becomes Problems naming
 * file, step and field, so a broken file is one clear line, never a stack trace.
 */

// Re-exported: the checker and tests name the lessons directory through the loader.
export { MANIFEST_FILE, defaultLessonsDir, lessonFile };

/** Parse YAML text; syntax errors become problems with their line number. */
function parseYaml(file: string, source: string): { value: unknown; problems: Problem[] } {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  const problems = doc.errors.map((e) => {
    const line = e.linePos?.[0]?.line;
    const msg = (e.message.split('\n')[0] ?? e.code).replace(/ at line \d+, column \d+:?$/, '');
    return { file, message: `${line !== undefined ? `line ${line}: ` : ''}YAML: ${msg}` };
  });
  return { value: problems.length > 0 ? undefined : (doc.toJS() as unknown), problems };
}

function stepIdAt(value: unknown, index: number): string {
  const steps = (value as { steps?: unknown } | null)?.steps;
  const raw = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof raw === 'string' && raw !== '' ? raw : `#${index + 1}`;
}

function issueMessage(issue: z.core.$ZodIssue, field: string): string {
  const last = issue.path[issue.path.length - 1];
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  if (missing && (last === 'en' || last === 'ja')) return `missing translation (${last})`;
  if (missing) return 'missing';
  if (issue.code === 'too_small' && issue.origin === 'string') return field.endsWith('en') || field.endsWith('ja') ? 'empty text' : 'empty';
  if (issue.code === 'invalid_union' && 'discriminator' in issue) return `unknown step kind (known: ${STEP_KINDS.join(', ')})`;
  if (issue.code === 'unrecognized_keys') return 'unknown field';
  return issue.message;
}

/** zod issues -> problems, with the step named by its id rather than its index. */
export function issuesToProblems(file: string, value: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) => {
    // An unknown key is reported at the key itself: `field timeout: unknown field`.
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return paths.map((path) => problemAt(file, value, issue, path));
  });
}

function problemAt(file: string, value: unknown, issue: z.core.$ZodIssue, path: readonly PropertyKey[]): Problem {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const field = fieldPath(path.slice(2));
    const kind = (value as { steps?: Array<{ kind?: unknown }> }).steps?.[path[1]]?.kind;
    const msg = issueMessage(issue, field);
    const message = msg.startsWith('unknown step kind') ? `unknown step kind "${String(kind)}" ${msg.slice('unknown step kind '.length)}` : msg;
    return { file, step: stepIdAt(value, path[1]), field, message };
  }
  const field = fieldPath(path);
  return { file, field, message: issueMessage(issue, field) };
}

export function parseLesson(path: string, source: string): { lesson: Lesson | null; problems: Problem[] } {
  const file = displayPath(path);
  const { value, problems } = parseYaml(file, source);
  if (problems.length > 0) return { lesson: null, problems };
  const result = lessonSchema.safeParse(value);
  if (!result.success) return { lesson: null, problems: issuesToProblems(file, value, result.error.issues) };
  return { lesson: result.data, problems: [] };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`;
    throw new LessonFileError([{ file: displayPath(path), message: why }]);
  }
}

export async function loadManifest(dir: string = defaultLessonsDir()): Promise<Manifest> {
  const path = join(dir, MANIFEST_FILE);
  const file = displayPath(path);
  const { value, problems } = parseYaml(file, await readText(path));
  if (problems.length > 0) throw new LessonFileError(problems);
  const result = manifestSchema.safeParse(value);
  if (!result.success) throw new LessonFileError(issuesToProblems(file, value, result.error.issues));
  return result.data;
}

/** Load and validate one lesson; throws LessonFileError naming file, step and field. */
export async function loadLesson(id: string, dir: string = defaultLessonsDir()): Promise<Lesson> {
  const path = lessonFile(dir, id);
  const { lesson, problems } = parseLesson(path, await readText(path));
  if (!lesson) throw new LessonFileError(problems);
  if (lesson.id !== id) throw new LessonFileError([{ file: displayPath(path), field: 'id', message: `is "${lesson.id}" but the file is named for "${id}"` }]);
  return lesson;
}

/** Every lesson file in the directory (for the checker: files missing from the manifest). */
export async function lessonFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  // glossary.yaml (check-glossary.ts) is the course's word list, not a lesson.
  return names.filter((n) => n.endsWith('.yaml') && n !== MANIFEST_FILE && n !== 'glossary.yaml').map((n) => n.slice(0, -'.yaml'.length)).sort();
}
