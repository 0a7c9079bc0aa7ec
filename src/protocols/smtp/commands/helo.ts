import type { CommandSpec, Outcome } from '../types.js';
import { COMMAND_STATES } from '../types.js';
import { domainArg } from './args.js';

/**
 * HELO: the original greeting, without extensions (RFC 5321 4.1.1.1). After HELO, MAIL and
 * RCPT take no parameters and AUTH is not available.
 *   C: HELO client.example
 *   S: 250 l7lab.localhost Hello client.example
 */
const SYNTAX = 'HELO <domain>';

export const helo: CommandSpec<string> = {
  name: 'HELO',
  states: COMMAND_STATES,
  args: domainArg(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.1',
  handle(ctx, domain): Outcome {
    ctx.data.greeting = 'HELO';
    ctx.data.clientDomain = domain;
    ctx.data.transaction = null;
    return { replies: [`250 ${ctx.config.hostname} Hello ${domain}`], next: 'GREETED' };
  },
};
