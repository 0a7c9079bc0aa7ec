import { notImplemented, SmtpReplyError } from '../replies.js';
import { smtpCommand, type SmtpOutcome } from '../types.js';
import { noArgs } from './args.js';

/**
 * STARTTLS (RFC 3207 4): switch this cleartext connection to TLS. After the 220 the client
 * starts the handshake; the server throws away anything the client pipelined behind the
 * command (the LineServer does that, 4.2) and forgets all it learned in cleartext: the
 * EHLO name, the extensions it saw, a login. The client must send EHLO again.
 *   C: STARTTLS
 *   S: 220 2.0.0 Ready to start TLS
 *   (TLS handshake)
 *   C: EHLO client.example
 */
const SYNTAX = 'STARTTLS';

export const starttls = smtpCommand({
  name: 'STARTTLS',
  // Not inside a mail transaction: the handshake would reset it silently (RFC 3207 4.2).
  states: ['CONNECTED', 'GREETED'],
  // RFC 3207 4: STARTTLS takes no parameters; 501 otherwise.
  args: noArgs(SYNTAX, 'STARTTLS takes no parameters'),
  syntax: SYNTAX,
  rfc: 'RFC 3207 4',
  handle(ctx): SmtpOutcome {
    if (!ctx.config.tls.starttls && !ctx.data.secure) throw notImplemented('STARTTLS');
    if (ctx.data.secure) throw new SmtpReplyError(503, '5.5.1', 'TLS is already active on this connection', true);
    const change = { greeting: null, clientDomain: null, transaction: null, authenticatedAs: null, secure: true } as const;
    return { replies: ['220 2.0.0 Ready to start TLS'], next: 'CONNECTED', startTls: true, layers: ['L6'], change };
  },
});
