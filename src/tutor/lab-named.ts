import type { LessonContext, RunningLab } from './context.js';
import { DEFAULT_LAB } from './lab-default.js';

/**
 * The running lab a step names (the default one when it names none). Its own module, so the
 * runner's lab listing (steps/show.ts) does not load the exchange and every protocol's
 * knowledge before the first screen (issue 19).
 */
export function labNamed(ctx: LessonContext, name: string | undefined): RunningLab {
  const lab = ctx.labs.get(name ?? DEFAULT_LAB) ?? ctx.labs.get(name ?? '');
  if (!lab) throw new Error(`no lab named ${name ?? DEFAULT_LAB}`);
  return lab;
}
