import { HTTP_MAX_BODY } from '../../limits.js';
import { HttpError } from './errors.js';
import type { FieldList } from './headers.js';
import { listTokens } from './headers.js';

/** How a request's body is delimited (RFC 9112 6.3). */
export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' };

const NONE: BodyFraming = { kind: 'none' };

/**
 * RFC 9112 6.3 in the order it gives: Transfer-Encoding with Content-Length is refused as a
 * smuggling attempt (6.3 item 3 lets a server reject it, and l7lab does: two parsers on a path
 * that pick different framings are how requests get smuggled); chunked must be the final coding
 * (6.3 item 4); a coding we do not know gets 501 (RFC 9112 6.1); differing Content-Lengths get 400.
 */
export function requestFraming(fields: FieldList, version: string, method: string): BodyFraming {
  const te = fields.all('transfer-encoding');
  const cl = fields.all('content-length');
  if (te.length > 0) {
    if (cl.length > 0) throw new HttpError(400, 'smuggling', 'Content-Length and Transfer-Encoding together: the framing is ambiguous (RFC 9112 6.3)');
    // RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 message means the framing is faulty.
    if (version === 'HTTP/1.0') throw new HttpError(400, 'smuggling', 'HTTP/1.0 has no Transfer-Encoding (RFC 9112 6.1)');
    const codings = listTokens(te.join(','));
    if (codings.some((c) => c !== 'chunked')) throw new HttpError(501, 'unknown-coding', `unknown transfer coding ${codings.find((c) => c !== 'chunked')} (RFC 9112 6.1)`);
    if (codings.length !== 1) throw new HttpError(400, 'bad-chunk', 'chunked may be applied once only (RFC 9112 6.1)');
    return { kind: 'chunked' };
  }
  if (cl.length > 0) return lengthFraming(cl);
  // RFC 9112 6.3 item 7: no framing means no body; l7lab wants a length on POST and PUT (411, RFC 9110 15.5.12).
  if (method === 'POST' || method === 'PUT') throw new HttpError(411, 'length-required', `${method} needs Content-Length or chunked transfer coding (RFC 9110 15.5.12)`);
  return NONE;
}

function lengthFraming(lines: readonly string[]): BodyFraming {
  const values = lines.flatMap((l) => l.split(',')).map((v) => v.trim());
  if (values.some((v) => !/^\d{1,15}$/.test(v))) throw new HttpError(400, 'bad-length', 'Content-Length must be a decimal number (RFC 9110 8.6)');
  if (new Set(values.map(Number)).size !== 1) throw new HttpError(400, 'bad-length', 'two different Content-Length values (RFC 9112 6.3)');
  const length = Number(values[0]);
  if (length > HTTP_MAX_BODY) throw new HttpError(413, 'body-too-large', `the body may be at most ${HTTP_MAX_BODY} octets (RFC 9110 15.5.14)`);
  return length === 0 ? NONE : { kind: 'length', length };
}

/**
 * `chunk-size [ chunk-ext ]` (RFC 9112 7.1): hex digits, then extensions we ignore (7.1.1).
 * At most 8 hex digits: enough for HTTP_MAX_BODY, and no overflow.
 */
export function parseChunkSize(line: string): number {
  const m = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(line);
  if (!m) throw new HttpError(400, 'bad-chunk', 'a chunk starts with its size in hex on a line of its own (RFC 9112 7.1)');
  return parseInt(m[1] as string, 16);
}
