import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { optionalText } from './args.js';

/**
 * NOOP: does nothing but get a 250; a string argument is allowed and ignored (RFC 5321 4.1.1.9).
 *   C: NOOP
 *   S: 250 2.0.0 Ok
 */
export const noop = smtpCommand({
  name: 'NOOP',
  states: COMMAND_STATES,
  args: optionalText,
  syntax: 'NOOP [<string>]',
  rfc: 'RFC 5321 4.1.1.9',
  handle(): SmtpOutcome {
    return { replies: ['250 2.0.0 Ok'] };
  },
});
