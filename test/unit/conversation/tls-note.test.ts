import { describe, expect, it } from 'vitest';
import { tlsNote } from '../../../src/conversation/tls-note.js';
import { stripAnsi } from '../../../src/ui/width.js';
import type { PeerTls } from '../../../src/wire/tls.js';

/**
 * The note after a TLS handshake: for HTTPS it also names what the handshake left in clear
 * (the SNI name in the ClientHello, RFC 6066 3) and the protocol ALPN chose (RFC 7301 3.2),
 * and says nothing about EHLO/CAPA, which are mail's; a STARTTLS note on an address (no SNI,
 * no ALPN) reads as before.
 */
const BASE: PeerTls = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', subject: 'CN=localhost', verified: true, fingerprint256: Array.from({ length: 32 }, () => 'AB').join(':') };

describe('tlsNote', () => {
  it('for HTTPS names the SNI name and the ALPN protocol, in both languages', () => {
    const https = { ...BASE, servername: 'localhost', alpn: 'http/1.1' };
    const en = stripAnsi(tlsNote(https, 'en', false)).replace(/\s+/g, ' ');
    expect(en).toContain('SNI (in the ClientHello, in clear): localhost');
    expect(en).toContain('ALPN: http/1.1');
    expect(en).not.toContain('EHLO');
    const ja = stripAnsi(tlsNote(https, 'ja', false));
    expect(ja).toContain('SNI（ClientHello の中、平文）: localhost');
    expect(ja).toContain('ALPN: http/1.1');
  });

  it('after STARTTLS to an address there is no SNI or ALPN line, and mail clients ask again', () => {
    const en = stripAnsi(tlsNote({ ...BASE, servername: null, alpn: null }, 'en'));
    expect(en).not.toContain('SNI');
    expect(en).not.toContain('ALPN');
    expect(en).toContain('(EHLO, CAPA, CAPABILITY)');
  });
});
