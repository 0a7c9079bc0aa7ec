/**
 * The contract between l7lab's HTTP/1.1 server (protocols/http/, RFC 9110 semantics,
 * RFC 9112 syntax) and what it serves (web/: the web inbox, the JSON API, the lesson pages).
 *
 * The protocol side owns the wire: framing (Content-Length, chunked), persistence, pipelining,
 * Host, Expect, the generic status codes (400, 411, 413, 414, 431, 501, 505) and the two
 * generic mechanisms that only need the representation's metadata: conditional requests
 * (RFC 9110 13: ETag + If-None-Match, Last-Modified + If-Modified-Since -> 304) and ranges
 * (RFC 9110 14: Range -> 206 / 416 when the app says the representation is byte-addressable).
 * The app side owns the resources: which paths exist (404), which methods each allows
 * (405 with Allow), what they hold. An app never sees bytes of the wire and never writes a
 * status line; the protocol never knows what a mailbox is.
 */

/** The methods the lab's server implements (RFC 9110 9.3); any other token gets 501. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The session's state in the message's own parts (RFC 9112 2.1). */
export type HttpState = 'request-line' | 'headers' | 'body';

/** Header fields in the order received; names compare case-insensitively (RFC 9110 5.1). */
export interface HttpHeaders {
  /** The field's combined value (RFC 9110 5.3: values joined with ", "), or undefined. */
  get(name: string): string | undefined;
  /** Every line's value for the field, in order (Set-Cookie-like fields are not combined). */
  all(name: string): readonly string[];
  has(name: string): boolean;
  /** [name as sent, value] per field line, in order. */
  entries(): ReadonlyArray<readonly [string, string]>;
}

export interface HttpRequest {
  method: HttpMethod;
  /** The request-target as sent (origin-form `/a?b`, absolute-form `http://host/a`, `*`). */
  target: string;
  /** The path, percent-decoded, always starting with `/` (absolute-form reduced to its path; `*` stays `*`). */
  path: string;
  query: URLSearchParams;
  /** `HTTP/1.1` or `HTTP/1.0`. */
  version: 'HTTP/1.1' | 'HTTP/1.0';
  headers: HttpHeaders;
  /** The Host the request names (from absolute-form or the Host field, RFC 9112 3.2.2), without port. */
  host: string;
  /** The whole body, de-chunked; empty when there is none. */
  body: Buffer;
  remoteAddress: string;
  /** The request came over TLS (the HTTPS port). */
  secure: boolean;
}

/** What a resource answers. The protocol adds Date, Content-Length or chunked framing, Connection. */
export interface HttpResponse {
  status: number;
  /** Extra header fields (Content-Type, Location, Allow, Cache-Control, ...); names as written. */
  headers?: Record<string, string | readonly string[]>;
  /** The body. For HEAD the protocol sends the headers this body would have, and no body (RFC 9110 9.3.2). */
  body?: Buffer | string;
  /**
   * Send the body with chunked transfer coding (RFC 9112 7.1), one chunk per element, with
   * optional trailer fields; for teaching ("watch a chunked response arrive") and for bodies
   * made in pieces. Exclusive with `body`.
   */
  chunks?: ReadonlyArray<Buffer | string>;
  trailers?: Record<string, string>;
  /** Validators for conditional requests (RFC 9110 8.8): the protocol answers 304 when they match. */
  etag?: string;
  lastModified?: Date;
  /** The body may be served in byte ranges (RFC 9110 14): Range gets 206 or 416, Accept-Ranges: bytes is sent. */
  ranges?: boolean;
}

/**
 * What the server serves. `signal` aborts when the client goes away (a long-poll waiting for
 * mail stops waiting). An app that throws (or whose promise rejects) gets a 500 for that request
 * only. An answer known at once may be given as it is, without a promise: the response is then
 * written in the same turn the request arrived (a polled listing costs no microtask turns).
 */
export type HttpApp = (request: HttpRequest, signal: AbortSignal) => HttpResponse | Promise<HttpResponse>;
