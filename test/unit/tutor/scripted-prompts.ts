import { PromptCancelled, type Choice, type Prompts } from '../../../src/ui/prompts.js';

/**
 * Prompts for tests: answers come from a script, in order; "press Enter" pauses are
 * answered by themselves. Running out of answers cancels (as Ctrl-C would), so a test
 * that expects the lesson to stop at a point can say so by giving fewer answers.
 */
export type Answer = string | number | { cancel: true };

export interface Scripted extends Prompts {
  /** Every question asked, in order, with the answer given. */
  log: Array<{ kind: 'select' | 'input' | 'confirm'; message: string; answer: unknown; choices?: string[] }>;
  left(): number;
}

const PAUSES = [/Press Enter/, /Enter キー/];

export function scriptedPrompts(script: Answer[]): Scripted {
  const queue = [...script];
  const log: Scripted['log'] = [];
  const nextAnswer = (message: string): Answer => {
    const a = queue.shift();
    if (a === undefined || (typeof a === 'object' && a.cancel)) throw new PromptCancelled();
    void message;
    return a;
  };
  return {
    log,
    left: () => queue.length,
    async select<T>(message: string, choices: Array<Choice<T>>): Promise<T> {
      const a = nextAnswer(message);
      const pick = typeof a === 'number' && !choices.some((c) => c.value === (a as unknown)) ? choices[a]?.value : (a as unknown as T);
      if (!choices.some((c) => c.value === pick)) throw new Error(`scripted answer ${String(a)} is not a choice of "${message}"`);
      log.push({ kind: 'select', message, answer: pick, choices: choices.map((c) => c.name) });
      return pick as T;
    },
    async input(message: string): Promise<string> {
      if (PAUSES.some((p) => p.test(message))) {
        log.push({ kind: 'input', message, answer: '' });
        return '';
      }
      const a = String(nextAnswer(message));
      log.push({ kind: 'input', message, answer: a });
      return a;
    },
    async confirm(message: string, defaultValue = true): Promise<boolean> {
      const a = nextAnswer(message);
      const yes = a === 'y' || a === 'yes' || (a === '' && defaultValue);
      log.push({ kind: 'confirm', message, answer: yes });
      return yes;
    },
  };
}
