import type { Frame } from './transport.js';
import type { OutItem, ProtocolSession, Step } from './session.js';
import { continuationsAfter, couldCarrySecret, namesSecretVerb } from './mask.js';
import { heard, type LineEvent, type TranscriptSink } from './transcript.js';
import type { Protocol } from '../protocol.js';

/** An event while it is built; `time` is set last, so it is declared optional here. */
type Building = Omit<LineEvent, 'time'> & { time?: string };

/**
 * The transcript events for one step, the same for every protocol: the client's line (as
 * the session wants it shown) and each reply line, with the state after it, the knowledge key
 * that explains it (the edge turns it into words) and whether it travelled inside TLS. Returns the bytes to write for the replies.
 */
export function stepEvents(
  sink: TranscriptSink | undefined,
  where: { protocol: Protocol; session: ProtocolSession; port: number; secure: boolean },
  step: Step,
  frame?: Frame,
): Buffer[] {
  // Without a sink, or one nobody hears, there is nothing to describe: only the reply bytes (no clock read, no events).
  if (!heard(sink)) return replyParts(step.out);
  // A silent line with no reply (message content in quiet mode) has nothing to describe either.
  if (step.out.length === 0 && (!frame || step.client?.silent)) return [];
  const { protocol, session, port, secure } = where;
  const time = new Date().toISOString();
  let secretText: string | null = null;
  if (frame && !step.client?.silent) {
    const text =
      step.client?.text ??
      (frame.kind === 'line' ? frame.line.toString('latin1') : frame.kind === 'overflow' ? '[line too long, discarded]' : `[${frame.data.length} octets]`);
    const marked = step.client?.secret === true;
    const carries = secretByWhatItCarries(protocol, session, text, marked);
    const secret = marked || carries;
    // A continuation line is all secret, and a reply may echo it (as a tag, as an unknown command).
    if (secret && !namesSecretVerb(protocol, text)) secretText = text;
    // Built field by field, in the order the log shows them, `time` last: no spread per line.
    const event: Building = { event: 'line', protocol, session: session.id, port, direction: 'client', text, state: session.state };
    if (step.client?.decoded !== undefined) event.decoded = step.client.decoded;
    if (secret) event.secret = true;
    if (step.client?.layer) event.layer = step.client.layer;
    if (step.client?.knowledge) event.knowledge = step.client.knowledge;
    if (secure) event.tls = true;
    event.time = time;
    sink(event as LineEvent);
  }
  const parts: Buffer[] = [];
  step.out.forEach((item: OutItem, i) => {
    const isLine = typeof item === 'string';
    const text = isLine ? item : item.summary;
    parts.push(replyBytes(item));
    const layer = step.layers?.[i];
    const knowledge = step.knowledge?.[i];
    const event: Building = { event: 'line', protocol, session: session.id, port, direction: 'server', text, state: session.state };
    if (echoes(text, secretText)) event.secret = true;
    if (!isLine) event.wireLines = lineCount(item.raw);
    if (layer) event.layer = layer;
    if (knowledge) event.knowledge = knowledge;
    if (secure) event.tls = true;
    event.time = time;
    sink(event as LineEvent);
  });
  return parts;
}

/** Client lines still to be treated as secret on a session: continuations after a bare AUTH (mask.ts). */
const FOLLOWING = new WeakMap<ProtocolSession, number>();

/**
 * Whether a client line could carry a credential by what it is, whatever the session made of
 * it: a secret verb, or a line that may be the continuation of one (mask.ts, issue 20).
 */
function secretByWhatItCarries(protocol: Protocol, session: ProtocolSession, text: string, marked: boolean): boolean {
  const following = FOLLOWING.get(session) ?? 0;
  const next = continuationsAfter(protocol, text);
  // A continuation the session itself took as one: it follows the exchange, no guess is needed after it.
  const guessed = marked && next === 0 && !namesSecretVerb(protocol, text) ? 0 : following - 1;
  if (next > 0 || following > 0) FOLLOWING.set(session, next > 0 ? next : Math.max(guessed, 0));
  return following > 0 || couldCarrySecret(protocol, text);
}

/** A reply that repeats a word of a secret continuation line (`500 ... unrecognized: <base64>`, `<base64> BAD`), in any case. */
function echoes(reply: string, secret: string | null): boolean {
  if (secret === null) return false;
  const lower = reply.toLowerCase();
  return secret.split(/\s+/).some((word) => word.length >= 4 && lower.includes(word.toLowerCase()));
}

/** How many lines a raw chunk spans on the wire: every chunk a session sends ends in CRLF. */
function lineCount(raw: Buffer): number {
  let n = 0;
  for (let lf = raw.indexOf(0x0a); lf >= 0; lf = raw.indexOf(0x0a, lf + 1)) n++;
  return n;
}

/** The bytes of a step's replies, consecutive lines joined into one buffer (a response head is one allocation, not one per line). */
export function replyParts(out: readonly OutItem[]): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < out.length; i++) {
    const item = out[i] as OutItem;
    if (typeof item === 'string') continue;
    if (i > from) parts.push(linesBuffer(out, from, i));
    parts.push(item.raw);
    from = i + 1;
  }
  if (out.length > from) parts.push(linesBuffer(out, from, out.length));
  return parts;
}

/** From this many lines on, they are encoded one by one into a buffer of the right size. */
const MANY_LINES = 64;

/**
 * Lines out[from..to), each with CRLF, as one buffer. A few lines are concatenated and encoded
 * at once; many (the 10,000 of an IMAP FETCH 1:*) are written straight into the buffer, so no
 * string of all of them is built: its 20,000 concatenations and its flat copy were the largest
 * short-lived allocation of such a reply (issue 19: memory).
 */
function linesBuffer(out: readonly OutItem[], from: number, to: number): Buffer {
  if (to - from < MANY_LINES) {
    let lines = '';
    for (let i = from; i < to; i++) lines += `${out[i] as string}\r\n`;
    return Buffer.from(lines, 'utf8');
  }
  let size = 0;
  for (let i = from; i < to; i++) size += Buffer.byteLength(out[i] as string, 'utf8') + 2;
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = from; i < to; i++) {
    at += buf.write(out[i] as string, at, 'utf8');
    buf[at++] = 0x0d;
    buf[at++] = 0x0a;
  }
  return buf;
}

/** A reply line gets its CRLF; a raw chunk (message body, literal) goes as it is. */
function replyBytes(item: OutItem): Buffer {
  return typeof item === 'string' ? Buffer.from(`${item}\r\n`, 'utf8') : item.raw;
}
