import type { OutItem, RawChunk } from '../session.js';
import type { KnowledgeRef, OsiLayer } from '../transcript.js';
import { preconditionStatus } from './conditional.js';
import { bodyKey, headerKey, httpServerKey, statusKey } from './knowledge/keys.js';
import { applyRange } from './range.js';
import { statusLine } from './replies.js';
import type { HttpHeaders, HttpResponse } from './types.js';

/**
 * Turns what the app answered into the lines on the wire (RFC 9112 4-7): the status line, Date,
 * the app's fields, the framing fields the protocol owns (Content-Length or chunked, Connection),
 * the empty line and the body; each line with its knowledge key and layer for the transcript.
 */
export interface RenderOptions {
  /** HEAD: the fields the body would have, no body (RFC 9110 9.3.2). */
  head: boolean;
  /** The connection closes after this response (RFC 9112 9.6: say so with Connection: close). */
  close: boolean;
  /** An HTTP/1.0 client asked for keep-alive and gets it (RFC 9112 C.2.2). */
  keepAlive10: boolean;
  /** The client speaks HTTP/1.1, so chunked coding may be sent (RFC 9112 7). */
  chunkedOk: boolean;
  date: Date;
  /** Why the protocol sent an error status (a knowledge reason such as `no-host`). */
  reason?: string;
}

export interface Rendered {
  out: OutItem[];
  knowledge: Array<KnowledgeRef | null>;
  layers: Array<OsiLayer | undefined>;
}

/** Fields the protocol writes itself; an app's copy is dropped so framing is never doubled. */
const OWNED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'etag', 'last-modified', 'accept-ranges', 'content-range', 'server']);
/** 304 carries no representation metadata beyond its validators and caching fields (RFC 9110 15.4.5). */
const NOT_IN_304 = new Set(['content-type', 'content-encoding', 'content-language']);

/** RFC 9110 13 and 14 applied to a 200: 304/412 from the validators, 206/416 from Range. */
export function applyGeneric(method: string, headers: HttpHeaders, res: HttpResponse): HttpResponse {
  const pre = preconditionStatus(method, headers, res);
  if (pre === 304) return { status: 304, headers: res.headers ?? {}, ...validators(res) };
  if (pre === 412) return { status: 412, headers: {}, body: '' };
  if (res.body === undefined || res.chunks) return res;
  const body = Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.body, 'utf8');
  const ranged = applyRange(method, headers, res, body);
  if (!ranged) return res;
  const extra = { 'Content-Range': ranged.contentRange };
  if (ranged.status === 416) return { status: 416, headers: extra, body: '', ranges: true };
  return { ...res, status: 206, headers: { ...res.headers, ...extra }, body: ranged.body };
}

function validators(res: HttpResponse): Pick<HttpResponse, 'etag' | 'lastModified'> {
  return { ...(res.etag !== undefined ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
}

/** CR, LF and NUL would split a field into two (response splitting): never on the wire (RFC 9110 5.5). */
function clean(value: string): string {
  return value.replace(/[\r\n\0]/g, ' ');
}

/** The Date field has a one-second resolution (RFC 9110 5.6.7): format it once per second, as node:http does. */
let dateLine = { second: NaN, line: '' };
function dateField(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== dateLine.second) dateLine = { second, line: `Date: ${date.toUTCString()}` };
  return dateLine.line;
}

/** A field line and the name it was written with (its knowledge key, without reading the line again). */
type FieldLine = [line: string, name: string];
const SERVER: FieldLine = ['Server: l7lab', 'Server'];

/**
 * The fields an app's response decides (its own fields, validators, Accept-Ranges, Content-Range),
 * worked out once per response object: a listing the app keeps and answers again (web/'s cached
 * JSON) costs no cleaning or joining per request. An app never changes a response once answered.
 */
interface AppFields {
  lines: FieldLine[];
  /** The same lines, each with its CRLF, joined: for a response written without per-line events. */
  wire: string;
}
const APP_FIELDS = new WeakMap<HttpResponse, AppFields>();

function appFields(res: HttpResponse): AppFields {
  const known = APP_FIELDS.get(res);
  if (known) return known;
  const lines: FieldLine[] = [];
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    const lower = name.toLowerCase();
    if (OWNED.has(lower) || (res.status === 304 && NOT_IN_304.has(lower))) continue;
    const safe = clean(name);
    for (const v of typeof value === 'string' ? [value] : value) lines.push([`${safe}: ${clean(v)}`, safe]);
  }
  if (res.etag !== undefined) lines.push([`ETag: ${clean(res.etag)}`, 'ETag']);
  if (res.lastModified) lines.push([`Last-Modified: ${res.lastModified.toUTCString()}`, 'Last-Modified']);
  if (res.ranges) lines.push(['Accept-Ranges: bytes', 'Accept-Ranges']);
  const range = res.headers?.['Content-Range'];
  if (typeof range === 'string') lines.push([`Content-Range: ${range}`, 'Content-Range']);
  const made = { lines, wire: lines.map(([line]) => `${line}\r\n`).join('') };
  APP_FIELDS.set(res, made);
  return made;
}

