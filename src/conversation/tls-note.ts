import type { Lang } from '../i18n.js';
import { renderLines } from '../ui/transcript-view.js';
import { theme } from '../ui/theme.js';
import { wrap } from '../ui/wrap.js';
import type { WireReply } from '../wire/reply-framer.js';
import type { PeerTls } from '../wire/tls.js';

/**
 * What the practice shell says about TLS: the STARTTLS/STLS exchange it made for the user
 * (--starttls), the handshake, and whether the certificate was checked (--insecure: not).
 */
export function startTlsExchange(sent: string, reply: WireReply, lang: Lang): string {
  return renderLines([{ direction: 'client', text: sent }, ...reply.lines.map((text) => ({ direction: 'server' as const, text }))], { lang });
}

/**
 * What the handshake agreed besides the cipher: the SNI name the client sent in clear in its
 * ClientHello (RFC 6066 3; TLS 1.3 encrypts the certificate but not this, RFC 8446 4.1.2) and
 * the application protocol chosen by ALPN (RFC 7301 3.2). Nothing when neither was used.
 */
function handshakeNames(tls: PeerTls, lang: Lang): string[] {
  const lines: string[] = [];
  if (tls.servername) lines.push(lang === 'ja' ? `SNI（ClientHello の中、平文）: ${tls.servername}` : `SNI (in the ClientHello, in clear): ${tls.servername}`);
  if (tls.alpn) lines.push(`ALPN: ${tls.alpn}`);
  return lines.map((l) => wrap(l, { prefix: '   ', style: theme.dim }));
}

/** `asksAgain`: after an upgrade the client asks what the server offers again; not on a TLS-from-the-start HTTPS port. */
export function tlsNote(tls: PeerTls, lang: Lang, asksAgain = true): string {
  const trust = tls.verified
    ? { en: 'certificate checked and trusted', ja: '証明書を検証し、信頼できました' }
    : { en: 'certificate NOT checked (--insecure): encrypted, but the server is not authenticated', ja: '証明書は検証していません（--insecure）。暗号化はされますが、相手のサーバーが本物かは確かめていません' };
  const head = lang === 'ja' ? `== TLS: ${tls.version}, ${tls.cipher}、証明書 ${tls.subject}` : `== TLS: ${tls.version}, ${tls.cipher}, certificate ${tls.subject}`;
  const encrypted = lang === 'ja' ? 'ここから先の行はすべて暗号化されて流れます。' : 'Every line from here on is encrypted on the wire.';
  const again = lang === 'ja' ? 'クライアントはサーバーの対応機能（EHLO、CAPA、CAPABILITY）を聞き直します。' : ' The client asks again what the server offers (EHLO, CAPA, CAPABILITY).';
  const after = asksAgain ? `${encrypted}${again}` : encrypted;
  // 32 bytes as hex pairs is 95 columns: shown as two rows of 16 bytes so it fits 80.
  const bytes = tls.fingerprint256.split(':');
  const fingerprint = [bytes.slice(0, 16), bytes.slice(16)].filter((half) => half.length > 0).map((half) => theme.dim(half.join(':')));
  return [
    wrap(head, { style: theme.ok, indent: '   ' }),
    wrap(trust[lang], { prefix: '   ', style: tls.verified ? theme.dim : theme.warn }),
    `   SHA-256 ${fingerprint.join(`:\n           `)}`,
    ...handshakeNames(tls, lang),
    wrap(after, { prefix: '   ', style: theme.explanation }),
  ].join('\n');
}
