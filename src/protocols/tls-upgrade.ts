import { TLSSocket, type SecureContext } from 'node:tls';
import type { Socket } from 'node:net';
import { TLS_HANDSHAKE_TIMEOUT_MS } from '../limits.js';
import type { TlsEvent } from './transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * The server side of TLS for the LineServer: wrapping a cleartext socket after STARTTLS/STLS
 * (RFC 3207 4.2, RFC 2595 4, RFC 3501 6.2.1) and describing a finished handshake for the
 * transcript. No protocol knowledge here: the session decides when, this only does how.
 */
export interface LineServerTls {
  /** PEM */
  cert: string;
  /** PEM */
  key: string;
  /** Implicit TLS (RFC 8314 3): the handshake comes first, before any greeting (SMTPS, POP3S, IMAPS). */
  implicit?: boolean;
  /** ALPN protocols offered on an implicit-TLS port (RFC 7301), e.g. `['http/1.1']` for HTTPS. */
  alpn?: string[];
}

/** Server-side handshake over an existing socket; resolves once it is secure, rejects on failure or timeout. */
export function upgradeSocket(raw: Socket, secureContext: SecureContext, timeoutMs = TLS_HANDSHAKE_TIMEOUT_MS): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = new TLSSocket(raw, { isServer: true, secureContext });
    const timer = setTimeout(() => fail(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      secure.off('secure', onSecure);
      secure.off('error', fail);
      secure.off('close', onClose);
    };
    function fail(err: Error): void {
      done();
      secure.on('error', () => undefined);
      secure.destroy();
      raw.destroy();
      reject(err);
    }
    const onClose = () => fail(new Error('the client closed the connection during the TLS handshake'));
    const onSecure = () => {
      done();
      resolve(secure);
    };
    secure.once('secure', onSecure);
    secure.once('error', fail);
    secure.once('close', onClose);
  });
}

/** What the transcript shows of a finished handshake. */
export function describeTls(
  socket: TLSSocket,
  where: { protocol: Protocol; session: string; mode: TlsEvent['mode']; discarded: number },
): TlsEvent {
  const cert = socket.getCertificate();
  const subject = cert && 'subject' in cert && cert.subject ? Object.entries(cert.subject).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '';
  return {
    event: 'tls',
    ...where,
    version: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    subject,
    time: new Date().toISOString(),
  };
}
