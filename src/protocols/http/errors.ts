import { HTTP_CHUNK_LINE, HTTP_MAX_HEAD, HTTP_REQUEST_LINE } from '../../limits.js';

/**
 * Why the protocol side refuses a request: the status (RFC 9110 15), the reason (a word of the
 * knowledge vocabulary, knowledge/reasons.ts: `no-host`, `smuggling`, ...) and a short
 * text for the response body. Thrown by the parser and the session, rendered in replies.ts alone.
 */
export type HttpErrorReason =
  | 'no-host'
  | 'two-hosts'
  | 'bad-request-line'
  | 'bad-field'
  | 'obs-fold'
  | 'space-before-colon'
  | 'smuggling'
  | 'bad-length'
  | 'bad-chunk'
  | 'unknown-coding'
  | 'length-required'
  | 'line-too-long'
  | 'head-too-large'
  | 'body-too-large'
  | 'version'
  | 'method'
  | 'expectation'
  | 'timeout';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: HttpErrorReason,
    message: string,
    /** The connection cannot go on (the framing is lost or the body was left unread). */
    readonly close = true,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A line longer than its limit, by what the line was: 414 (RFC 9112 3), 400 (RFC 9112 7.1) or 431 (RFC 6585 5). */
export function overflowError(line: 'request-line' | 'chunk-size' | 'head'): HttpError {
  if (line === 'request-line') return new HttpError(414, 'line-too-long', `the request line may be at most ${HTTP_REQUEST_LINE} octets (RFC 9112 3)`);
  if (line === 'chunk-size') return new HttpError(400, 'bad-chunk', `a chunk-size line may be at most ${HTTP_CHUNK_LINE} octets (RFC 9112 7.1)`);
  return new HttpError(431, 'head-too-large', `the header section may be at most ${HTTP_MAX_HEAD} octets (RFC 6585 5)`);
}
