import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { requiredText } from './args.js';

/**
 * VRFY: asks whether a mailbox exists. Answering would help address harvesters, so the
 * lab gives 252: cannot verify, but mail to it will be accepted (RFC 5321 3.5.3, 7.3).
 *   C: VRFY bob
 *   S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
 */
const SYNTAX = 'VRFY <string>';

export const vrfy = smtpCommand({
  name: 'VRFY',
  states: COMMAND_STATES,
  args: requiredText(SYNTAX, 'the user name or mailbox to verify'),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.6',
  handle(): SmtpOutcome {
    return { replies: ['252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery'] };
  },
});
