import { pick } from '../i18n.js';
import { parseHelper } from '../practice/helpers.js';
import { HELPER_HELP } from '../practice/messages.js';
import { encoding } from '../practice/shell-helpers.js';
import { theme } from '../ui/theme.js';
import { LessonQuit } from './control.js';
import { out, tr, type Connection, type LessonContext } from './context.js';
import { msg } from './messages.js';
import type { LocalizedText } from './schema.js';

/**
 * Colon helpers at a lesson's input prompt. A colon never starts an SMTP, POP3 or IMAP
 * command, so a line starting with ":" is never sent: it is a helper (the practice shell's
 * own encoders, shell-helpers.ts) or an unknown one, said so. `:cram <user> <secret>` uses
 * this connection's last challenge and `:apop <secret>` its greeting.
 */
const ENCODERS = ['b64', 'unb64', 'plain', 'cram', 'apop', 'qp', 'word'] as const;
/** Typing helpers again and again is fine; a bound keeps a stuck script from spinning. */
const MAX_HELPER_LINES = 1000;

function help(ctx: LessonContext): string {
  const own = [
    { usage: ':hint', text: msg(ctx.lang, 'helperHint') },
    { usage: ':quit, :q', text: msg(ctx.lang, 'helperQuit') },
  ];
  const shared = HELPER_HELP.filter((h) => h.usage === ':help' || ENCODERS.some((n) => h.usage.startsWith(`:${n} `))).map((h) => ({ usage: h.usage, text: pick(h.text, ctx.lang) }));
  const rows = [...shared, ...own];
  const width = Math.max(...rows.map((r) => r.usage.length));
  return [msg(ctx.lang, 'lessonHelpers'), ...rows.map((r) => `  ${theme.code(r.usage.padEnd(width))}  ${r.text}`)].join('\n');
}

/** What a helper line prints; throws LessonQuit for `:quit` / `:q`. */
/** The hint `:hint` shows: the step's own, or (off the path) the way back, already in the learner's words. */
export type HintSource = LocalizedText | (() => string) | undefined;

function hintText(ctx: LessonContext, hint: HintSource): string | undefined {
  if (hint === undefined) return undefined;
  return typeof hint === 'function' ? hint() : msg(ctx.lang, 'hintLabel', { text: tr(ctx, hint) });
}

async function lessonHelper(ctx: LessonContext, line: string, conn: Connection | undefined, hint: HintSource): Promise<string> {
  const call = parseHelper(line);
  if (!call) return '';
  if (call.name === 'quit' || call.name === 'q') throw new LessonQuit();
  if (call.name === 'help') return help(ctx);
  if (call.name === 'hint') return hintText(ctx, hint) ?? theme.warn(msg(ctx.lang, 'unknownLessonHelper', { name: call.name }));
  if ((ENCODERS as readonly string[]).includes(call.name)) {
    const result = await encoding(call, { lang: ctx.lang, greeting: conn?.greeting ?? '', challenge: conn?.challenge ?? null });
    if (result) return result.text;
  }
  return theme.warn(msg(ctx.lang, 'unknownLessonHelper', { name: call.name }));
}

/** Ask for a line to send; helper lines are answered here and asked again, never sent. */
export async function askLine(ctx: LessonContext, message: string, conn: Connection | undefined, hint?: HintSource): Promise<string> {
  for (let i = 0; i < MAX_HELPER_LINES; i++) {
    const line = await ctx.prompts.input(message);
    if (!line.trim().startsWith(':')) return line;
    const text = await lessonHelper(ctx, line.trim(), conn, hint);
    if (text !== '') out(ctx, text);
  }
  throw new LessonQuit();
}
