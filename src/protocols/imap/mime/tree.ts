import { MimeNode, Splitter } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import { IMAP_MAX_NESTING } from '../../../limits.js';

/**
 * The MIME tree of one message with the byte offsets IMAP needs (RFC 3501 6.4.5 sections,
 * 7.4.2 BODYSTRUCTURE sizes). Where the parts are is decided by mailsplit (the splitter
 * behind mailparser): it finds headers, boundaries, preambles and epilogues. This module
 * only records where each node starts and ends, so BODY[1.2] can return the exact octets.
 */

export interface HeaderField {
  /** Lowercased field name. */
  key: string;
  /** The whole field: name, value, folding and its line end, byte for byte. */
  raw: Buffer;
  /** Unfolded value, trimmed, UTF-8 (Latin-1 when the octets are not UTF-8). */
  value: string;
}

export interface ContentType {
  type: string;
  subtype: string;
  /** Parameter names as written (RFC 2231 ones lowercased); RFC 2231 values already decoded. */
  params: Record<string, string>;
  /** Names of params whose value came from RFC 2231 encoding. */
  decoded: string[];
}

/** A parameter by name, case-insensitively (RFC 2045 5.1). */
export function paramOf(params: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(params).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : params[key];
}

export interface MimePart {
  /** The buffer the offsets point into (a message/rfc822 part's enclosed message has its own). */
  raw: Buffer;
  start: number;
  bodyStart: number;
  end: number;
  fields: HeaderField[];
  contentType: ContentType;
  /** Parts of a multipart (empty for a leaf). */
  children: MimePart[];
  /** The enclosed message of a message/rfc822 part. */
  message: MimePart | null;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Deepest MIME part followed (multiparts and enclosed messages together). BODYSTRUCTURE
 * adds up to four list levels below the deepest part (parameters, disposition, envelope
 * addresses), so this keeps it within IMAP_MAX_NESTING, which clients also parse.
 */
const MAX_PART_DEPTH = IMAP_MAX_NESTING - 4;

/** What mailsplit's Splitter does per line; its stream wrapper would defer every line with setImmediate. */
interface LineSplitter {
  node: MimeNode;
  processLine(line: Buffer | false, final: boolean, next: (err?: Error | null, data?: unknown, flush?: boolean) => void): void;
  read(): unknown;
}

interface NodeSpan {
  node: MimeNode;
  start: number;
  bodyStart: number;
}

/**
 * Header bytes are read as UTF-8 (RFC 6532 3.2); a byte that is not part of valid UTF-8 becomes
 * U+FFFD, as WHATWG decoding does. Reading such a header as Latin-1 instead sent its bytes back
 * as different, valid-looking characters (two octets each); U+FFFD says plainly that the header
 * was not UTF-8, and RFC 2047 encoded words, the way to carry other charsets, are untouched.
 */
function decodeText(bytes: Buffer): string {
  return bytes.toString('utf8');
}

/** RFC 5322 2.2: a field is a line with a colon plus the lines that start with SP/HT. */
export function headerFields(raw: Buffer, start: number, end: number): HeaderField[] {
  const fields: HeaderField[] = [];
  let pos = start;
  while (pos < end) {
    const first = raw[pos];
    if (first === LF || (first === CR && raw[pos + 1] === LF)) break;
    let stop = pos;
    do {
      const lf = raw.indexOf(LF, stop);
      stop = lf < 0 || lf >= end ? end : lf + 1;
    } while (stop < end && (raw[stop] === 0x20 || raw[stop] === 0x09));
    const bytes = raw.subarray(pos, stop);
    const colon = bytes.indexOf(0x3a);
    if (colon > 0) {
      const value = decodeText(bytes.subarray(colon + 1)).replace(/\r?\n/g, '').trim();
      fields.push({ key: bytes.toString('latin1', 0, colon).trim().toLowerCase(), raw: bytes, value });
    }
    pos = stop;
  }
  return fields;
}

export function fieldValue(fields: readonly HeaderField[], key: string): string | null {
  return fields.find((f) => f.key === key)?.value ?? null;
}

const PLAIN = (): ContentType => ({ type: 'text', subtype: 'plain', params: { charset: 'us-ascii' }, decoded: [] });

/** libmime lowercases parameter names; BODYSTRUCTURE shows them as written, like Dovecot. */
function writtenName(header: string, lower: string): string {
  const escaped = lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`;\\s*(${escaped})\\s*=`, 'i').exec(header)?.[1] ?? lower;
}

