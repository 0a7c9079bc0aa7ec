import { args } from './args.js';
import type { Pop3Spec } from '../types.js';

/**
 * STLS (RFC 2595 4): switch to TLS before logging in. After +OK the client starts the
 * handshake; anything it pipelined behind STLS is thrown away by the LineServer, and the
 * client must ask CAPA again (the list changes: no STLS inside TLS).
 * C: STLS
 * S: +OK Begin TLS negotiation
 * (TLS handshake)
 * C: CAPA
 */
export const stls: Pop3Spec<'AUTHORIZATION'> = {
  name: 'STLS',
  states: ['AUTHORIZATION'],
  args: args('STLS'),
  syntax: 'STLS',
  rfc: 'RFC 2595 4',
  handle(ctx) {
    if (ctx.tls.secure) return { replies: ['-ERR Command not permitted when TLS active'] };
    if (!ctx.tls.starttls) return { replies: ['-ERR STLS is not offered: this server was started without a TLS certificate'] };
    return { replies: ['+OK Begin TLS negotiation'], change: { secure: true }, startTls: true, layers: ['L6'] };
  },
};
