import { WireError } from '../wire/client.js';
import type { HttpPart, HttpWireResponse } from '../wire/http-response.js';
import type { WireReply } from '../wire/reply-framer.js';
import { countReply, out, type Connection, type LessonContext } from './context.js';
import { openConnection, showExchange } from './exchange.js';
import { msg } from './messages.js';

/**
 * One HTTP request on a lesson connection, shown as a transcript. The request's lines (the
 * last one the empty line that ends the header section, RFC 9112 2.1) go out together once
 * the learner has typed them, as a client sends a request, and the whole response is read
 * (wire/http-response.ts frames it: Content-Length, chunked, or until close, RFC 9112 6.3).
 * A closed connection is opened again first: HTTP keeps no session between requests, so a
 * new connection loses nothing (RFC 9112 9.3).
 */
export interface RequestExchange {
  conn: Connection;
  /** The lines that went out, the final empty line included. */
  sent: string[];
  reply: WireReply;
}

/** RFC 9110 9.3.2: the response to HEAD has the fields GET would have, and no content. */
export function isHead(requestLine: string | undefined): boolean {
  return /^HEAD\s/i.test(requestLine ?? '');
}

const methodOf = (requestLine: string | undefined) => (requestLine ?? '').trim().split(/\s+/)[0]?.toUpperCase() ?? '';

/**
 * The lines of a response as they crossed the wire: each line part's text, and content split at
 * its line ends. A chunk is followed by the CRLF that ends it (RFC 9112 7.1), one more (empty)
 * line, so the lines pair with the server's transcript events one to one.
 */
export function responseLines(responses: readonly HttpWireResponse[]): string[] {
  return responses.flatMap((r) => r.parts.flatMap(partLines));
}

function partLines(part: HttpPart): string[] {
  if ('text' in part) return [part.text];
  const bytes = part.kind === 'chunk' ? Buffer.concat([part.bytes, Buffer.from('\r\n')]) : part.bytes;
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}

/** The final response's status code, as the lesson's `expect` compares it: `200`, `304`. */
function statusOf(responses: readonly HttpWireResponse[]): string {
  const last = responses[responses.length - 1];
  return last ? String(last.code) : '';
}

async function ready(ctx: LessonContext, conn: Connection): Promise<Connection> {
  if (!conn.client.closed) return conn;
  out(ctx, msg(ctx.lang, 'reconnecting', { who: conn.name }));
  return (await openConnection(ctx, conn.name, conn.protocol, conn.lab.name, conn.tlsFromStart)).conn;
}

async function exchange(ctx: LessonContext, conn: Connection, lines: readonly string[]): Promise<WireReply> {
  const responses = await conn.client.sendHttp(lines, Buffer.alloc(0), methodOf(lines[0]));
  return { protocol: conn.protocol, lines: responseLines(responses), status: statusOf(responses), continuation: false };
}

/** What came before the connection ended (or nothing came in time: the server waits for a body). */
function cutShort(ctx: LessonContext, conn: Connection, err: WireError): WireReply {
  if (err.kind === 'timeout') conn.client.destroy();
  out(ctx, msg(ctx.lang, 'connectionGone', { who: conn.name, why: err.message }));
  return { protocol: conn.protocol, lines: err.partial, status: '', continuation: false };
}

/**
 * Send and read; a connection the server closed after its last response (Connection: close)
 * before we noticed gets the request again on a new one, as RFC 9112 9.3.1 lets a client
 * retry when nothing of the response came back.
 */
async function sendOnce(ctx: LessonContext, conn: Connection, lines: readonly string[]): Promise<{ conn: Connection; reply: WireReply }> {
  try {
    return { conn, reply: await exchange(ctx, conn, lines) };
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    if (err.kind !== 'closed' || err.partial.length > 0) return { conn, reply: cutShort(ctx, conn, err) };
  }
  const again = await ready(ctx, conn);
  try {
    return { conn: again, reply: await exchange(ctx, again, lines) };
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    return { conn: again, reply: cutShort(ctx, again, err) };
  }
}

export async function sendRequest(ctx: LessonContext, conn: Connection, lines: readonly string[]): Promise<RequestExchange> {
  const { conn: current, reply } = await sendOnce(ctx, await ready(ctx, conn), lines);
  current.awaiting = false;
  countReply(ctx, reply.status);
  showExchange(ctx, current, lines, reply.lines);
  return { conn: current, sent: [...lines], reply };
}
