import { renderLines } from '../../ui/transcript-view.js';
import { WireError } from '../../wire/client.js';
import { explainEvent } from '../../explain/event.js';
import { capture, mismatch, out, tr, type LessonContext } from '../context.js';
import { openConnection, viewOptions } from '../exchange.js';
import { msg } from '../messages.js';
import { explain, note, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';
import { statusMatches } from './send.js';

/**
 * Steps about the connection itself: `connect` (open a named client connection and read
 * the greeting, RFC 5321 3.1 / RFC 1939 4 / RFC 3501 7.1), `disconnect` (drop it without a
 * goodbye, as a crashed client would) and `wait` (read what the server says on its own,
 * such as IMAP IDLE's untagged EXISTS, RFC 2177 3).
 */
export async function runConnect(ctx: LessonContext, step: StepOf<'connect'>): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  const { greeting } = await openConnection(ctx, step.connection, step.protocol, step.lab, step.tls);
  const missed = capture(ctx, step.capture, greeting.lines);
  if ((step.expect !== undefined && !statusMatches(step.expect, greeting.status)) || missed.length > 0) {
    const expected = [step.expect, ...missed.map((n) => `{${n}}`)].filter(Boolean).join(' ');
    mismatch(ctx, step.id, expected, greeting.lines.join(' | '));
  }
  // A connection that starts with TLS explains its handshake: L6, as the starttls step does (DESIGN.md layers).
  explain(ctx, tr(ctx, step.explain), step.tls ? 'L6' : 'L5');
}

export function runDisconnect(ctx: LessonContext, step: StepOf<'disconnect'>): void {
  const conn = ctx.connections.get(step.connection);
  // The goodbye it skips: QUIT in SMTP (RFC 5321 4.1.1.10) and POP3 (RFC 1939 6), LOGOUT in IMAP (RFC 3501 6.1.3).
  const goodbye = conn?.protocol === 'imap' ? 'LOGOUT' : 'QUIT';
  note(ctx, msg(ctx.lang, 'dropped', { who: step.connection, goodbye }));
  conn?.client.destroy();
  ctx.connections.delete(step.connection);
  explain(ctx, tr(ctx, step.explain));
}

export async function runWait(ctx: LessonContext, step: StepOf<'wait'>): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  const conn = ctx.connections.get(step.connection);
  if (!conn) throw new Error(`connection ${step.connection} is not open`);
  note(ctx, msg(ctx.lang, 'waiting', { who: step.connection }));
  let lines: string[];
  try {
    lines = await conn.client.waitFor(new RegExp(step.until, 'i'), ctx.timeoutMs);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    lines = err.partial;
    warn(ctx, err.message);
    mismatch(ctx, step.id, `/${step.until}/`, err.message);
  }
  const paired = conn.conversation.pair([], lines).server;
  const views = lines.map((text, i) => {
    const ev = paired[i];
    return { direction: 'server' as const, text, who: conn.name, explanation: ev ? explainEvent(ev, ctx.lang) : null };
  });
  if (views.length > 0) out(ctx, renderLines(views, viewOptions(ctx)));
  explain(ctx, tr(ctx, step.explain));
}
