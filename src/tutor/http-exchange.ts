import { WireError } from '../wire/client.js';
import type { WireReply } from '../wire/reply-framer.js';
import { countReply, out, type Connection, type LessonContext } from './context.js';
import { openConnection, showExchange } from './exchange.js';
import { msg } from './messages.js';

/**
 * One HTTP request on a lesson connection, shown as a transcript. The lines go out one by one
 * as they come (typed by the learner or played by l7lab) and get no reply of their own; the
 * response is read once the empty line ends the header section (RFC 9112 2.1), or as soon as
 * the server has answered early (a refused request line: 400, then perhaps close). A closed
 * connection is opened again first: HTTP has no session to lose between requests (RFC 9112 9.3).
 */
export interface RequestExchange {
  conn: Connection;
  /** The lines that went out, the final empty line included when it was sent. */
  sent: string[];
  reply: WireReply;
}

/** RFC 9110 9.3.2: the response to HEAD has the fields GET would have, and no content. */
export function isHead(requestLine: string | undefined): boolean {
  return /^HEAD\s/i.test(requestLine ?? '');
}

async function ready(ctx: LessonContext, conn: Connection): Promise<Connection> {
  if (!conn.client.closed) return conn;
  out(ctx, msg(ctx.lang, 'reconnecting', { who: conn.name }));
  return (await openConnection(ctx, conn.name, conn.protocol, conn.lab.name, conn.tlsFromStart)).conn;
}

async function readReply(ctx: LessonContext, conn: Connection, sent: readonly string[]): Promise<WireReply> {
  try {
    return await conn.client.readResponse(isHead(sent[0]));
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    // Closed before a whole response (or none came in time: the server waits for a body): show what came.
    if (err.kind === 'timeout') conn.client.destroy();
    out(ctx, msg(ctx.lang, 'connectionGone', { who: conn.name, why: err.message }));
    return { protocol: conn.protocol, lines: err.partial, status: '', continuation: false };
  }
}

export async function sendRequest(ctx: LessonContext, conn: Connection, lines: () => AsyncGenerator<string>): Promise<RequestExchange> {
  const current = await ready(ctx, conn);
  const sent: string[] = [];
  const typed = lines();
  for (;;) {
    // The server answered before the request was over (it refused a line): that answer is the response.
    if (sent.length > 0 && current.client.hasInput) {
      await typed.return(undefined);
      break;
    }
    const next = await typed.next();
    if (next.done) break;
    try {
      current.client.writeLine(next.value);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      break;
    }
    sent.push(next.value);
    if (next.value === '') break;
  }
  const reply = await readReply(ctx, current, sent);
  current.awaiting = false;
  countReply(ctx, reply.status);
  showExchange(ctx, current, sent, reply.lines);
  return { conn: current, sent, reply };
}
