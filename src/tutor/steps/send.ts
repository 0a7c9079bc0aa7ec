import type { WireReply } from '../../wire/reply-framer.js';
import { capture, fillValue, mismatch, tr, type Connection, type LessonContext } from '../context.js';
import { sendLine } from '../exchange.js';
import { msg } from '../messages.js';
import { code, explain, good, note, say, warn } from '../present.js';
import { displayWidth } from '../../ui/width.js';
import { terminalWidth } from '../../ui/wrap.js';
import type { StepOf } from '../schema.js';
import { LessonQuit, StepRestart } from '../control.js';
import { missReason, specificMissReason } from '../feedback.js';
import { askLine, type HintSource } from '../lesson-helpers.js';
import { missMenu, offPath, recover, sayOffPath, stepStart, wayOutText, type MissChoice } from '../recovery.js';

/**
 * The learner types a command on a connection. Whatever is typed is really sent (except a
 * `:helper` line), so a wrong command gets the server's real error reply, explained, with a
 * sentence on why it missed (feedback.ts); then the learner chooses to retry, see a hint, see
 * the answer, skip or quit. A line that moved the session away from where the step starts
 * goes to the recovery menu instead (recovery.ts). Enter alone sends the suggestion.
 */
type SendStep = StepOf<'send'>;

/** `250`, `+OK`, `OK` compare exactly (case-insensitive); `2xx` matches any 2yz code. */
export function statusMatches(expected: string, status: string): boolean {
  const e = expected.toUpperCase();
  const s = status.toUpperCase();
  if (/^[1-5]XX$/.test(e)) return s.length === 3 && s[0] === e[0];
  return e === s;
}

export function replyMatches(step: { expect: string; match?: string | undefined }, reply: WireReply): boolean {
  if (!statusMatches(step.expect, reply.status)) return false;
  return step.match === undefined || new RegExp(step.match, 'im').test(reply.lines.join('\n'));
}

export function isAccepted(step: SendStep, typed: string, suggestion: string): boolean {
  const t = typed.trim();
  if (step.accept !== undefined) return new RegExp(step.accept, 'i').test(t);
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
  return norm(t) === norm(suggestion);
}

function expectedLabel(step: SendStep | StepOf<'data'>): string {
  return 'match' in step && step.match ? `${step.expect} /${step.match}/` : step.expect;
}

interface Attempt {
  conn: Connection;
  reply: WireReply;
  ok: boolean;
  accepted: boolean;
}

async function attempt(ctx: LessonContext, step: SendStep, conn: Connection, typed: string, suggestion: string): Promise<Attempt> {
  const sent = await sendLine(ctx, conn, typed);
  const accepted = isAccepted(step, typed, suggestion);
  const missed = capture(ctx, step.capture, sent.reply.lines);
  const ok = accepted && replyMatches(step, sent.reply) && missed.length === 0;
  return { conn: sent.conn, reply: sent.reply, ok, accepted };
}

/** The command that opened the exchange a continuation step answers: the last non-continuation send on its connection before it. */
function openerOf(ctx: LessonContext, step: SendStep): string | undefined {
  const steps = ctx.lesson.steps;
  const at = steps.findIndex((s) => s.id === step.id);
  for (let i = at - 1; i >= 0; i--) {
    const s = steps[i];
    if (s?.kind === 'send' && s.connection === step.connection && !s.continues) return fillValue(ctx, s.command);
  }
  return undefined;
}

/** Room left on the prompt's line for what the learner types. */
const TYPING_ROOM = 12;

async function ask(ctx: LessonContext, step: SendStep, suggestion: string, hint: HintSource): Promise<string> {
  let message = `[${step.connection}] ${msg(ctx.lang, 'typeCommand', { suggestion })}`;
  // A prompt the terminal would fold could split the suggestion (a long base64): it goes on a line of its own.
  if (displayWidth(`? ${message}`) + TYPING_ROOM > terminalWidth()) {
    note(ctx, msg(ctx.lang, 'suggestionAbove'));
    code(ctx, suggestion);
    message = `[${step.connection}] ${msg(ctx.lang, 'typeCommandShort')}`;
  }
  const typed = await askLine(ctx, message, ctx.connections.get(step.connection), hint);
  return typed.trim() === '' ? suggestion : typed;
}

