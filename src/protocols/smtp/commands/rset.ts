import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { noArgs } from './args.js';

/**
 * RSET: abort the current mail transaction; the greeting and any AUTH stay (RFC 5321 4.1.1.5).
 *   C: RSET
 *   S: 250 2.0.0 Ok
 */
const SYNTAX = 'RSET';

export const rset = smtpCommand({
  name: 'RSET',
  states: COMMAND_STATES,
  args: noArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.5',
  handle(ctx): SmtpOutcome {
    return { replies: ['250 2.0.0 Ok'], next: ctx.data.greeting === null ? 'CONNECTED' : 'GREETED', change: { transaction: null } };
  },
});
