import { decodeBase64, type SaslMechanism } from '../../sasl.js';
import { SmtpReplyError, SmtpSequenceError, SmtpSyntaxError } from '../replies.js';
import { authArgs } from './args.js';
import { MECHANISMS, startSasl } from '../sasl-exchange.js';
import { smtpCommand, type SmtpOutcome } from '../types.js';

/**
 * AUTH: SMTP authentication with a SASL mechanism (RFC 4954 4), only after EHLO, at most
 * once per session and never inside a transaction. Base64 is an encoding, not encryption:
 * the transcript shows the decoded form to make that point.
 *   C: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=
 *   S: 235 2.7.0 Authentication successful
 */
const SYNTAX = 'AUTH <mechanism> [<initial-response>]';

function decodeInitial(initial: string | null): Buffer | null {
  if (initial === null) return null;
  // "=" is the zero-length initial response (RFC 4954 4).
  if (initial === '=') return Buffer.alloc(0);
  const decoded = decodeBase64(initial);
  if (decoded === null) throw new SmtpReplyError(501, '5.5.2', 'Cannot decode the initial response: it is not base64', true);
  return decoded;
}

export const auth = smtpCommand({
  name: 'AUTH',
  states: ['GREETED'],
  args: authArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 4954 4',
  handle(ctx, { mechanism, initial }): SmtpOutcome {
    if (ctx.data.authenticatedAs !== null) {
      throw new SmtpSequenceError('AUTH', ctx.state, ['GREETED'], 'Already authenticated: AUTH is allowed once per session');
    }
    if (ctx.data.greeting !== 'EHLO') {
      throw new SmtpSequenceError('AUTH', ctx.state, ['GREETED'], 'AUTH needs EHLO first (HELO has no extensions)');
    }
    if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new SmtpReplyError(504, '5.5.4', `Unrecognized authentication type; use one of ${MECHANISMS.join(' ')}`, true);
    }
    if (ctx.config.tls.loginRequiresTls && !ctx.data.secure && (mechanism === 'PLAIN' || mechanism === 'LOGIN')) {
      // The password would cross the wire in base64, readable by anyone on the path (RFC 4954 4, 6).
      throw new SmtpReplyError(538, '5.7.11', 'Encryption required for requested authentication mechanism: STARTTLS first');
    }
    if (mechanism === 'CRAM-MD5' && initial !== null) {
      // CRAM-MD5 is server-first: the client cannot answer a challenge it has not seen (RFC 4422 5).
      throw new SmtpSyntaxError('CRAM-MD5 takes no initial response', SYNTAX);
    }
    return startSasl(ctx, mechanism as SaslMechanism, decodeInitial(initial));
  },
});