/** A header value with parameters (Content-Type, Content-Disposition), parsed by libmime. */
export function structuredHeader(header: string): { value: string; params: Record<string, string>; decoded: string[] } {
  const parsed = libmime.parseHeaderValue(header, { stripComments: true });
  const params: Record<string, string> = {};
  const decoded = (parsed as { decodedParams?: string[] }).decodedParams ?? [];
  for (const [k, v] of Object.entries(parsed.params)) if (typeof v === 'string') params[decoded.includes(k) ? k : writtenName(header, k)] = v;
  return { value: parsed.value.trim(), params, decoded };
}

function contentTypeOf(fields: readonly HeaderField[], inDigest: boolean): ContentType {
  const header = fieldValue(fields, 'content-type');
  const parsed = header ? structuredHeader(header) : null;
  const slash = parsed ? parsed.value.indexOf('/') : -1;
  if (!parsed || slash <= 0 || slash === parsed.value.length - 1) {
    // RFC 2045 5.2 default, or RFC 2046 5.1.5 inside multipart/digest.
    return inDigest ? { type: 'message', subtype: 'rfc822', params: {}, decoded: [] } : PLAIN();
  }
  const { value, params, decoded } = parsed;
  return { type: value.slice(0, slash).trim(), subtype: value.slice(slash + 1).trim(), params, decoded };
}

/** Drive mailsplit line by line, noting where each node starts and which lines are delimiters. */
function splitNodes(raw: Buffer): { spans: NodeSpan[]; delimiters: Array<{ at: number; owner: MimeNode }> } {
  const splitter = new Splitter({ ignoreEmbedded: true }) as unknown as LineSplitter;
  const spans: NodeSpan[] = [];
  const delimiters: Array<{ at: number; owner: MimeNode }> = [];
  let headerStart = 0;
  let lineStart = 0;
  let lineEnd = 0;
  const onLine = (err?: Error | null, data?: unknown, flush?: boolean): void => {
    if (err) throw err;
    if (data instanceof MimeNode) spans.push({ node: data, start: headerStart, bodyStart: lineEnd });
    else if (flush && data && typeof data === 'object' && 'node' in data) {
      // A delimiter that opens the next part: the new node's parent owns the boundary.
      const parent = (data as { node: MimeNode }).node.parentNode;
      if (parent instanceof MimeNode) delimiters.push({ at: lineStart, owner: parent });
      headerStart = lineEnd;
    }
  };
  while (lineStart < raw.length) {
    const lf = raw.indexOf(LF, lineStart);
    lineEnd = lf < 0 ? raw.length : lf + 1;
    const before = splitter.node;
    splitter.processLine(raw.subarray(lineStart, lineEnd), lf < 0, onLine);
    // A close delimiter moves the splitter up to the multipart that owns it.
    if (splitter.node !== before && isAncestor(splitter.node, before)) delimiters.push({ at: lineStart, owner: splitter.node });
    // A part whose header never ended is pushed straight to the stream by the splitter.
    for (let pushed = splitter.read(); pushed; pushed = splitter.read()) {
      if (pushed instanceof MimeNode) spans.push({ node: pushed, start: headerStart, bodyStart: lineStart });
    }
    lineStart = lineEnd;
  }
  if (raw.length === 0 || raw[raw.length - 1] === LF) splitter.processLine(false, true, onLine);
  return { spans, delimiters };
}

function isAncestor(candidate: MimeNode, node: MimeNode): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (p === candidate) return true;
  return false;
}

