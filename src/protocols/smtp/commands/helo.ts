import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { domainArg } from './args.js';

/**
 * HELO: the original greeting, without extensions (RFC 5321 4.1.1.1). After HELO, MAIL and
 * RCPT take no parameters and AUTH is not available.
 *   C: HELO client.example
 *   S: 250 l7lab.localhost Hello client.example
 */
const SYNTAX = 'HELO <domain>';

export const helo = smtpCommand({
  name: 'HELO',
  states: COMMAND_STATES,
  args: domainArg(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.1',
  handle(ctx, domain): SmtpOutcome {
    const change = { greeting: 'HELO', clientDomain: domain, transaction: null } as const;
    return { replies: [`250 ${ctx.config.hostname} Hello ${domain}`], next: 'GREETED', change };
  },
});
