import { COMMAND_STATES, smtpCommand, type SmtpContext, type SmtpOutcome } from '../types.js';
import { MECHANISMS } from '../sasl-exchange.js';
import { domainArg } from './args.js';

/**
 * EHLO: the client names itself and asks for the service extensions (RFC 5321 4.1.1.1,
 * 4.1.4: it also resets any transaction, like RSET).
 *   C: EHLO client.example
 *   S: 250-l7lab.localhost Hello client.example
 *   S: 250-SIZE 10485760
 *   S: 250 HELP
 */
const SYNTAX = 'EHLO <domain>';

/** The extension lines, each an EHLO keyword (RFC 5321 4.1.1.1) with its defining RFC. */
export function extensions(ctx: SmtpContext): string[] {
  // STARTTLS only before TLS: a server must not advertise it after the handshake (RFC 3207 4.2).
  const starttls = ctx.config.tls.starttls && !ctx.data.secure ? ['STARTTLS'] : [];
  return [
    ...starttls, // RFC 3207
    `SIZE ${ctx.config.maxMessageSize}`, // RFC 1870
    'PIPELINING', // RFC 2920
    '8BITMIME', // RFC 6152
    'ENHANCEDSTATUSCODES', // RFC 2034
    `AUTH ${MECHANISMS.join(' ')}`, // RFC 4954
    'SMTPUTF8', // RFC 6531
    'HELP', // RFC 5321 4.1.1.8
  ];
}

export const ehlo = smtpCommand({
  name: 'EHLO',
  states: COMMAND_STATES,
  args: domainArg(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.1',
  handle(ctx, domain): SmtpOutcome {
    const lines = [`${ctx.config.hostname} Hello ${domain}`, ...extensions(ctx)];
    // The enhanced status code is not used on the EHLO reply (RFC 2034 3).
    const replies = lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`);
    return { replies, next: 'GREETED', change: { greeting: 'EHLO', clientDomain: domain, transaction: null } };
  },
});
