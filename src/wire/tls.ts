import type { Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { STARTTLS, type Protocol } from '../protocol.js';

/**
 * The client side of TLS for the wire client: implicit TLS (smtps, pop3s, imaps, RFC 8314)
 * or an upgrade after STARTTLS/STLS. Certificates are checked against the system's roots
 * plus the lab certificate, unless the user said --insecure.
 */
export interface WireTls {
  mode: 'implicit' | 'starttls';
  /** Extra trusted certificates (PEM), e.g. the lab certificate. */
  ca?: string[];
  /** Accept any certificate (a self-signed lab one you have not got): the connection is encrypted but not authenticated. */
  insecure?: boolean;
  /** The name to send as SNI (RFC 6066 3) when `host` is an address, as a browser sends the URL's name. */
  servername?: string;
  /** Application protocols to offer in ALPN (RFC 7301), e.g. `['http/1.1']`. */
  alpn?: string[];
}

/** What the client saw of the handshake, for the shell to show. */
export interface PeerTls {
  version: string;
  cipher: string;
  subject: string;
  /** The certificate was checked and trusted (false only with --insecure). */
  verified: boolean;
  fingerprint256: string;
  /** The application protocol the server picked by ALPN (RFC 7301 3.2), or null when none was agreed. */
  alpn?: string | null;
  /** The name this client sent in SNI (RFC 6066 3), in clear text in the ClientHello; null when none. */
  servername?: string | null;
}

/** The line the client sends to ask for TLS (IMAP's with the tag T1) and the status that accepts it: protocol.ts STARTTLS. */
export const STARTTLS_COMMAND: Record<Protocol, { line: string; ok: string } | null> = {
  smtp: upgradeLine('smtp'),
  pop3: upgradeLine('pop3'),
  imap: upgradeLine('imap'),
  http: upgradeLine('http'),
  dns: upgradeLine('dns'),
};

function upgradeLine(protocol: Protocol): { line: string; ok: string } | null {
  const command = STARTTLS[protocol];
  if (!command) return null;
  return { line: command.tagged ? `T1 ${command.verb}` : command.verb, ok: command.ok };
}

function options(host: string, tls: WireTls) {
  return {
    ca: [...rootCertificates, ...(tls.ca ?? [])],
    rejectUnauthorized: !tls.insecure,
    // SNI carries names only, never an address (RFC 6066 3).
    ...(isIP(host) === 0 ? { servername: host } : tls.servername ? { servername: tls.servername } : {}),
    ...(tls.alpn ? { ALPNProtocols: tls.alpn } : {}),
  };
}

/** A TLS handshake on `socket` (already connected) or a new connection; rejects with the reason. */
export function handshake(target: { host: string; port: number; socket?: Socket }, tls: WireTls, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const base = options(target.host, tls);
    const s = target.socket ? tlsConnect({ ...base, socket: target.socket }) : tlsConnect({ ...base, host: target.host, port: target.port });
    const timer = setTimeout(() => fail(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    function fail(err: Error): void {
      clearTimeout(timer);
      s.destroy();
      reject(err);
    }
    s.once('secureConnect', () => {
      clearTimeout(timer);
      s.off('error', fail);
      resolve(s);
    });
    s.once('error', fail);
  });
}

export function peerTls(socket: TLSSocket): PeerTls {
  const cert = socket.getPeerCertificate();
  const subject = cert && cert.subject ? Object.entries(cert.subject).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '';
  return {
    version: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    subject,
    verified: socket.authorized,
    fingerprint256: cert?.fingerprint256 ?? '',
    alpn: socket.alpnProtocol || null,
    servername: (socket as TLSSocket & { servername?: string | false }).servername || null,
  };
}
