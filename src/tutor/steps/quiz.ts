import { theme } from '../../ui/theme.js';
import { out, tr, type LessonContext } from '../context.js';
import { msg } from '../messages.js';
import { explain, good, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';

/**
 * `quiz`: multiple choice, an explanation for every choice. The learner's pick is explained;
 * a wrong pick also shows the right answer and why. In --auto the right answer is played
 * and every choice is printed with its mark, so the transcript reads as an answer key.
 */
type QuizStep = StepOf<'quiz'>;

function seeAlso(ctx: LessonContext, step: QuizStep): string {
  return step.see ? ` ${theme.dim(msg(ctx.lang, 'quizSee', { id: step.see }))}` : '';
}

export async function runQuiz(ctx: LessonContext, step: QuizStep): Promise<void> {
  const right = step.choices.findIndex((c) => c.correct);
  const rightChoice = step.choices[right];
  if (!rightChoice) throw new Error(`quiz ${step.id} has no correct choice`);
  if (ctx.auto) {
    say(ctx, theme.bold(tr(ctx, step.question)));
    step.choices.forEach((c, i) => {
      const mark = i === right ? theme.ok('✓') : theme.dim('✗');
      out(ctx, `  ${mark} ${tr(ctx, c.text)}`);
      out(ctx, `      ${theme.explanation(tr(ctx, c.explain))}`);
    });
    good(ctx, `${msg(ctx.lang, 'quizAnswerWas', { text: tr(ctx, rightChoice.text) })}${seeAlso(ctx, step)}`);
    return;
  }
  const picked = await ctx.prompts.select<number>(
    tr(ctx, step.question),
    step.choices.map((c, i) => ({ name: tr(ctx, c.text), value: i })),
  );
  const choice = step.choices[picked];
  if (!choice) throw new Error(`quiz ${step.id}: no choice ${picked}`);
  if (picked === right) {
    good(ctx, msg(ctx.lang, 'quizRight'));
    explain(ctx, tr(ctx, choice.explain));
    return;
  }
  warn(ctx, msg(ctx.lang, 'quizWrong'));
  explain(ctx, tr(ctx, choice.explain));
  good(ctx, `${msg(ctx.lang, 'quizAnswerWas', { text: tr(ctx, rightChoice.text) })}${seeAlso(ctx, step)}`);
  explain(ctx, tr(ctx, rightChoice.explain));
}
