import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLearn } from '../../src/commands/learn.js';
import { scriptedPrompts, type Answer } from '../unit/tutor/scripted-prompts.js';
import { scratch } from '../support/scratch.js';

/**
 * `runLearn` with scripted prompts on the real lessons and lab: the lesson list's Back, the
 * quit message that says where the lesson continues, and a quiz score kept and shown.
 */
const home = scratch('l7lab-learn-').suiteDir();

async function learn(id: string | undefined, answers: Answer[], opts: Record<string, unknown> = {}, fromMenu = false) {
  let out = '';
  let err = '';
  const prompts = scriptedPrompts(answers);
  const result = await runLearn(id, opts, {
    prompts,
    interactive: true,
    write: (t) => (out += t),
    warn: (t) => (err += `${t}\n`),
    progressFile: join(home, 'progress.json'),
    fromMenu,
  }).catch((e: unknown) => e);
  return { result, out, err, prompts };
}

describe('learn from the menu and quitting', () => {
  it('offers Back (not only Quit) in the lesson list when started from the menu', async () => {
    const r = await learn(undefined, [''], {}, true);
    expect(r.result).toBeUndefined();
    expect(r.prompts.log[0]?.choices).toContain('Back');
    const alone = await learn(undefined, ['']);
    expect(alone.prompts.log[0]?.choices).toContain('Quit');
  });

  it(':quit ends the lesson with exit 0 and says which step `l7lab learn <id>` continues at (en, ja)', async () => {
    const en = await learn('smtp-basics', ['', ':quit']);
    expect(en.result).toBeUndefined();
    expect(en.err).toContain('Progress saved; `l7lab learn smtp-basics` continues at step 4.');
    expect(en.out).not.toContain('C: :quit');
    const ja = await learn('smtp-basics', ['y', ':q'], { lang: 'ja' });
    expect(ja.err).toContain('`l7lab learn smtp-basics` でステップ 4 から続けられます。');
  });

  it('Ctrl-C (or Ctrl-D) at a prompt says the same and keeps the 130 exit path', async () => {
    const r = await learn('smtp-basics', ['n', '', { cancel: true }]);
    expect((r.result as Error).name).toBe('PromptCancelled');
    expect(r.err).toContain('continues at step 4');
  });
});
