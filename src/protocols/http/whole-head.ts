import { HTTP_MAX_FIELDS, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../limits.js';
import { FieldList } from './headers.js';
import { parseRequestLine, pathAndQuery, type RequestLine } from './parser.js';

/**
 * A request head that arrived whole (the request line, the field lines and the empty line in the
 * bytes already received), read in one call instead of one line at a time: what the session does
 * when nobody listens to the transcript, so no line needs its own event or knowledge key.
 *
 * Only the plain case is taken: every line ends in CRLF, the head starts with the request line,
 * every line is valid and within the limits the line-by-line reading applies (RFC 9112 2.2, 3, 5;
 * HTTP_REQUEST_LINE, HTTP_MAX_HEAD, HTTP_MAX_FIELDS). Anything else (a bare LF, an empty line
 * before the request line, obs-fold, whitespace before a colon, a line too long, too many fields)
 * is left to the line-by-line reading, so it is refused exactly as before, with the same status,
 * reason and transcript: null here means "read it line by line", never "refuse".
 *
 * The head is read character by character in one pass (no split, no regular expression per line):
 * this runs for every request of a kept-alive connection, and it is most of what reading one costs.
 * A character class it does not expect ends the pass with null, never with a guess.
 */
export interface WholeHead {
  /** Octets of the head including the empty line's CRLF: what the reader consumes. */
  used: number;
  line: RequestLine;
  path: string;
  query: URLSearchParams;
  host: string;
  fields: FieldList;
  /** Octets of the field lines with their CRLFs, as the line-by-line reading counts them. */
  octets: number;
}

const END = Buffer.from('\r\n\r\n', 'latin1');
/** The most a head can take: a request line, then field lines within HTTP_MAX_HEAD. */
const MOST = HTTP_REQUEST_LINE + HTTP_MAX_HEAD;
const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

/** tchar (RFC 9110 5.6.2), by character code: the characters of a method or a field name. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TCHAR[c.charCodeAt(0)] = 1;
const isTchar = (c: number): boolean => c < 128 && TCHAR[c] === 1;

/** Up to this many octets received are read as text at once and searched there (one call, not two). */
const SMALL = 2048;

export function wholeHead(bytes: Buffer): WholeHead | null {
  let text: string;
  let end: number;
  if (bytes.length <= SMALL) {
    text = bytes.toString('latin1');
    end = text.indexOf('\r\n\r\n');
  } else {
    // Looked for within the most a head may take, so a flood of bytes is never searched twice.
    end = (bytes.length > MOST ? bytes.subarray(0, MOST) : bytes).indexOf(END);
    text = end < 0 ? '' : bytes.toString('latin1', 0, end + 2);
  }
  if (end < 0) return null;
  // Every line up to `stop` ends in CRLF, the last field line's included.
  const stop = end + 2;
  const lineEnd = text.indexOf('\r\n');
  if (lineEnd + 2 > HTTP_REQUEST_LINE) return null;
  try {
    const line = requestLine(text, lineEnd);
    if (!line) return null;
    const { path, query, host } = pathAndQuery(line.target, line.form);
    const fields = new FieldList();
    const octets = fieldLines(text, lineEnd + 2, stop, fields);
    if (octets < 0) return null;
    return { used: end + 4, line, path, query, host: host ?? '', fields, octets };
  } catch {
    return null;
  }
}

/**
 * `method SP request-target SP HTTP-version` (RFC 9112 3). The common shape (a token, an
 * origin-form target of visible ASCII, HTTP/1.1 or HTTP/1.0) is read here; any other line goes
 * through parseRequestLine, which reads every form and throws what the line-by-line reading would.
 */
function requestLine(text: string, lineEnd: number): RequestLine | null {
  let i = 0;
  while (i < lineEnd && isTchar(text.charCodeAt(i))) i++;
  const methodEnd = i;
  let plain = methodEnd > 0 && text.charCodeAt(i) === SP && text.charCodeAt(i + 1) === 0x2f; // "/": origin-form
  let targetEnd = -1;
  if (plain) {
    // Visible ASCII only (RFC 3986 2; a control character, a space or an octet above 0x7e is never in a target).
    for (i = methodEnd + 1; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === SP) break;
      if (c < SP || c > 0x7e) return null;
    }
    targetEnd = i;
    plain = lineEnd - targetEnd === 9 && text.startsWith(' HTTP/1.', targetEnd) && (text.charCodeAt(lineEnd - 1) === 0x31 || text.charCodeAt(lineEnd - 1) === 0x30);
  }
  if (!plain) {
    // A bare LF inside the line is read line by line, where its knowledge says so (RFC 9112 2.2).
    const first = text.slice(0, lineEnd);
    return first === '' || first.includes('\n') ? null : parseRequestLine(first);
  }
  const version = text.charCodeAt(lineEnd - 1) === 0x30 ? 'HTTP/1.0' : 'HTTP/1.1';
  return { method: text.slice(0, methodEnd), target: text.slice(methodEnd + 1, targetEnd), form: 'origin', version };
}

/**
 * `field-name ":" OWS field-value OWS CRLF` (RFC 9112 5) up to `stop`, each added to `fields`; the octets
 * they took, or -1 for anything parseFieldLine would refuse or the limits would stop: obs-fold
 * (5.2), whitespace before the colon (5.1), a name that is not a token, CR, LF or NUL inside a
 * value (RFC 9110 5.5), more than HTTP_MAX_FIELDS lines, more than HTTP_MAX_HEAD octets.
 */
function fieldLines(text: string, from: number, stop: number, fields: FieldList): number {
  let pos = from;
  while (pos < stop) {
    let i = pos;
    while (isTchar(text.charCodeAt(i))) i++;
    if (i === pos || text.charCodeAt(i) !== COLON) return -1;
    const name = text.slice(pos, i);
    i++;
    while (text.charCodeAt(i) === SP || text.charCodeAt(i) === HTAB) i++;
    const valueStart = i;
    let c = text.charCodeAt(i);
    while (c !== CR) {
      if (c === 0 || c === LF) return -1;
      c = text.charCodeAt(++i);
    }
    if (text.charCodeAt(i + 1) !== LF) return -1;
    let valueEnd = i;
    while (valueEnd > valueStart && (text.charCodeAt(valueEnd - 1) === SP || text.charCodeAt(valueEnd - 1) === HTAB)) valueEnd--;
    fields.add(name, text.slice(valueStart, valueEnd));
    pos = i + 2;
    if (pos - from > HTTP_MAX_HEAD || fields.size > HTTP_MAX_FIELDS) return -1;
  }
  return pos - from;
}
