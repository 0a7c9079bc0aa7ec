import { PromptCancelled, type Choice, type Prompts } from '../../../src/ui/prompts.js';
import type { Lesson } from '../../../src/tutor/schema.js';

/**
 * Prompts that answer by the step on screen, not by position, so a test stays right when a
 * lesson gains or loses a step: the current step is read from the last `Step n/total` (or
 * `ステップ n/total`) header the lesson wrote. A plan gives a step's answers in order (input
 * lines and select values alike); anything not planned gets the default: Enter (the
 * suggestion), the prepared message, the first quiz choice; `<step>:pause` plans the
 * "Press Enter" after a step. Every question is bounded.
 */
export type Plan = Record<string, Array<string | number>>;

export interface Driven extends Prompts {
  /** Every question asked: step id, kind, message, answer, choice values. */
  log: Array<{ step: string; kind: string; message: string; answer: unknown; values?: unknown[] }>;
  /** Planned answers never used, per step (a plan that did not happen is a failing test). */
  unused(): Record<string, Array<string | number>>;
}

const MAX_QUESTIONS = 2000;

export function currentStep(lesson: Lesson, text: string): string {
  const all = [...text.matchAll(/(?:Step|ステップ) (\d+)\/\d+/g)];
  const n = Number(all[all.length - 1]?.[1] ?? 0);
  return lesson.steps[n - 1]?.id ?? '';
}

export type Policy = (step: string, kind: 'input' | 'select', message: string, values: unknown[]) => unknown;

export function drivenPrompts(lesson: Lesson, text: () => string, plan: Plan = {}, policy?: Policy): Driven {
  const queues = new Map(Object.entries(plan).map(([k, v]) => [k, [...v]]));
  const log: Driven['log'] = [];
  const next = (step: string) => queues.get(step)?.shift();
  const guard = () => {
    if (log.length > MAX_QUESTIONS) throw new Error(`more than ${MAX_QUESTIONS} questions: the lesson loops`);
  };
  return {
    log,
    unused: () => Object.fromEntries([...queues].filter(([, v]) => v.length > 0)),
    async select<T>(message: string, choices: Array<Choice<T>>): Promise<T> {
      guard();
      const step = currentStep(lesson, text());
      const values = choices.map((c) => c.value as unknown);
      let answer: unknown = next(step);
      if (answer === undefined) answer = policy?.(step, 'select', message, values);
      if (answer === undefined) answer = values.includes('prepared') ? 'prepared' : values[0];
      if (answer === 'cancel') throw new PromptCancelled();
      if (!values.includes(answer)) throw new Error(`step ${step}: "${String(answer)}" is not a choice of "${message}" (${values.join(', ')})`);
      log.push({ step, kind: 'select', message, answer, values });
      return answer as T;
    },
    async input(message: string): Promise<string> {
      guard();
      const step = currentStep(lesson, text());
      const pause = /Press Enter|Enter キー/.test(message);
      let answer: unknown = next(pause ? `${step}:pause` : step);
      if (answer === undefined && !pause) answer = policy?.(step, 'input', message, []);
      if (answer === 'cancel') throw new PromptCancelled();
      const line = answer === undefined ? '' : String(answer);
      log.push({ step, kind: 'input', message, answer: line });
      return line;
    },
    async confirm(): Promise<boolean> {
      return true;
    },
  };
}
