import { Conversation, type SentLine } from '../conversation/pairing.js';
import { explainEvent } from '../explain/event.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import type { LineEvent, OsiLayer } from '../protocols/transcript.js';
import type { Protocol } from '../protocol.js';
import { renderLines, type ViewLine, type ViewOptions } from '../ui/transcript-view.js';
import { challengeOf } from '../practice/helpers.js';
import { WireClient, WireError } from '../wire/client.js';
import type { WireTls } from '../wire/tls.js';
import { tlsNote } from '../conversation/tls-note.js';
import { labPair } from './labs.js';
import type { WireReply } from '../wire/reply-framer.js';
import { countReply, out, type Connection, type LessonContext, type RunningLab } from './context.js';
import { msg } from './messages.js';
import { DEFAULT_LAB } from './lab-default.js';
import { labNamed } from './lab-named.js';

/**
 * One round trip on a lesson connection, shown as a transcript: what was sent, what came
 * back, each line explained by the server's own transcript event (which carries the session
 * state after the line), falling back to the knowledge table when there is no event.
 */
export function viewOptions(ctx: LessonContext): ViewOptions {
  const s = ctx.lesson.show;
  return { lang: ctx.lang, crlf: s.crlf, state: s.state, layers: s.layers };
}

export { labNamed };

/** Client lines are L7 commands unless the server tagged them (L6 for decoded AUTH data) or the caller says otherwise. */
function clientView(ctx: LessonContext, who: string, protocol: Protocol, sent: readonly SentLine[], paired: ReadonlyArray<LineEvent | undefined>, layer: OsiLayer = 'L7'): ViewLine[] {
  return sent.map(({ text }, i) => {
    const ev = paired[i];
    const explanation = (ev ? explainEvent(ev, ctx.lang) : null) ?? (i === 0 ? KNOWLEDGE[protocol].explainClientLine(text, ctx.lang) : null);
    return {
      direction: 'client',
      text,
      who,
      explanation,
      ...(ev?.decoded !== undefined ? { decoded: ev.decoded } : {}),
      ...(ev?.tls ? { tls: true } : {}),
      layer: ev?.layer ?? layer,
    };
  });
}

/** A reply's meaning is L7; the state it leaves the session in is shown apart, as L5. */
function serverView(ctx: LessonContext, who: string, protocol: Protocol, lines: readonly string[], paired: ReadonlyArray<LineEvent | undefined>): ViewLine[] {
  const views: ViewLine[] = lines.map((text, i) => {
    const ev = paired[i];
    const last = i === lines.length - 1;
    const explanation = ev ? explainEvent(ev, ctx.lang) : last || i === 0 ? KNOWLEDGE[protocol].explainServerLine(text, ctx.lang) : null;
    const lineLayer = ev?.layer ?? (last ? 'L7' : undefined);
    return { direction: 'server', text, who, explanation, ...(lineLayer ? { layer: lineLayer } : {}), ...(ev?.tls ? { tls: true } : {}) };
  });
  // The same explanation on every line of a multi-line reply is said once, at its end.
  for (let i = 0; i < views.length - 1; i++) {
    const v = views[i] as ViewLine;
    if (v.explanation && v.explanation === views[i + 1]?.explanation) v.explanation = null;
  }
  const lastEvent = [...paired].reverse().find((e) => e !== undefined);
  const lastView = views[views.length - 1];
  if (lastView && lastEvent) lastView.state = lastEvent.state;
  return views;
}

/** Render what went over one connection since the last call. */
export function showExchange(ctx: LessonContext, conn: Connection, sent: ReadonlyArray<string | SentLine>, reply: readonly string[], layer?: OsiLayer): void {
  const lines = sent.map((l) => (typeof l === 'string' ? { text: l } : l));
  const paired = conn.conversation.pair(lines, reply);
  if (paired.state !== null) conn.state = paired.state;
  if (ctx.quiet) return;
  const views = [...clientView(ctx, conn.name, conn.protocol, lines, paired.client, layer), ...serverView(ctx, conn.name, conn.protocol, reply, paired.server)];
  out(ctx, renderLines(views, viewOptions(ctx)));
}

