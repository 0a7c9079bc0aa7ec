import type { OsiLayer } from '../protocols/transcript.js';
import { theme } from '../ui/theme.js';
import { wrap, type WrapOptions } from '../ui/wrap.js';
import { fillValue, out, type LessonContext } from './context.js';

/**
 * How the lesson's own words look next to the transcript (the transcript itself is
 * ui/transcript-view). Every paragraph goes through the one wrapper (ui/wrap.ts): it fits
 * the terminal, `backticks` become the code colour, and no command this lesson asks the
 * learner to type is ever split across two lines.
 */
function commandsOf(ctx: LessonContext): string[] {
  const commands = ctx.lesson.steps.flatMap((s) => {
    if (s.kind === 'send') return [fillValue(ctx, s.command)];
    if (s.kind === 'request') return s.lines.map((l) => fillValue(ctx, l));
    return s.kind === 'query' ? [fillValue(ctx, s.query)] : [];
  });
  // Longest first, so `MAIL FROM:<a@b>` wins over a shorter command it contains.
  return [...new Set(commands)].sort((a, b) => b.length - a.length);
}

function paragraph(ctx: LessonContext, text: string, opts: WrapOptions = {}): void {
  out(ctx, wrap(text, { keep: commandsOf(ctx), code: theme.code, ...opts }));
}

/** A paragraph of the lesson; `prefix` (a layer badge) starts the first line, the rest hang under the text. */
export function say(ctx: LessonContext, text: string, prefix = ''): void {
  paragraph(ctx, text, { prefix });
}

/** The lesson's explanation after a step, with the layer it is about when the lesson shows layers. */
export function explain(ctx: LessonContext, text: string, layer?: OsiLayer): void {
  const badge = layer && ctx.lesson.show.layers ? `${theme.layer(layer)} ` : '';
  paragraph(ctx, text, { prefix: `${theme.info('»')} ${badge}` });
}

/** A paragraph under a list item (a quiz choice's explanation): every line starts at `indent`. */
export function indented(ctx: LessonContext, text: string, indent: string, style: (s: string) => string = theme.explanation): void {
  paragraph(ctx, text, { prefix: indent, style });
}

/** A list item: `mark text`, continuation lines under the text. */
export function item(ctx: LessonContext, mark: string, text: string): void {
  paragraph(ctx, text, { prefix: `  ${mark} ` });
}

export function note(ctx: LessonContext, text: string): void {
  paragraph(ctx, text, { style: theme.dim });
}

export function warn(ctx: LessonContext, text: string): void {
  paragraph(ctx, text, { style: theme.warn });
}

export function good(ctx: LessonContext, text: string): void {
  paragraph(ctx, text, { style: theme.ok });
}

export function heading(ctx: LessonContext, text: string): void {
  paragraph(ctx, text, { style: theme.heading });
}

/** A command or value on a line of its own: never wrapped, so it can be copied whole. */
export function code(ctx: LessonContext, text: string): void {
  out(ctx, `  ${theme.code(text)}`);
}
