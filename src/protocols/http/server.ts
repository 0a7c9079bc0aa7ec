import { HTTP_HEADER_TIMEOUT_MS, HTTP_IDLE_TIMEOUT_MS, HTTP_MAX_CONNECTIONS } from '../../limits.js';
import { LineServer } from '../server.js';
import type { LineServerTls } from '../tls-upgrade.js';
import { heard, type TranscriptSink } from '../transcript.js';
import { HTTP_BUSY_REPLY, HTTP_INTERNAL_ERROR_REPLY } from './replies.js';
import { HttpSession } from './session.js';
import type { HttpApp } from './types.js';

export interface HttpServerOptions {
  /** What is served (web/'s inbox, API and lesson pages). */
  app: HttpApp;
  sink?: TranscriptSink;
  /** HTTPS: TLS from the first byte (RFC 9110 4.2.2, RFC 8314 style); HTTP has no upgrade command. */
  tls?: LineServerTls;
  maxConnections?: number;
  /** A kept-alive connection idle this long is closed (RFC 9112 9.8). */
  idleTimeoutMs?: number;
  /** A request head must be whole this long after its first byte (slowloris); tests inject less. */
  headerTimeoutMs?: number;
}

/**
 * The lab's HTTP/1.1 server: pure HttpSessions on the shared LineServer. With `tls` it is the
 * HTTPS port, offering only `http/1.1` by ALPN (RFC 7301; HTTP/2 is taught, not served).
 * Call `listen(port, '127.0.0.1')` on the result.
 */
export function createHttpServer(opts: HttpServerOptions): LineServer {
  const headerTimeoutMs = opts.headerTimeoutMs ?? HTTP_HEADER_TIMEOUT_MS;
  const tls = opts.tls ? { tls: { ...opts.tls, implicit: true, alpn: ['http/1.1'] } } : {};
  return new LineServer({
    protocol: 'http',
    createSession: (ctx) =>
      new HttpSession({ id: ctx.id, app: opts.app, remoteAddress: ctx.remoteAddress, secure: ctx.secure === true, now: () => new Date(), headerTimeoutMs, heard: () => heard(opts.sink) }),
    busyReply: HTTP_BUSY_REPLY,
    internalErrorReply: HTTP_INTERNAL_ERROR_REPLY,
    idleTimeoutMs: opts.idleTimeoutMs ?? HTTP_IDLE_TIMEOUT_MS,
    maxConnections: opts.maxConnections ?? HTTP_MAX_CONNECTIONS,
    ...(opts.sink ? { sink: opts.sink } : {}),
    ...tls,
  });
}