/** The lab's endpoint for a protocol: its plain port, or with `tls` its implicit-TLS one (HTTPS, SMTPS, ...). */
function endpointOf(lab: RunningLab, protocol: Protocol, tls: boolean): { host: string; port: number } | undefined {
  return tls ? lab.lab.tlsEndpoints?.[protocol] : lab.lab.endpoints[protocol];
}

/**
 * TLS from the first byte, trusting only the lab certificate. The name `localhost` goes in the
 * ClientHello's server_name (SNI, RFC 6066 3), in clear, as a browser's would; for HTTP the
 * client offers h2 and http/1.1 by ALPN as a browser does (RFC 7301 3.1) and the lab picks
 * http/1.1, the only one it serves. The https lesson shows both.
 */
async function implicitTls(protocol: Protocol): Promise<WireTls> {
  const alpn = protocol === 'http' ? { alpn: ['h2', 'http/1.1'] } : {};
  return { mode: 'implicit', ca: [(await labPair()).cert], servername: 'localhost', ...alpn };
}

/** Open (or reopen) a named connection to a lab server and show its greeting (HTTP has none: the client speaks first). */
export async function openConnection(ctx: LessonContext, name: string, protocol: Protocol, labName: string | undefined, tls = false): Promise<{ conn: Connection; greeting: WireReply }> {
  const lab = labNamed(ctx, labName);
  const endpoint = endpointOf(lab, protocol, tls);
  const label = `${protocol.toUpperCase()}${tls ? 'S' : ''}`;
  if (!endpoint) throw new WireError('refused', msg(ctx.lang, 'needsServer', { protocol: label }));
  out(ctx, msg(ctx.lang, 'connecting', { who: name, protocol: label, host: endpoint.host, port: endpoint.port }));
  const { client, greeting } = await WireClient.connect({
    host: endpoint.host,
    port: endpoint.port,
    protocol,
    ...(tls ? { tls: await implicitTls(protocol) } : {}),
    ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
  });
  ctx.connections.get(name)?.client.destroy();
  const conn: Connection = { name, protocol, lab, client, conversation: new Conversation(lab.link, () => client.localPort), state: null, awaiting: false, greeting: greeting.lines[0] ?? '', challenge: null, tlsFromStart: tls };
  ctx.connections.set(name, conn);
  countReply(ctx, greeting.status);
  if (client.tls && !ctx.quiet) out(ctx, tlsNote(client.tls, ctx.lang, protocol !== 'http'));
  if (greeting.lines.length > 0) showExchange(ctx, conn, [], greeting.lines);
  return { conn, greeting };
}

/** A continuation's text is the SASL challenge, kept for `:cram <user> <secret>`. */
function remember(conn: Connection, reply: WireReply): void {
  conn.awaiting = reply.continuation;
  if (reply.continuation) conn.challenge = challengeOf(reply.lines) ?? conn.challenge;
}

/**
 * Send one line and show the exchange. A connection the server has closed (the learner
 * typed QUIT too early) is reopened first, so the lesson can go on.
 */
export async function sendLine(ctx: LessonContext, conn: Connection, line: string): Promise<{ conn: Connection; reply: WireReply }> {
  let current = conn;
  if (current.client.closed) {
    out(ctx, msg(ctx.lang, 'reconnecting', { who: conn.name }));
    current = (await openConnection(ctx, conn.name, conn.protocol, conn.lab.name, conn.tlsFromStart)).conn;
  }
  try {
    const reply = await current.client.send(line);
    remember(current, reply);
    countReply(ctx, reply.status);
    showExchange(ctx, current, [line], reply.lines);
    return { conn: current, reply };
  } catch (err) {
    if (!(err instanceof WireError) || err.kind !== 'closed') throw err;
    // The server hung up (e.g. 221 after QUIT was already read, or too many errors): show what came.
    showExchange(ctx, current, [line], err.partial);
    current.awaiting = false;
    out(ctx, msg(ctx.lang, 'connectionGone', { who: conn.name, why: err.message }));
    return { conn: current, reply: { protocol: conn.protocol, lines: err.partial, status: '', continuation: false } };
  }
}
