import { copyFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLesson, checkLessonsDir, type CheckContext } from '../../../src/tutor/checker.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { defaultLessonsDir, loadLesson, parseLesson } from '../../../src/tutor/loader.js';
import { LessonFileError, formatProblem } from '../../../src/tutor/problems.js';
import { scratch } from '../../support/scratch.js';

/** One fixture file per problem kind; each must be reported as `file: step: field: message`. */
const FIXTURES = 'test/unit/tutor/fixtures';

let ctx: CheckContext;
beforeAll(async () => {
  ctx = { knowledge: KNOWLEDGE, lessonIds: new Set(['valid']) };
});

function problemsOf(name: string): string[] {
  const path = join(FIXTURES, `${name}.yaml`);
  const { lesson, problems } = parseLesson(join(process.cwd(), path), readFileSync(path, 'utf8'));
  const all = lesson ? [...problems, ...checkLesson(path, lesson, ctx)] : problems;
  return all.map(formatProblem);
}

describe('lesson checker, one fixture per problem kind', () => {
  it('accepts a valid lesson (captures feed later placeholders)', () => {
    expect(problemsOf('valid')).toEqual([]);
  });

  it.each([
    ['unknown-kind', 'step typing: field kind: unknown step kind "telnet" (known: say, run, connect, send, request, data, compute, check, quiz, disconnect, wait, relay, starttls, query, authcheck)'],
    ['duplicate-id', 'step ehlo: field id: duplicate step id'],
    ['empty-hint', 'step ehlo: field hint.en: empty text'],
    ['missing-translation', 'step ehlo: field hint.ja: missing translation (ja)'],
    ['unknown-command', 'step hello: field command: "HELLO server" is not a SMTP command the knowledge table knows'],
    ['unknown-connection', 'step ehlo: field connection: unknown connection "phone" (open it with a connect step first)'],
    ['unknown-placeholder', 'step mail: field command: placeholder {sender} is not captured by an earlier step'],
    // A prepared message's lines are filled too ({subject} comes from the compute step, {qpbody} from nothing).
    ['unknown-body-placeholder', 'step message: field body[2]: placeholder {qpbody} is not captured by an earlier step'],
    ['quiz-two-correct', 'step q: field choices: a quiz needs exactly one correct choice, found 2'],
    ['quiz-no-correct', 'step q: field choices: a quiz needs exactly one correct choice, found 0'],
    ['unknown-field', 'step ehlo: field timeout: unknown field'],
    ['unknown-lab', 'step open: field lab: unknown lab "receiving" (labs: main)'],
  ])('%s is reported with file, step and field', (name, message) => {
    expect(problemsOf(name)).toContain(`${FIXTURES}/${name}.yaml: ${message}`);
  });

  it("reports a lab's failure rule that serve's --fail would refuse, naming the lab and the rule", () => {
    const lines = problemsOf('bad-fail-rule');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^test\/unit\/tutor\/fixtures\/bad-fail-rule\.yaml: field labs\.main\.failRules\[1\]: .*send/);
  });

  it('reports a pattern that does not compile', () => {
    const lines = problemsOf('bad-pattern');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^test\/unit\/tutor\/fixtures\/bad-pattern\.yaml: step ehlo: field accept: not a valid pattern: /);
  });

  it('reports broken YAML with its line, not a stack trace', () => {
    const lines = problemsOf('yaml-syntax');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^test\/unit\/tutor\/fixtures\/yaml-syntax\.yaml: line \d+: YAML: /);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('checkLessonsDir', () => {
  const { tempDir } = scratch('l7lab-lessons-');

  async function dirWith(manifest: string, files: Record<string, string>): Promise<string> {
    const dir = tempDir();
    await writeFile(join(dir, 'manifest.yaml'), manifest);
    for (const [name, fixture] of Object.entries(files)) await copyFile(join(FIXTURES, `${fixture}.yaml`), join(dir, `${name}.yaml`));
    return dir;
  }

  it('passes the lessons that ship with l7lab', async () => {
    const report = await checkLessonsDir(defaultLessonsDir());
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.lessons).toBeGreaterThanOrEqual(2);
  });

  it('finds duplicate ids in the manifest, files it does not list, and listed files that are missing', async () => {
    const dir = await dirWith('lessons: [valid, valid, ghost]\n', { valid: 'valid', stray: 'valid' });
    const lines = (await checkLessonsDir(dir)).problems.map(formatProblem);
    expect(lines).toContain(`${join(dir, 'manifest.yaml')}: field lessons[1]: duplicate lesson id "valid"`);
    expect(lines).toContain(`${join(dir, 'stray.yaml')}: not listed in manifest.yaml`);
    expect(lines).toContain(`${join(dir, 'ghost.yaml')}: listed in manifest.yaml but the file is missing`);
  });

  it('finds a lesson whose id differs from its file name', async () => {
    const dir = await dirWith('lessons: [other]\n', { other: 'valid' });
    const lines = (await checkLessonsDir(dir)).problems.map(formatProblem);
    expect(lines).toEqual([`${join(dir, 'other.yaml')}: field id: is "valid" but the manifest lists "other"`]);
  });
});

describe('loadLesson', () => {
  it('throws one LessonFileError line naming the file and field of a broken lesson', async () => {
    const err = await loadLesson('missing-translation', FIXTURES).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LessonFileError);
    expect((err as LessonFileError).firstLine).toBe(`${FIXTURES}/missing-translation.yaml: step ehlo: field hint.ja: missing translation (ja)`);
  });

  it('says a lesson file is not found, in one line', async () => {
    const err = await loadLesson('nope', FIXTURES).catch((e: unknown) => e);
    expect((err as LessonFileError).firstLine).toBe(`${FIXTURES}/nope.yaml: file not found`);
  });
});

describe('the shipped lessons', () => {
  it('take 5 to 10 minutes and end with 2 to 4 quiz questions each (review: one question per lesson)', async () => {
    const { loadManifest } = await import('../../../src/tutor/loader.js');
    const { lessons } = await loadManifest();
    for (const id of lessons) {
      const lesson = await loadLesson(id);
      const quizzes = lesson.steps.filter((s) => s.kind === 'quiz').length;
      // Issue 7: `review` is itself the mixed quiz across all lessons, so it asks one per lesson.
      const quizzesOk = id === 'review' ? quizzes === lessons.length - 1 : quizzes >= 2 && quizzes <= 4;
      expect([id, lesson.minutes >= 5 && lesson.minutes <= 10, quizzesOk]).toEqual([id, true, true]);
      expect(lesson.steps[lesson.steps.length - 1]?.kind).toBe('quiz');
    }
  });
});
