import type { AnyCommandSpec } from '../command.js';
import type { HttpContext, HttpOutcome, HttpRaw } from './context.js';
import type { BodyFraming } from './framing.js';
import type { FieldList } from './headers.js';
import type { RequestLine } from './parser.js';
import type { HttpApp, HttpState } from './types.js';

/** What an HttpSession is given, and the head and body it reads (session.ts). */
export interface HttpSessionOptions {
  id: string;
  app: HttpApp;
  remoteAddress: string;
  /** The connection is inside TLS (the HTTPS port). */
  secure: boolean;
  /** The clock for the Date field (RFC 9110 6.6.1), injected: the session never reads it itself. */
  now: () => Date;
  /** A request head must be whole within this long of its first byte (slowloris): HTTP_HEADER_TIMEOUT_MS. */
  headerTimeoutMs?: number;
  commands?: ReadonlyMap<string, AnyCommandSpec<HttpState, HttpContext, HttpRaw, HttpOutcome>>;
  /**
   * Whether anyone hears the transcript now (transcript.ts `heard`); everyone, when omitted. When
   * nobody does, a whole head is read in one call (takeBlock) and a response is written as one
   * buffer, with no per-line keys: the explained lines are built only for a listener.
   */
  heard?: () => boolean;
}

/** The head being read: the request line and the field lines so far. */
export interface Head {
  line: RequestLine;
  path: string;
  query: URLSearchParams;
  fields: FieldList;
  /** Octets of the head so far (line ends included), against HTTP_MAX_HEAD. */
  octets: number;
  host: string;
  framing: BodyFraming;
}

/** The body being read: whole (Content-Length) or chunk by chunk (RFC 9112 7.1). */
export interface Body {
  parts: Buffer[];
  received: number;
  /** `crlf`: the two octets that end a chunk's data. */
  phase: 'whole' | 'size' | 'data' | 'crlf' | 'trailers';
  /** The current chunk's size (chunked). */
  chunk: number;
  /** Octets still to read of the whole body or of the current chunk. */
  left: number;
}
