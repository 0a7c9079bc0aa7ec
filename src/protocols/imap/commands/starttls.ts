import { imapCommand } from '../types.js';
import { NOT_AUTHENTICATED } from './util.js';

/**
 * STARTTLS (RFC 3501 6.2.1): switch to TLS before logging in. After the tagged OK the
 * client starts the handshake; whatever it pipelined behind the command is thrown away by
 * the LineServer, and the client must discard the capabilities it saw (they change:
 * STARTTLS disappears, and so does LOGINDISABLED).
 * C: a1 STARTTLS
 * S: a1 OK Begin TLS negotiation now
 * (TLS handshake)
 * C: a2 CAPABILITY
 */
export const starttlsSpec = imapCommand({
  name: 'STARTTLS',
  states: NOT_AUTHENTICATED,
  args: [],
  syntax: 'STARTTLS',
  rfc: 'RFC 3501 6.2.1',
  handle(ctx) {
    if (ctx.tls.secure) return { replies: [], status: 'BAD', text: 'TLS is already active on this connection' };
    if (!ctx.tls.starttls) return { replies: [], status: 'BAD', text: 'STARTTLS is not offered: this server was started without a TLS certificate' };
    return { replies: [], text: 'Begin TLS negotiation now', startTls: true };
  },
});