/** RFC 2046 5.1.1: the line break before a delimiter belongs to the delimiter. */
function lineBreakBefore(raw: Buffer, at: number): number {
  if (at === 0 || raw[at - 1] !== LF) return 0;
  return at > 1 && raw[at - 2] === CR ? 2 : 1;
}

/** The top-level header of a message and where its body starts, without the MIME tree. */
export function headOf(raw: Buffer): MimePart {
  const bodyStart = findBodyStart(raw, 0);
  const fields = headerFields(raw, 0, bodyStart);
  return { raw, start: 0, bodyStart, end: raw.length, fields, contentType: contentTypeOf(fields, false), children: [], message: null };
}

/** One part for the whole of `raw` (mailsplit refused it, or nesting is too deep to follow). */
function leaf(raw: Buffer, depth: number): MimePart {
  const fields = headerFields(raw, 0, raw.length);
  const bodyStart = findBodyStart(raw, 0);
  return finish({ raw, start: 0, bodyStart, end: raw.length, fields, contentType: contentTypeOf(fields, false), children: [], message: null }, depth);
}

function findBodyStart(raw: Buffer, start: number): number {
  let pos = start;
  while (pos < raw.length) {
    const lf = raw.indexOf(LF, pos);
    if (lf < 0) return raw.length;
    if (lf === pos || (lf === pos + 1 && raw[pos] === CR)) return lf + 1;
    pos = lf + 1;
  }
  return raw.length;
}

/**
 * A message/rfc822 part encloses a whole message: parse it too (RFC 3501 7.4.2
 * body-type-msg). A multipart without parts (no boundary found) or a message too deeply
 * nested to follow is described as text/plain, so BODYSTRUCTURE stays grammatical.
 */
function finish(part: MimePart, depth: number): MimePart {
  const type = part.contentType.type.toLowerCase();
  const enclosing = type === 'message' && part.contentType.subtype.toLowerCase() === 'rfc822';
  if ((type === 'multipart' && part.children.length === 0) || (enclosing && depth >= MAX_PART_DEPTH)) {
    part.contentType = PLAIN();
  } else if (enclosing) {
    part.message = parseTree(Buffer.from(part.raw.subarray(part.bodyStart, part.end)), depth + 1);
  }
  return part;
}

/**
 * The MIME tree of `raw`. Never throws: input mailsplit refuses (too many parts, a huge
 * header) become one leaf part; parts deeper than MAX_PART_DEPTH stay inside their parent's body.
 */
export function parseTree(raw: Buffer, depth = 0): MimePart {
  let split: ReturnType<typeof splitNodes>;
  try {
    split = splitNodes(raw);
  } catch {
    return leaf(raw, depth);
  }
  const parts = new Map<MimeNode, MimePart>();
  const levels = new Map<MimePart, number>();
  let root: MimePart | null = null;
  for (const span of split.spans) {
    const parentPart = span.node.parentNode ? parts.get(span.node.parentNode) : null;
    if (parentPart === undefined || (parentPart === null && root !== null)) continue;
    const level = parentPart ? (levels.get(parentPart) as number) + 1 : depth;
    if (level > MAX_PART_DEPTH) continue;
    const fields = headerFields(raw, span.start, span.bodyStart);
    const inDigest = parentPart?.contentType.subtype.toLowerCase() === 'digest';
    const part: MimePart = { raw, start: span.start, bodyStart: span.bodyStart, end: raw.length, fields, contentType: contentTypeOf(fields, inDigest), children: [], message: null };
    const owner = split.delimiters.find((d) => d.at >= span.bodyStart && isAncestor(d.owner, span.node));
    if (owner) part.end = Math.max(span.bodyStart, owner.at - lineBreakBefore(raw, owner.at));
    parts.set(span.node, part);
    levels.set(part, level);
    if (parentPart) parentPart.children.push(part);
    else root = part;
  }
  if (!root) return leaf(raw, depth);
  for (const part of parts.values()) finish(part, levels.get(part) as number);
  return root;
}
