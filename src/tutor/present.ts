import type { OsiLayer } from '../protocols/transcript.js';
import { theme } from '../ui/theme.js';
import { out, type LessonContext } from './context.js';

/** How the lesson's own words look next to the transcript (the transcript itself is ui/transcript-view). */
export function say(ctx: LessonContext, text: string): void {
  out(ctx, text);
}

/** The lesson's explanation after a step, with the layer it is about when the lesson shows layers. */
export function explain(ctx: LessonContext, text: string, layer?: OsiLayer): void {
  const badge = layer && ctx.lesson.show.layers ? `${theme.layer(layer)} ` : '';
  out(ctx, `${theme.info('»')} ${badge}${text}`);
}

export function note(ctx: LessonContext, text: string): void {
  out(ctx, theme.dim(text));
}

export function warn(ctx: LessonContext, text: string): void {
  out(ctx, theme.warn(text));
}

export function good(ctx: LessonContext, text: string): void {
  out(ctx, theme.ok(text));
}

export function heading(ctx: LessonContext, text: string): void {
  out(ctx, theme.heading(text));
}

export function code(ctx: LessonContext, text: string): void {
  out(ctx, `  ${theme.code(text)}`);
}
