import { isAscii } from '../address.js';
import { SMTP_LOCAL_PART, SMTP_MAX_RECIPIENTS } from '../../../limits.js';
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

function localPartOctets(path: string): number {
  const at = path.lastIndexOf('@');
  return Buffer.byteLength(at >= 0 ? path.slice(0, at) : path);
}

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
    // RFC 5321 4.5.3.1.1: a local part is at most 64 octets. A 250 to RCPT is a promise the store
    // must keep after DATA, so refuse a longer one now: 501 as RFC 5321 4.5.3.1.10 suggests for a
    // path too long, 5.1.3 (bad destination address syntax, RFC 3463 3.2). The others still go.
    if (localPartOctets(path) > SMTP_LOCAL_PART) {
      throw new SmtpReplyError(501, '5.1.3', `Local part longer than ${SMTP_LOCAL_PART} octets (RFC 5321 4.5.3.1.1)`);
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
