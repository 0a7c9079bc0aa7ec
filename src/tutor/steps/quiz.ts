import { theme } from '../../ui/theme.js';
import { tr, type LessonContext } from '../context.js';
import { LessonQuit } from '../control.js';
import { msg } from '../messages.js';
import { explain, good, indented, item, say, warn } from '../present.js';
import { terminalWidth, wrap } from '../../ui/wrap.js';
import type { LocalizedText, StepOf } from '../schema.js';
import { withoutVerdict } from '../verdict.js';

/**
 * `quiz`: multiple choice, an explanation for every choice. A wrong pick is explained (why
 * it is wrong) and the learner tries once more; a second miss shows the right answer and why
 * it is right. Only a first-try answer scores. In --auto the right answer is played and every
 * choice is printed with its mark, so the transcript reads as an answer key.
 */
type QuizStep = StepOf<'quiz'>;
type QuizChoice = QuizStep['choices'][number];

const QUIT = -1;

function seeAlso(ctx: LessonContext, step: QuizStep): string {
  return step.see ? ` ${theme.dim(msg(ctx.lang, 'quizSee', { id: step.see }))}` : '';
}

function why(ctx: LessonContext, c: QuizChoice): string {
  return withoutVerdict(tr(ctx, (c.why ?? c.explain) as LocalizedText));
}

function answerKey(ctx: LessonContext, step: QuizStep, right: number): void {
  say(ctx, theme.bold(tr(ctx, step.question)));
  step.choices.forEach((c, i) => {
    const mark = i === right ? theme.ok('✓') : theme.dim('✗');
    item(ctx, mark, tr(ctx, c.text));
    indented(ctx, tr(ctx, c.explain), '      ');
  });
}

/** Every choice every time: with two choices, hiding the missed one would give the answer away. */
async function ask(ctx: LessonContext, step: QuizStep): Promise<number> {
  const choices = step.choices.map((c, i) => ({ name: tr(ctx, c.text), value: i }));
  // The prompt prints "? " before the question: wrapped to the rest of the width, hanging under it.
  const question = wrap(tr(ctx, step.question), { width: terminalWidth() - 2, indent: '  ' });
  const picked = await ctx.prompts.select<number>(question, [...choices, { name: msg(ctx.lang, 'quitChoice'), value: QUIT }]);
  if (picked === QUIT) throw new LessonQuit();
  if (!step.choices[picked]) throw new Error(`quiz ${step.id}: no choice ${picked}`);
  return picked;
}

export async function runQuiz(ctx: LessonContext, step: QuizStep): Promise<void> {
  const right = step.choices.findIndex((c) => c.correct);
  const rightChoice = step.choices[right];
  if (!rightChoice) throw new Error(`quiz ${step.id} has no correct choice`);
  if (ctx.auto) {
    answerKey(ctx, step, right);
    good(ctx, `${msg(ctx.lang, 'quizAnswerWas', { text: tr(ctx, rightChoice.text) })}${seeAlso(ctx, step)}`);
    return;
  }
  ctx.score.total += 1;
  const first = await ask(ctx, step);
  if (first === right) {
    ctx.score.right += 1;
    good(ctx, msg(ctx.lang, 'quizRight'));
    explain(ctx, tr(ctx, rightChoice.explain));
    return;
  }
  warn(ctx, msg(ctx.lang, 'quizAgain'));
  explain(ctx, msg(ctx.lang, 'quizWhyWrong', { text: why(ctx, step.choices[first] as QuizChoice) }));
  const second = await ask(ctx, step);
  if (second === right) {
    good(ctx, msg(ctx.lang, 'quizSecondTry'));
    explain(ctx, tr(ctx, rightChoice.explain));
    return;
  }
  warn(ctx, msg(ctx.lang, 'quizWrong'));
  explain(ctx, msg(ctx.lang, 'quizWhyWrong', { text: why(ctx, step.choices[second] as QuizChoice) }));
  good(ctx, `${msg(ctx.lang, 'quizAnswerWas', { text: tr(ctx, rightChoice.text) })}${seeAlso(ctx, step)}`);
  explain(ctx, msg(ctx.lang, 'quizWhyRight', { text: why(ctx, rightChoice) }));
}
