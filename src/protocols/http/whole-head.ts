import { HTTP_MAX_FIELDS, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../limits.js';
import { FieldList } from './headers.js';
import { parseFieldLine, parseRequestLine, pathAndQuery, type RequestLine } from './parser.js';

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

export function wholeHead(bytes: Buffer): WholeHead | null {
  // Looked for within the most a head may take, so a flood of bytes is never searched twice.
  const end = (bytes.length > MOST ? bytes.subarray(0, MOST) : bytes).indexOf(END);
  if (end < 0) return null;
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  // A bare LF is accepted line by line, where its knowledge says so (RFC 9112 2.2).
  for (const l of lines) if (l.includes('\n')) return null;
  const first = lines[0] as string;
  if (first === '' || first.length + 2 > HTTP_REQUEST_LINE || lines.length - 1 > HTTP_MAX_FIELDS) return null;
  try {
    const line = parseRequestLine(first);
    const { path, query, host } = pathAndQuery(line.target, line.form);
    const fields = new FieldList();
    let octets = 0;
    for (let i = 1; i < lines.length; i++) {
      const text = lines[i] as string;
      octets += text.length + 2;
      if (octets > HTTP_MAX_HEAD) return null;
      const { name, value } = parseFieldLine(text);
      fields.add(name, value);
    }
    return { used: end + 4, line, path, query, host: host ?? '', fields, octets };
  } catch {
    return null;
  }
}
