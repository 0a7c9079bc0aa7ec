import { WireError } from '../../wire/client.js';
import { tlsNote } from '../../practice/tls-note.js';
import { countReply, mismatch, out, tr, type LessonContext } from '../context.js';
import { showExchange } from '../exchange.js';
import { labPair } from '../labs.js';
import { explain, say } from '../present.js';
import type { StepOf } from '../schema.js';

/**
 * `starttls`: the upgrade on an open connection (RFC 3207 4, RFC 2595 4, RFC 3501 6.2.1).
 * The engine sends STARTTLS/STLS, shows the go-ahead, does the handshake trusting only the
 * lab certificate, and shows what it gave; later lines on the connection are marked [TLS].
 */
export async function runStarttls(ctx: LessonContext, step: StepOf<'starttls'>): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  const conn = ctx.connections.get(step.connection);
  if (!conn) throw new Error(`connection ${step.connection} is not open`);
  const host = conn.lab.lab.endpoints[conn.protocol]?.host ?? '127.0.0.1';
  try {
    const { sent, reply } = await conn.client.startTls({ mode: 'starttls', ca: [(await labPair()).cert] }, host);
    countReply(ctx, reply.status);
    showExchange(ctx, conn, [sent], reply.lines, 'L6');
    if (!conn.client.tls) mismatch(ctx, step.id, 'TLS', reply.lines.join(' | '));
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    mismatch(ctx, step.id, 'TLS', err.message);
  }
  if (conn.client.tls && !ctx.quiet) out(ctx, tlsNote(conn.client.tls, ctx.lang));
  explain(ctx, tr(ctx, step.explain), 'L6');
}
