import { listTokens } from './headers.js';

/** What the connection does after a response, and whether it says so (HTTP/1.0 keep-alive). */
export interface Persistence {
  close: boolean;
  /** An HTTP/1.0 client asked for keep-alive and gets it: the response carries `Connection: keep-alive`. */
  keepAlive10: boolean;
}

/**
 * Whether a connection stays open after this response (RFC 9112 9.3): HTTP/1.1 persists unless
 * either side sends `Connection: close` (RFC 9112 9.6); HTTP/1.0 closes unless the client asked
 * for `keep-alive` (RFC 9112 C.2.2). With no request head to go by (a refusal before it was
 * read), or when the server must close (`forced`: a 400 it cannot recover from), it closes.
 */
export function persistence(head: { version: string; connection: string | undefined } | null, forced: boolean): Persistence {
  if (!head) return { close: true, keepAlive10: false };
  const tokens = listTokens(head.connection);
  const asked10 = head.version === 'HTTP/1.0' && tokens.includes('keep-alive');
  const close = forced || tokens.includes('close') || (head.version === 'HTTP/1.0' && !asked10);
  return { close, keepAlive10: asked10 && !close };
}
