import { dotStuff, type WireReply } from '../../wire/reply-framer.js';
import { WireError } from '../../wire/client.js';
import { capture, countReply, mismatch, out, tr, type Connection, type LessonContext } from '../context.js';
import { showExchange } from '../exchange.js';
import { msg } from '../messages.js';
import { code, explain, note, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';
import { statusMatches } from './send.js';

/**
 * `data`: the message text after `354`. A prepared message is dot-stuffed on its way out
 * (RFC 5321 4.5.2: a line starting with "." gets one more) and ended by a line with only
 * "." (RFC 5321 4.1.1.4); the learner sees both forms. A typed message goes out exactly as
 * typed, as it would from a raw terminal session, up to the lone dot.
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

async function typedBody(ctx: LessonContext): Promise<string[]> {
  const lines: string[] = [];
  // Bounded: a message body of a lesson is short; the lone dot ends it.
  for (let i = 0; i < 500; i++) {
    const line = await ctx.prompts.input(msg(ctx.lang, 'dataLine'));
    lines.push(line);
    if (line === '.') return lines;
  }
  lines.push('.');
  return lines;
}

async function sendPrepared(ctx: LessonContext, conn: Connection, step: DataStep): Promise<WireReply> {
  preview(ctx, step.body);
  const { wire, reply } = await conn.client.sendBody(step.body);
  showExchange(ctx, conn, wire, reply.lines, 'L6');
  return reply;
}

async function sendTyped(ctx: LessonContext, conn: Connection): Promise<WireReply> {
  const lines = await typedBody(ctx);
  const reply = await conn.client.sendRawLines(lines);
  showExchange(ctx, conn, lines, reply.lines, 'L6');
  return reply;
}

export async function runData(ctx: LessonContext, step: DataStep): Promise<void> {
  say(ctx, tr(ctx, step.text));
  const conn = ctx.connections.get(step.connection);
  if (!conn) throw new Error(`connection ${step.connection} is not open`);
  let typed = false;
  if (!ctx.auto && !ctx.quiet) {
    typed = 'typed' === (await ctx.prompts.select<'prepared' | 'typed'>(msg(ctx.lang, 'dataChoice'), [
      { name: msg(ctx.lang, 'dataPrepared'), value: 'prepared' },
      { name: msg(ctx.lang, 'dataTyped'), value: 'typed' },
    ]));
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
    if (!ctx.auto && !ctx.quiet) warn(ctx, msg(ctx.lang, 'notExpected', { expected: step.expect, got: reply.status || '-' }));
    if (!typed) mismatch(ctx, step.id, step.expect, reply.status || reply.lines.join(' | ') || '(no reply)');
    if (step.hint && !ctx.auto) out(ctx, msg(ctx.lang, 'hintLabel', { text: tr(ctx, step.hint) }));
  }
  explain(ctx, tr(ctx, step.explain), 'L6');
}
