import { isAscii } from '../address.js';
import { SmtpReplyError, SmtpSyntaxError } from '../replies.js';
import { delayed, simulatedFailure } from '../simulate.js';
import { smtpCommand, type SmtpContext, type SmtpOutcome, type Transaction } from '../types.js';
import { pathArg } from './args.js';

/**
 * MAIL FROM: opens a mail transaction with the reverse-path (RFC 5321 4.1.1.2).
 * Parameters: SIZE (RFC 1870 6), BODY (RFC 6152 2), SMTPUTF8 (RFC 6531 3.4), AUTH (RFC 4954 5).
 *   C: MAIL FROM:<alice@example.com> SIZE=2048
 *   S: 250 2.1.0 Ok
 */
const SYNTAX = 'MAIL FROM:<reverse-path> [SIZE=<octets>] [BODY=7BIT|8BITMIME] [SMTPUTF8]';

function unknownParameter(keyword: string): SmtpSyntaxError {
  // RFC 5321 4.1.1.11: 555 for parameters not recognised.
  return new SmtpSyntaxError(`Parameter ${keyword} is not supported`, SYNTAX, 555, '5.5.4');
}

/** One MAIL parameter applied to the transaction being built (a new object: the caller's is not changed). */
function applyParameter(ctx: SmtpContext, tx: Transaction, keyword: string, value: string | null): Transaction {
  switch (keyword) {
    case 'SIZE': {
      if (value === null || !/^\d{1,20}$/.test(value)) throw new SmtpSyntaxError('SIZE needs a number of octets', SYNTAX);
      const declaredSize = Number(value);
      if (declaredSize > ctx.config.maxMessageSize) {
        throw new SmtpReplyError(552, '5.3.4', `Message size exceeds fixed maximum message size (${ctx.config.maxMessageSize} octets)`);
      }
      return { ...tx, declaredSize };
    }
    case 'BODY':
      if (value === null || !['7BIT', '8BITMIME'].includes(value.toUpperCase())) throw new SmtpSyntaxError('BODY must be 7BIT or 8BITMIME', SYNTAX);
      return { ...tx, body: value.toUpperCase() as '7BIT' | '8BITMIME' };
    case 'SMTPUTF8':
      if (value !== null) throw new SmtpSyntaxError('SMTPUTF8 takes no value', SYNTAX);
      return { ...tx, smtputf8: true };
    case 'AUTH':
      // RFC 4954 5: the original submitter's identity; a final delivery server may ignore it.
      return tx;
    default:
      throw unknownParameter(keyword);
  }
}

export const mail = smtpCommand({
  name: 'MAIL',
  states: ['GREETED'],
  args: pathArg('FROM', SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.2',
  handle(ctx, { path, params }): SmtpOutcome {
    if (ctx.config.authRequired && ctx.data.authenticatedAs === null) {
      throw new SmtpReplyError(530, '5.7.0', 'Authentication required: log in with AUTH first');
    }
    // Parameters are an ESMTP feature: only a client that said EHLO may use them (RFC 5321 4.1.1.2).
    if (ctx.data.greeting !== 'EHLO' && params.length > 0) throw unknownParameter(params[0]?.[0] ?? '');
    let tx: Transaction = { from: path, to: [], declaredSize: null, body: null, smtputf8: false };
    for (const [keyword, value] of params) tx = applyParameter(ctx, tx, keyword, value);
    if (!tx.smtputf8 && !isAscii(path)) {
      throw new SmtpReplyError(553, '5.6.7', 'Non-ASCII address needs the SMTPUTF8 parameter');
    }
    const sim = simulatedFailure(ctx, 'mail', path);
    if (sim?.instead) return sim.instead;
    return delayed({ replies: ['250 2.1.0 Ok'], next: 'MAIL', change: { transaction: tx } }, sim);
  },
});
