import type { Lang } from '../i18n.js';
import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import type { KnowledgeRef } from '../protocols/transcript.js';
import { fieldValue, type HttpPart, type HttpWireResponse } from '../wire/http-response.js';
import { msg } from './messages.js';
import type { ShownLine } from './render.js';

/**
 * An HTTP response on screen, part by part as it crossed the wire: the status line first, then
 * each field, the empty line, and the body (chunk-size lines, chunks, trailers), each explained
 * by a knowledge key made from the part itself (the reader knows what each line is, so no
 * guessing from text). A text body is shown, cut after a few lines; other bodies are summarised.
 */
export const SHOWN_BODY_LINES = 12;
const SHOWN_LINE_CHARS = 160;

const withBareLf = (ref: KnowledgeRef, bareLf: boolean): KnowledgeRef => (bareLf ? { key: ref.key, params: { ...ref.params, bareLf: 1 } } : ref);

function keyOf(part: HttpPart): KnowledgeRef | null {
  switch (part.kind) {
    case 'status':
      return withBareLf({ key: 'status', params: { code: part.code } }, part.bareLf);
    case 'field':
      return withBareLf({ key: 'header', params: { name: part.name.toLowerCase() } }, part.bareLf);
    case 'end-of-head':
      return withBareLf({ key: 'end-of-head' }, part.bareLf);
    case 'chunk-size':
      return withBareLf({ key: 'chunk-size', params: { size: part.size } }, part.bareLf);
    case 'last-chunk':
      return withBareLf({ key: 'last-chunk' }, part.bareLf);
    case 'trailer':
      return withBareLf({ key: 'trailer', params: { name: part.name.toLowerCase() } }, part.bareLf);
    case 'chunk':
    case 'body':
      return { key: 'body', params: { bytes: part.bytes.length } };
    case 'end-of-trailers':
      return null;
  }
}

/** Text a person can read: no NUL, and a text-like Content-Type when one is given. */
function isText(bytes: Buffer, contentType: string | undefined): boolean {
  if (bytes.includes(0)) return false;
  if (contentType === undefined) return true;
  return /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i.test(contentType.trim());
}

/** The lines a body is shown as: its text, cut after SHOWN_BODY_LINES; or one summary line. */
export function bodyText(bytes: Buffer, contentType: string | undefined, lang: Lang): string[] {
  if (!isText(bytes, contentType)) return [msg(lang, 'bodySummary', { n: bytes.length, type: contentType ?? '?' })];
  const lines = bytes.toString('utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const cut = lines.slice(0, SHOWN_BODY_LINES).map((l) => (l.length > SHOWN_LINE_CHARS ? `${l.slice(0, SHOWN_LINE_CHARS)}…` : l));
  if (lines.length > SHOWN_BODY_LINES) cut.push(msg(lang, 'bodyMore', { n: lines.length - SHOWN_BODY_LINES }));
  return cut;
}

function lineBytes(text: string, bareLf: boolean): Buffer {
  return Buffer.from(`${text}${bareLf ? '\n' : '\r\n'}`, 'utf8');
}

function shownPart(part: HttpPart, explanation: string | null, contentType: string | undefined, lang: Lang): ShownLine[] {
  if (part.kind === 'chunk' || part.kind === 'body') {
    return bodyText(part.bytes, contentType, lang).map((text, i) => ({ direction: 'server', text, explanation: i === 0 ? explanation : null, bytes: null }));
  }
  const note = part.kind === 'end-of-trailers' ? msg(lang, 'endOfTrailers') : explanation;
  return [{ direction: 'server', text: part.text, explanation: note, bytes: lineBytes(part.text, part.bareLf) }];
}

/**
 * The lines of one response (an interim 100 Continue is a response of its own). `status`, when
 * the lab's transcript said why it sent this status, replaces the key made from the line.
 */
export function responseLines(r: HttpWireResponse, knowledge: Pick<ProtocolKnowledge, 'describe'>, lang: Lang, status?: KnowledgeRef): ShownLine[] {
  const contentType = fieldValue(r.fields, 'content-type');
  return r.parts.flatMap((part) => {
    const key = part.kind === 'status' && status ? withBareLf(status, part.bareLf) : keyOf(part);
    return shownPart(part, key ? knowledge.describe(key, lang) : null, contentType, lang);
  });
}

/** The response asks to close the connection after it (RFC 9112 9.6), or HTTP/1.0 did not ask to keep it (RFC 9112 9.3). */
export function closesAfter(r: HttpWireResponse): boolean {
  const connection = (fieldValue(r.fields, 'connection') ?? '').toLowerCase().split(',').map((t) => t.trim());
  if (connection.includes('close')) return true;
  const status = r.parts[0];
  return status?.kind === 'status' && status.version === 'HTTP/1.0' && !connection.includes('keep-alive');
}

/**
 * A chunked body typed by hand, line by line as it went out (RFC 9112 7.1): each chunk-size
 * line, the chunk's data (its first line explained), the last chunk, trailers, the empty line.
 */
export function typedChunkedLines(lines: readonly string[], knowledge: Pick<ProtocolKnowledge, 'describe'>, lang: Lang): ShownLine[] {
  const out: ShownLine[] = [];
  const say = (text: string, key: KnowledgeRef | null, note?: string): void => {
    out.push({ direction: 'client', text, explanation: note ?? (key ? knowledge.describe(key, lang) : null), bytes: lineBytes(text, false) });
  };
  let i = 0;
  let trailers = false;
  while (i < lines.length) {
    const line = lines[i++] as string;
    if (trailers) {
      if (line === '') say(line, null, msg(lang, 'endOfTrailers'));
      else say(line, { key: 'trailer', params: { name: (line.split(':')[0] ?? '').trim().toLowerCase() } });
      continue;
    }
    const size = Number.parseInt(line, 16) || 0;
    trailers = size === 0;
    say(line, size === 0 ? { key: 'last-chunk' } : { key: 'chunk-size', params: { size } });
    // The chunk's data may span typed lines: its octets with their CRLFs.
    for (let left = size > 0 ? size + 2 : 0; left > 0 && i < lines.length; i++) {
      const data = lines[i] as string;
      say(data, left === size + 2 ? { key: 'body', params: { bytes: size } } : null);
      left -= Buffer.byteLength(data, 'utf8') + 2;
    }
  }
  return out;
}
