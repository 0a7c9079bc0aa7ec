import type { CommandSpec, Outcome } from '../types.js';
import { COMMAND_STATES } from '../types.js';
import { noArgs } from './args.js';

/**
 * QUIT: the server answers 221 and closes the channel; an unfinished transaction is
 * dropped (RFC 5321 4.1.1.10).
 *   C: QUIT
 *   S: 221 2.0.0 l7lab.localhost Bye
 */
const SYNTAX = 'QUIT';

export const quit: CommandSpec<null> = {
  name: 'QUIT',
  states: COMMAND_STATES,
  args: noArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.10',
  handle(ctx): Outcome {
    ctx.data.transaction = null;
    return { replies: [`221 2.0.0 ${ctx.config.hostname} Bye`], next: 'CLOSED', close: 'quit' };
  },
};
