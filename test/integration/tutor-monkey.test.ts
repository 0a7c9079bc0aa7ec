import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startLab } from '../../src/lab.js';
import { loadLesson } from '../../src/tutor/loader.js';
import { runLesson } from '../../src/tutor/runner.js';
import type { Lesson, Step } from '../../src/tutor/schema.js';
import { scratchHome } from '../unit/tutor/scratch-env.js';
import { drivenPrompts, type Policy } from '../unit/tutor/driven-prompts.js';

/**
 * The monkey test (issue 14): for every lesson in the manifest and every input step, the
 * learner first types a wrong but plausible line (out of order, a missing argument, a typo,
 * an IMAP command without its tag, plain text where base64 is expected, an HTTP request
 * without Host or without its version) and afterwards only
 * takes the choices the tutor offers: Skip, Reset, the way out. Typed DATA is the learner's
 * own message. Every lesson must still reach its end, in English and in Japanese, with no
 * reply differing from what the lesson expects once l7lab has put things right.
 */
const LESSONS = join(process.cwd(), 'lessons');
const scratch = scratchHome('l7lab-monkey-');

const words = (s: string) => s.trim().split(/\s+/);

/** A wrong line for a send step, a different kind of mistake depending on the step. */
export function wrongLine(lesson: Lesson, step: Extract<Step, { kind: 'send' }>, n: number): string {
  if (step.continues) return 'alice';
  const command = step.command;
  const opened = lesson.steps.slice(0, lesson.steps.indexOf(step)).filter((s) => s.kind === 'connect' && s.connection === step.connection);
  const last = opened[opened.length - 1];
  const imap = last?.kind === 'connect' && last.protocol === 'imap';
  if (imap && n % 2 === 0) return words(command).slice(1).join(' ');
  const later = lesson.steps.slice(lesson.steps.indexOf(step) + 1).find((s): s is Extract<Step, { kind: 'send' }> => s.kind === 'send' && s.connection === step.connection && !s.continues && !s.command.includes('{') && s.command !== command);
  switch (n % 3) {
    case 0:
      return (words(command)[imap ? 1 : 0] ?? command).toLowerCase();
    case 1:
      return later ? later.command.toLowerCase() : `${command}X`;
    default: {
      const verb = words(command)[imap ? 1 : 0] ?? 'NOOP';
      const typo = verb.length > 2 ? `${verb.slice(0, -2)}${verb.slice(-1)}${verb.slice(-2, -1)}` : `${verb}X`;
      return command.replace(verb, typo);
    }
  }
}

/** First a mistake per input step, then only what the tutor offers (Skip or Reset on alternate steps). */
function monkey(lesson: Lesson, failures: string[]): Policy {
  const tried = new Set<string>();
  const menus = new Map<string, number>();
  return (stepId, kind, message, values) => {
    const index = lesson.steps.findIndex((s) => s.id === stepId);
    const step = lesson.steps[index];
    if (kind === 'input') {
      if (step?.kind === 'send' && !tried.has(stepId)) {
        tried.add(stepId);
        const wrong = wrongLine(lesson, step, index);
        if (wrong.trim() === '') failures.push(`${lesson.id}/${stepId}: no wrong line`);
        return wrong;
      }
      // An HTTP request ended too early: the request line, then at once the empty line (Host
      // forgotten), or for a one-line request a request line without its version.
      if (step?.kind === 'request' && !tried.has(stepId)) {
        const n = menus.get(`${stepId}:request`) ?? 0;
        menus.set(`${stepId}:request`, n + 1);
        if (n === 0) return step.lines.length > 1 ? step.lines[0] : 'GET /';
        tried.add(stepId);
        return '';
      }
      if (step?.kind === 'data') return ['Subject: my own', '', '.a line with a dot', '.'][(menus.get(`${stepId}:data`) ?? 0) % 4];
      return '';
    }
    const seen = (menus.get(stepId) ?? 0) + 1;
    menus.set(stepId, seen);
    if (values.includes('typed')) return 'typed';
    if (seen > 6) failures.push(`${lesson.id}/${stepId}: still asked "${message}" after ${seen} menus`);
    if (values.includes('way-out')) return index % 2 === 0 ? 'reset' : 'skip';
    if (values.includes('answer')) return 'skip';
    if (values.includes('go-on')) return 'reset';
    if (values.includes('reset')) return 'skip';
    return undefined;
  };
}

async function manifestIds(): Promise<string[]> {
  return (parse(await readFile(join(LESSONS, 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;
}

describe('the monkey test: a wrong line at every input step, then only the offered choices', async () => {
  const ids = await manifestIds();
  for (const lang of ['en', 'ja'] as const) {
    it.each(ids)(`${lang}: %s can still be finished`, async (id) => {
      const lesson = await loadLesson(id, LESSONS);
      const failures: string[] = [];
      let text = '';
      const lines: string[] = [];
      const base = monkey(lesson, failures);
      // Typed DATA lines are answered in order; the data step's own counter advances per line.
      const policy: Policy = (stepId, kind, message, values) => {
        const step = lesson.steps.find((s) => s.id === stepId);
        if (kind === 'input' && step?.kind === 'data' && !/Press Enter|Enter キー/.test(message)) {
          const line = ['Subject: my own', '', '.a line with a dot', '.'][lines.filter((l) => l === stepId).length % 4] as string;
          lines.push(stepId);
          return line;
        }
        return base(stepId, kind, message, values);
      };
      const prompts = drivenPrompts(lesson, () => text, {}, policy);
      const result = await runLesson({ lesson, lang, auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 }).catch((err: unknown) => err);
      if (!(result as { completed?: boolean }).completed) throw new Error(`${id} (${lang}) did not finish: ${String(result)}\n${text.slice(-3000)}`);
      expect(result).toMatchObject({ completed: true, mismatches: [] });
      expect(failures).toEqual([]);
      // A skip never sends into a broken exchange: what l7lab sends for the learner gets the step's reply.
      const skips = text.split(/Skipped: l7lab sends |スキップ: l7lab が /).slice(1).map((part) => part.split('»')[0] as string);
      expect(skips.filter((part) => !part.includes('✓') && !/did not get its reply here either|想定の応答を得られませんでした/.test(part))).toEqual([]);
      // Every send and request step really got its wrong line, and each wrong request was said to miss.
      const typedAt = new Set(prompts.log.filter((q) => q.kind === 'input' && q.answer !== '').map((q) => q.step));
      expect(lesson.steps.filter((s) => (s.kind === 'send' || s.kind === 'request') && !typedAt.has(s.id)).map((s) => s.id)).toEqual([]);
      const requests = lesson.steps.filter((s) => s.kind === 'request').length;
      expect(text.split(/Skipped: l7lab sends this request:|スキップ: l7lab が次のリクエストを送信します:/).length - 1).toBeGreaterThanOrEqual(requests);
    });
  }
});