async function afterMiss(ctx: LessonContext, step: SendStep, suggestion: string): Promise<MissChoice> {
  const choice = await missMenu(ctx);
  if (choice === 'hint') say(ctx, msg(ctx.lang, 'hintLabel', { text: tr(ctx, step.hint) }));
  if (choice === 'answer') say(ctx, msg(ctx.lang, 'answerLabel', { text: suggestion }));
  return choice;
}

function connection(ctx: LessonContext, name: string): Connection {
  const conn = ctx.connections.get(name);
  if (!conn) throw new Error(`connection ${name} is not open`);
  return conn;
}

/** Played by l7lab: --auto, a quiet replay, or Skip after a rebuilt lab. */
async function play(ctx: LessonContext, step: SendStep, suggestion: string): Promise<void> {
  const a = await attempt(ctx, step, connection(ctx, step.connection), suggestion, suggestion);
  if (!a.ok) mismatch(ctx, step.id, expectedLabel(step), a.reply.status || a.reply.lines.join(' | ') || '(no reply)');
  else if (ctx.skipNext) good(ctx, '✓');
  ctx.stats.commands += ctx.quiet ? 0 : 1;
  explain(ctx, tr(ctx, step.explain), step.layer);
}

/** Why the line missed, when the session is still where the step starts. */
function sayMiss(ctx: LessonContext, step: SendStep, a: Attempt, typed: string, suggestion: string): void {
  if (a.accepted) {
    warn(ctx, msg(ctx.lang, 'notExpected', { expected: expectedLabel(step), got: a.reply.status || '-' }));
    return;
  }
  warn(ctx, missReason({ lang: ctx.lang, protocol: a.conn.protocol, typed, suggestion, continues: step.continues }));
}

/** Skip while still on the path: l7lab sends the suggestion on this very connection. */
async function skipHere(ctx: LessonContext, step: SendStep, suggestion: string): Promise<void> {
  note(ctx, msg(ctx.lang, 'skipped', { text: suggestion }));
  const s = await attempt(ctx, step, connection(ctx, step.connection), suggestion, suggestion);
  // The state name can hide a broken exchange (POP3 forgets USER after another command,
  // RFC 1939 7): when the suggestion misses too, Skip goes on from a rebuilt lab instead.
  if (!s.ok) {
    note(ctx, msg(ctx.lang, 'skipRebuilding'));
    throw new StepRestart(true);
  }
  good(ctx, '✓');
  explain(ctx, tr(ctx, step.explain), step.layer);
}

export async function runSend(ctx: LessonContext, step: SendStep): Promise<void> {
  const suggestion = fillValue(ctx, step.command);
  say(ctx, tr(ctx, step.text));
  if (ctx.auto || ctx.quiet || ctx.skipNext) {
    if (ctx.skipNext) note(ctx, msg(ctx.lang, 'skipped', { text: suggestion }));
    return play(ctx, step, suggestion);
  }
  const start = stepStart(ctx.connections.get(step.connection), step.continues);
  let wasOff = false;
  // :hint shows the step's hint, or while off the path the way back from where the learner is.
  let hint: HintSource = step.hint;
  // Bounded: each round is one line typed by the learner; a thousand is far past any real session.
  for (let round = 0; round < 1000; round++) {
    const typed = await ask(ctx, step, suggestion, hint);
    ctx.stats.commands += 1;
    const a = await attempt(ctx, step, connection(ctx, step.connection), typed, suggestion);
    if (a.ok) {
      explain(ctx, tr(ctx, step.explain), step.layer);
      return;
    }
    const off = offPath(start, a.conn);
    if (off) {
      sayOffPath(ctx, off, start, a.conn);
      const conn = a.conn;
      hint = () => wayOutText(ctx, off, start, conn, openerOf(ctx, step));
      const why = a.accepted ? null : specificMissReason({ lang: ctx.lang, protocol: a.conn.protocol, typed, suggestion, continues: step.continues });
      if (why) note(ctx, why);
      wasOff = true;
      await recover(ctx, off, start, a.conn, openerOf(ctx, step));
      continue;
    }
    if (wasOff) {
      wasOff = false;
      hint = step.hint;
      good(ctx, msg(ctx.lang, 'backOnPath'));
      continue;
    }
    sayMiss(ctx, step, a, typed, suggestion);
    if ((await afterMiss(ctx, step, suggestion)) === 'skip') return skipHere(ctx, step, suggestion);
  }
  throw new LessonQuit();
}
