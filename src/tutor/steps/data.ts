import { DataCollector } from '../../practice/multiline.js';
import { dotStuff, type WireReply } from '../../wire/reply-framer.js';
import { LessonQuit } from '../control.js';
import { rebuildMenu } from '../recovery.js';
import { WireError } from '../../wire/client.js';
import { capture, countReply, fillValue, mismatch, out, tr, type Connection, type LessonContext } from '../context.js';
import { showExchange } from '../exchange.js';
import { messageLines } from '../../conversation/pairing.js';
import { msg } from '../messages.js';
import { code, explain, note, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';
import { statusMatches } from './send.js';
import { dkimBody } from '../dkim-data.js';
import { authMsg } from '../auth-messages.js';
import { labAuthEngine } from '../auth-engine-lab.js';

/**
 * `data`: the message text after `354`. A prepared message is dot-stuffed on its way out
 * (RFC 5321 4.5.2: a line starting with "." gets one more) and ended by a line with only
 * "." (RFC 5321 4.1.1.4); the learner sees both forms. A typed message is dot-stuffed the
 * same way (the practice shell's DataCollector), and the lesson says it was the learner's own.
 * With `dkim`, the prepared message is signed with the lab key first (dkim-data.ts), so it is
 * always the prepared one: a typed message would need its own signature.
 */
type DataStep = StepOf<'data'>;

function preview(ctx: LessonContext, body: readonly string[]): void {
  note(ctx, msg(ctx.lang, 'dataPreview'));
  for (const line of body) {
    code(ctx, line === '' ? '' : line);
    const wire = dotStuff(line);
    if (wire !== line) note(ctx, `    ${msg(ctx.lang, 'dataStuffed', { line, wire })}`);
  }
  code(ctx, '.');
}

/** The learner's lines as typed, collected like the practice shell does (the lone dot ends them). */
async function typedBody(ctx: LessonContext): Promise<DataCollector> {
  const body = new DataCollector();
  // Bounded: a message body of a lesson is short; the lone dot ends it.
  for (let i = 0; i < 500; i++) {
    const line = await ctx.prompts.input(msg(ctx.lang, 'dataLine'));
    // A message line may start with ":"; only the quit helpers are read here.
    if (/^:(quit|q)$/i.test(line.trim())) throw new LessonQuit();
    if (body.push(line)) return body;
  }
  return body;
}

/**
 * The prepared lines with `{name}` filled from earlier steps (an encoded word, a quoted-printable
 * body computed for this message); a value of several lines becomes several lines.
 */
export function preparedLines(ctx: LessonContext, body: readonly string[]): string[] {
  return body.flatMap((line) => fillValue(ctx, line).split('\n'));
}

async function sendPrepared(ctx: LessonContext, conn: Connection, step: DataStep): Promise<WireReply> {
  const body = preparedLines(ctx, step.body);
  const lines = dkimBody(ctx, step, body, labAuthEngine);
  preview(ctx, body);
  const { wire, reply } = await conn.client.sendBody(lines);
  showExchange(ctx, conn, messageLines(wire), reply.lines, 'L6');
  // The newest message is the prepared one again: checks after it need not say the learner's was checked.
  ctx.ownMessage = false;
  return reply;
}

/** RFC 5321 4.5.2: the typed lines are dot-stuffed on the wire, as in the practice shell. */
async function sendTyped(ctx: LessonContext, conn: Connection): Promise<WireReply> {
  const body = await typedBody(ctx);
  const wire = body.wire();
  const reply = await conn.client.sendRawLines(wire);
  showExchange(ctx, conn, messageLines(wire), reply.lines, 'L6');
  ctx.ownMessage = true;
  note(ctx, msg(ctx.lang, 'ownMessage', { n: body.lines.length, stuffed: body.stuffed }));
  return reply;
}

export async function runData(ctx: LessonContext, step: DataStep): Promise<void> {
  say(ctx, tr(ctx, step.text));
  const conn = ctx.connections.get(step.connection);
  if (!conn) throw new Error(`connection ${step.connection} is not open`);
  let typed = false;
  if (!ctx.auto && !ctx.quiet && !ctx.skipNext) {
    if (step.dkim !== undefined) note(ctx, authMsg(ctx.lang, 'signedOnly'));
    const choice = await ctx.prompts.select<'prepared' | 'typed' | 'quit'>(msg(ctx.lang, 'dataChoice'), [
      { name: msg(ctx.lang, 'dataPrepared'), value: 'prepared' },
      ...(step.dkim === undefined ? [{ name: msg(ctx.lang, 'dataTyped'), value: 'typed' as const }] : []),
      { name: msg(ctx.lang, 'quitChoice'), value: 'quit' },
    ]);
    if (choice === 'quit') throw new LessonQuit();
    typed = choice === 'typed';
  }
  let reply: WireReply;
  try {
    reply = typed ? await sendTyped(ctx, conn) : await sendPrepared(ctx, conn, step);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    showExchange(ctx, conn, [], err.partial);
    reply = { protocol: 'smtp', lines: err.partial, status: '', continuation: false };
  }
  countReply(ctx, reply.status);
  const missed = capture(ctx, step.capture, reply.lines);
  if (!statusMatches(step.expect, reply.status) || missed.length > 0) {
    if (!typed) mismatch(ctx, step.id, step.expect, reply.status || reply.lines.join(' | ') || '(no reply)');
    if (!ctx.auto && !ctx.quiet) {
      warn(ctx, msg(ctx.lang, 'notExpected', { expected: step.expect, got: reply.status || '-' }));
      if (step.hint) out(ctx, msg(ctx.lang, 'hintLabel', { text: tr(ctx, step.hint) }));
      // The message has ended either way: the step is done only on a rebuilt lab.
      await rebuildMenu(ctx, msg(ctx.lang, 'whatNow'), false);
    }
  }
  explain(ctx, tr(ctx, step.explain), 'L6');
}
