import { isAscii, parsePathArgument, type PathArgument } from '../address.js';
import { SmtpReplyError, SmtpSyntaxError } from '../replies.js';
import { delayed, simulatedFailure } from '../simulate.js';
import type { CommandContext, CommandSpec, Outcome, Transaction } from '../types.js';

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

function applyParameter(ctx: CommandContext, tx: Transaction, keyword: string, value: string | null): void {
  switch (keyword) {
    case 'SIZE': {
      if (value === null || !/^\d{1,20}$/.test(value)) throw new SmtpSyntaxError('SIZE needs a number of octets', SYNTAX);
      tx.declaredSize = Number(value);
      if (tx.declaredSize > ctx.config.maxMessageSize) {
        throw new SmtpReplyError(552, '5.3.4', `Message size exceeds fixed maximum message size (${ctx.config.maxMessageSize} octets)`);
      }
      return;
    }
    case 'BODY':
      if (value === null || !['7BIT', '8BITMIME'].includes(value.toUpperCase())) throw new SmtpSyntaxError('BODY must be 7BIT or 8BITMIME', SYNTAX);
      tx.body = value.toUpperCase() as '7BIT' | '8BITMIME';
      return;
    case 'SMTPUTF8':
      if (value !== null) throw new SmtpSyntaxError('SMTPUTF8 takes no value', SYNTAX);
      tx.smtputf8 = true;
      return;
    case 'AUTH':
      // RFC 4954 5: the original submitter's identity; a final delivery server may ignore it.
      return;
    default:
      throw unknownParameter(keyword);
  }
}

export const mail: CommandSpec<PathArgument> = {
  name: 'MAIL',
  states: ['GREETED'],
  args: (text) => parsePathArgument(text, 'FROM', SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.2',
  handle(ctx, { path, params }): Outcome {
    if (ctx.config.authRequired && ctx.data.authenticatedAs === null) {
      throw new SmtpReplyError(530, '5.7.0', 'Authentication required: log in with AUTH first');
    }
    // Parameters are an ESMTP feature: only a client that said EHLO may use them (RFC 5321 4.1.1.2).
    if (ctx.data.greeting !== 'EHLO' && params.length > 0) throw unknownParameter(params[0]?.[0] ?? '');
    const tx: Transaction = { from: path, to: [], declaredSize: null, body: null, smtputf8: false };
    for (const [keyword, value] of params) applyParameter(ctx, tx, keyword, value);
    if (!tx.smtputf8 && !isAscii(path)) {
      throw new SmtpReplyError(553, '5.6.7', 'Non-ASCII address needs the SMTPUTF8 parameter');
    }
    const sim = simulatedFailure(ctx, 'mail', path);
    if (sim?.instead) return sim.instead;
    ctx.data.transaction = tx;
    return delayed({ replies: ['250 2.1.0 Ok'], next: 'MAIL' }, sim);
  },
};
