import type { CommandSpec } from '../types.js';

/**
 * STLS (RFC 2595 4): switch to TLS before logging in. After +OK the client starts the
 * handshake; anything it pipelined behind STLS is thrown away by the LineServer, and the
 * client must ask CAPA again (the list changes: no STLS inside TLS).
 * C: STLS
 * S: +OK Begin TLS negotiation
 * (TLS handshake)
 * C: CAPA
 */
export const stls: CommandSpec = {
  name: 'STLS',
  states: ['AUTHORIZATION'],
  args: [],
  syntax: 'STLS',
  rfc: 'RFC 2595 4',
  async handle(ctx) {
    if (ctx.secure) return { out: ['-ERR Command not permitted when TLS active'] };
    if (!ctx.stlsOffered) return { out: ['-ERR STLS is not offered: this server was started without a TLS certificate'] };
    ctx.enterTls();
    return { out: ['+OK Begin TLS negotiation'], startTls: true, layers: ['L6'] };
  },
};
