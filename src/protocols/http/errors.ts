/**
 * Why the protocol side refuses a request: the status (RFC 9110 15), the reason (a word of the
 * knowledge vocabulary, /work/notes/http-keys.md: `no-host`, `smuggling`, ...) and a short
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
