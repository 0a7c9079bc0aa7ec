import type { Frame } from './transport.js';
import type { OutItem, ProtocolSession, Step } from './session.js';
import { heard, type TranscriptSink } from './transcript.js';
import type { Protocol } from '../protocol.js';

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
  const tls = secure ? { tls: true } : {};
  if (frame && !step.client?.silent) {
    const text =
      step.client?.text ??
      (frame.kind === 'line' ? frame.line.toString('latin1') : frame.kind === 'overflow' ? '[line too long, discarded]' : `[${frame.data.length} octets]`);
    sink({
      event: 'line',
      protocol,
      session: session.id,
      port,
      direction: 'client',
      text,
      state: session.state,
      ...(step.client?.decoded !== undefined ? { decoded: step.client.decoded } : {}),
      ...(step.client?.secret ? { secret: true } : {}),
      ...(step.client?.layer ? { layer: step.client.layer } : {}),
      ...(step.client?.knowledge ? { knowledge: step.client.knowledge } : {}),
      ...tls,
      time,
    });
  }
  const parts: Buffer[] = [];
  step.out.forEach((item: OutItem, i) => {
    const isLine = typeof item === 'string';
    const text = isLine ? item : item.summary;
    parts.push(replyBytes(item));
    const layer = step.layers?.[i];
    const knowledge = step.knowledge?.[i];
    sink({
      event: 'line',
      protocol,
      session: session.id,
      port,
      direction: 'server',
      text,
      state: session.state,
      ...(isLine ? {} : { wireLines: lineCount(item.raw) }),
      ...(layer ? { layer } : {}),
      ...(knowledge ? { knowledge } : {}),
      ...tls,
      time,
    });
  });
  return parts;
}

/** How many lines a raw chunk spans on the wire: every chunk a session sends ends in CRLF. */
function lineCount(raw: Buffer): number {
  let n = 0;
  for (let lf = raw.indexOf(0x0a); lf >= 0; lf = raw.indexOf(0x0a, lf + 1)) n++;
  return n;
}

/** The bytes of a step's replies, consecutive lines joined into one buffer (a response head is one allocation, not one per line). */
function replyParts(out: readonly OutItem[]): Buffer[] {
  const parts: Buffer[] = [];
  let lines = '';
  for (const item of out) {
    if (typeof item === 'string') {
      lines += `${item}\r\n`;
      continue;
    }
    if (lines !== '') parts.push(Buffer.from(lines, 'utf8'));
    lines = '';
    parts.push(item.raw);
  }
  if (lines !== '') parts.push(Buffer.from(lines, 'utf8'));
  return parts;
}

/** A reply line gets its CRLF; a raw chunk (message body, literal) goes as it is. */
function replyBytes(item: OutItem): Buffer {
  return typeof item === 'string' ? Buffer.from(`${item}\r\n`, 'utf8') : item.raw;
}
