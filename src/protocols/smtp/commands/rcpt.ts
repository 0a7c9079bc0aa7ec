import { isAscii } from '../address.js';
import { SMTP_MAX_RECIPIENTS } from '../../../limits.js';
import { SmtpReplyError, SmtpSyntaxError } from '../replies.js';
import { delayed, simulatedFailure } from '../simulate.js';
import { smtpCommand, type SmtpOutcome } from '../types.js';
import { pathArg } from './args.js';

/**
 * RCPT TO: adds one recipient to the transaction (RFC 5321 4.1.1.3). The lab is a mock
 * sending server: every address is accepted and captured, nothing is ever relayed.
 *   C: RCPT TO:<bob@example.com>
 *   S: 250 2.1.5 Ok
 */
const SYNTAX = 'RCPT TO:<forward-path>';

export const rcpt = smtpCommand({
  name: 'RCPT',
  states: ['MAIL', 'RCPT'],
  args: pathArg('TO', SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.3',
  handle(ctx, { path, params }): SmtpOutcome {
    // MAIL and RCPT are transaction states: the context carries the open transaction.
    const tx = ctx.transaction;
    // No RCPT parameters are advertised (no DSN): 555 as RFC 5321 4.1.1.11 says.
    const first = params[0];
    if (first) throw new SmtpSyntaxError(`Parameter ${first[0]} is not supported`, SYNTAX, 555, '5.5.4');
    if (!tx.smtputf8 && !isAscii(path)) {
      throw new SmtpReplyError(553, '5.6.7', 'Non-ASCII address needs SMTPUTF8 on MAIL FROM');
    }
    // RFC 5321 4.5.3.1.10: 452 (temporary) for too many recipients; the client sends the rest later.
    if (tx.to.length >= SMTP_MAX_RECIPIENTS) {
      throw new SmtpReplyError(452, '4.5.3', `Too many recipients (at most ${SMTP_MAX_RECIPIENTS} per message)`);
    }
    // A refused recipient leaves the transaction as it was (RFC 5321 4.1.1.3): the others still go.
    const sim = simulatedFailure(ctx, 'rcpt', path);
    if (sim?.instead) return sim.instead;
    return delayed({ replies: ['250 2.1.5 Ok'], next: 'RCPT', change: { transaction: { ...tx, to: [...tx.to, path] } } }, sim);
  },
});
