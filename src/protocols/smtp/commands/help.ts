import { SmtpReplyError } from '../replies.js';
import { COMMAND_STATES, smtpCommand, type SmtpOutcome } from '../types.js';
import { optionalText } from './args.js';

/**
 * HELP: the commands the server knows, or the syntax of one (RFC 5321 4.1.1.8). Every line
 * of a multi-line reply carries the enhanced code (RFC 2034 4).
 *   C: HELP MAIL
 *   S: 214-2.0.0 MAIL FROM:<reverse-path> [SIZE=<octets>] ...
 *   S: 214 2.0.0 RFC 5321 4.1.1.2
 */
export const help = smtpCommand({
  name: 'HELP',
  states: COMMAND_STATES,
  args: optionalText,
  syntax: 'HELP [<command>]',
  rfc: 'RFC 5321 4.1.1.8',
  handle(ctx, topic): SmtpOutcome {
    if (topic === null) {
      const names = [...ctx.commands.keys()].join(' ');
      return { replies: [`214-2.0.0 Commands: ${names}`, '214-2.0.0 HELP <command> shows its syntax', '214 2.0.0 End of HELP info'] };
    }
    const spec = ctx.commands.get(topic.toUpperCase());
    if (!spec) throw new SmtpReplyError(504, '5.5.4', `No help for "${topic.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}"`);
    return { replies: [`214-2.0.0 ${spec.syntax}`, `214 2.0.0 ${spec.rfc}`] };
  },
});
