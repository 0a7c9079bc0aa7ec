import { SASL_MAX_RESPONSE_LINE } from '../../../limits.js';
import { decodeBase64, parsePlain, showNuls } from '../../sasl.js';
import { capabilityList, loginDisabled } from '../replies.js';
import { tlsOf, type CommandResult, type CommandSpec, type ImapContext } from './spec.js';
import { text } from './util.js';

/**
 * AUTHENTICATE (RFC 3501 6.2.2) with the PLAIN mechanism (RFC 4616): the client sends
 * base64("authzid NUL user NUL password"), after an empty `+ ` continuation or at once
 * as an initial response (SASL-IR, RFC 4959). A `*` line cancels. Base64 is an encoding,
 * not encryption: the lessons decode it on screen.
 * C: a1 AUTHENTICATE PLAIN
 * S: +
 * C: AGJvYgBidWlsZGVy
 * S: a1 OK [CAPABILITY ...] AUTHENTICATE completed
 */
function verify(ctx: ImapContext, response: string): CommandResult {
  const decoded = response === '=' ? Buffer.alloc(0) : decodeBase64(response);
  if (decoded === null) return { status: 'BAD', text: 'The response is not valid base64 (RFC 4648)' };
  const creds = parsePlain(decoded);
  if (creds === null) {
    return { status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'PLAIN expects authzid NUL user NUL password (RFC 4616 2)', authFailed: true };
  }
  if (creds.authzid !== '' && creds.authzid.toLowerCase() !== creds.authcid.toLowerCase()) {
    return { status: 'NO', code: 'AUTHORIZATIONFAILED', text: 'Acting as another user is not allowed here', authFailed: true };
  }
  if (!ctx.services.accounts.verify(creds.authcid, creds.password)) {
    return { status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'Invalid user name or password', authFailed: true };
  }
  return {
    code: `CAPABILITY ${capabilityList(tlsOf(ctx))}`,
    text: `AUTHENTICATE completed, logged in as ${creds.authcid}`,
    next: 'authenticated',
    user: creds.authcid.toLowerCase(),
  };
}

export const authenticateSpec: CommandSpec = {
  name: 'AUTHENTICATE',
  states: ['not authenticated'],
  args: ['atom', 'atom?'],
  syntax: 'AUTHENTICATE PLAIN [initial-response]',
  rfc: 'RFC 3501 6.2.2, RFC 4616, RFC 4959',
  secret: true,
  async handle(ctx, args) {
    const mechanism = text(args[0]).toUpperCase();
    if (mechanism !== 'PLAIN') return { status: 'NO', code: 'CANNOT', text: `Unsupported mechanism ${mechanism}: this server offers AUTH=PLAIN` };
    if (loginDisabled(tlsOf(ctx))) {
      return { status: 'NO', code: 'PRIVACYREQUIRED', text: 'PLAIN is disabled until STARTTLS: base64 is not encryption' };
    }
    if (args[1] !== undefined) return verify(ctx, text(args[1]));
    return {
      text: '',
      continuation: {
        prompt: '+ ',
        maxLine: SASL_MAX_RESPONSE_LINE,
        note(line) {
          const decoded = decodeBase64(line.toString('latin1'));
          return { secret: true, layer: 'L6', ...(decoded ? { decoded: showNuls(decoded) } : {}) };
        },
        async line(line, c) {
          const response = line.toString('latin1').trim();
          if (response === '*') return { status: 'BAD', text: 'AUTHENTICATE cancelled by the client' };
          return verify(c, response);
        },
      },
    };
  },
};