/** 1xx, 204 and 304 never have content (RFC 9110 6.4.1). */
function bodiless(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

function bytesOf(part: Buffer | string): Buffer {
  return Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8');
}

/** What a response is made of on the wire, before it is written out line by line or as one buffer. */
interface Shape {
  /** Content-Length, Transfer-Encoding and Connection: the framing fields the protocol owns (RFC 9112 6, 9.6). */
  framing: FieldLine[];
  body: Buffer | null;
  chunked: boolean;
}

function shapeOf(res: HttpResponse, o: RenderOptions): Shape {
  const chunked = res.chunks !== undefined && o.chunkedOk && !bodiless(res.status);
  const body = bodiless(res.status) ? null : res.chunks && !chunked ? Buffer.concat(res.chunks.map(bytesOf)) : res.body === undefined ? Buffer.alloc(0) : bytesOf(res.body);
  const framing: FieldLine[] = [];
  if (chunked) framing.push(['Transfer-Encoding: chunked', 'Transfer-Encoding']);
  else if (body && res.status !== 204) framing.push([`Content-Length: ${body.length}`, 'Content-Length']);
  if (o.close) framing.push(['Connection: close', 'Connection']);
  else if (o.keepAlive10) framing.push(['Connection: keep-alive', 'Connection']);
  return { framing, body, chunked };
}

export function renderResponse(res: HttpResponse, o: RenderOptions): Rendered {
  const r: Rendered = { out: [], knowledge: [], layers: [] };
  const add = (item: OutItem, knowledge: KnowledgeRef | null, layer?: OsiLayer) => {
    r.out.push(item);
    r.knowledge.push(knowledge);
    r.layers.push(layer);
  };
  add(statusLine(res.status), statusKey(res.status, o.reason), 'L7');
  const { framing, body, chunked } = shapeOf(res, o);
  const fields: FieldLine[] = [[dateField(o.date), 'Date'], SERVER, ...appFields(res).lines, ...framing];
  // Transfer-Encoding is the body's coding, L6 (RFC 9112 7).
  for (const [line, name] of fields) add(line, headerKey(name), name === 'Transfer-Encoding' ? 'L6' : 'L7');
  add('', httpServerKey(''), 'L7');
  if (o.head) return r;
  if (chunked) addChunks(res, add);
  else if (body && body.length > 0) add(rawChunk(body, `[body: ${body.length} octets]`), bodyKey(body.length), 'L7');
  return r;
}

/**
 * The same response as one raw chunk (head and body in one buffer, one write): for when nobody
 * listens to the transcript, so no line gets its own event or key. Its summary is the status line.
 */
export function renderWire(res: HttpResponse, o: RenderOptions): RawChunk {
  // The same response object in the same second with the same framing is the same bytes (web/'s
  // cached listing, polled): written again as they are, as the Date line itself is reused.
  const date = dateField(o.date);
  const flags = (o.head ? 1 : 0) | (o.close ? 2 : 0) | (o.keepAlive10 ? 4 : 0) | (o.chunkedOk ? 8 : 0);
  const last = WIRES.get(res);
  if (last && last.date === date && last.flags === flags && last.reason === o.reason) return last.wire;
  const wire = wireOf(res, o);
  WIRES.set(res, { date, flags, reason: o.reason, wire });
  return wire;
}

/** The last bytes written for a response object, and what else decided them. */
const WIRES = new WeakMap<HttpResponse, { date: string; flags: number; reason: string | undefined; wire: RawChunk }>();

function wireOf(res: HttpResponse, o: RenderOptions): RawChunk {
  const { framing, body, chunked } = shapeOf(res, o);
  const status = statusLine(res.status);
  if (chunked && !o.head) {
    const out = renderResponse(res, o).out;
    return rawChunk(Buffer.concat(out.map((item) => (typeof item === 'string' ? Buffer.from(`${item}\r\n`, 'utf8') : item.raw))), status);
  }
  let head = `${status}\r\n${dateField(o.date)}\r\nServer: l7lab\r\n${appFields(res).wire}`;
  for (const [line] of framing) head += `${line}\r\n`;
  head += '\r\n';
  const size = Buffer.byteLength(head, 'utf8');
  const tail = o.head || !body ? 0 : body.length;
  const wire = Buffer.allocUnsafe(size + tail);
  wire.write(head, 0, 'utf8');
  if (tail > 0) (body as Buffer).copy(wire, size);
  return rawChunk(wire, status);
}

function rawChunk(raw: Buffer, summary: string): RawChunk {
  return { raw, summary };
}

/** Chunked transfer coding (RFC 9112 7.1): size in hex, data, CRLF; `0`; trailer fields; the empty line. */
function addChunks(res: HttpResponse, add: (item: OutItem, k: KnowledgeRef | null, layer?: OsiLayer) => void): void {
  for (const part of res.chunks ?? []) {
    const data = bytesOf(part);
    if (data.length === 0) continue; // an empty chunk would read as the last one
    const size = data.length.toString(16);
    add(size, httpServerKey(size), 'L6');
    add(rawChunk(Buffer.concat([data, Buffer.from('\r\n')]), `[chunk: ${data.length} octets]`), bodyKey(data.length), 'L6');
  }
  add('0', httpServerKey('0'), 'L6');
  for (const [name, value] of Object.entries(res.trailers ?? {})) {
    const line = `${clean(name)}: ${clean(value)}`;
    add(line, httpServerKey(line, 'trailer'), 'L6');
  }
  add('', httpServerKey(''), 'L6');
}
