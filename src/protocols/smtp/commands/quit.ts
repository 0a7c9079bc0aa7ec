import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { noArgs } from './args.js';

/**
 * QUIT: the server answers 221 and closes the channel; an unfinished transaction is
 * dropped (RFC 5321 4.1.1.10).
 *   C: QUIT
 *   S: 221 2.0.0 l7lab.localhost Bye
 */
const SYNTAX = 'QUIT';

export const quit = smtpCommand({
  name: 'QUIT',
  states: COMMAND_STATES,
  args: noArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.10',
  handle(ctx): SmtpOutcome {
    return { replies: [`221 2.0.0 ${ctx.config.hostname} Bye`], next: 'CLOSED', close: 'quit', change: { transaction: null } };
  },
});
