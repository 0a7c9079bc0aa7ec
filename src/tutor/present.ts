import { theme } from '../ui/theme.js';
import { out, type LessonContext } from './context.js';

/** How the lesson's own words look next to the transcript (the transcript itself is ui/transcript-view). */
export function say(ctx: LessonContext, text: string): void {
  out(ctx, text);
}

export function explain(ctx: LessonContext, text: string): void {
  out(ctx, `${theme.info('»')} ${text}`);
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
