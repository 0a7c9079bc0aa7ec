import { SASL_MAX_RESPONSE_LINE } from '../../../limits.js';
import { decodeBase64, parsePlain, showNuls } from '../../sasl.js';
import { capabilityList, loginDisabled } from '../replies.js';
import { atom, optional } from './args.js';
import { imapCommand, type ImapContext, type ImapOutcome, type ImapPending } from '../types.js';
import { NOT_AUTHENTICATED } from './util.js';

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
function verify(ctx: ImapContext, response: string): ImapOutcome {
  const decoded = response === '=' ? Buffer.alloc(0) : decodeBase64(response);
  if (decoded === null) return { replies: [], status: 'BAD', text: 'The response is not valid base64 (RFC 4648)' };
  const creds = parsePlain(decoded);
  const failed = (code: string, text: string): ImapOutcome => ({ replies: [], status: 'NO', code, text, change: { authFailed: true } });
  if (creds === null) return failed('AUTHENTICATIONFAILED', 'PLAIN expects authzid NUL user NUL password (RFC 4616 2)');
  if (creds.authzid !== '' && creds.authzid.toLowerCase() !== creds.authcid.toLowerCase()) {
    return failed('AUTHORIZATIONFAILED', 'Acting as another user is not allowed here');
  }
  if (!ctx.services.accounts.verify(creds.authcid, creds.password)) return failed('AUTHENTICATIONFAILED', 'Invalid user name or password');
  return {
    replies: [],
    code: `CAPABILITY ${capabilityList(ctx.tls)}`,
    text: `AUTHENTICATE completed, logged in as ${creds.authcid}`,
    next: 'authenticated',
    change: { user: creds.authcid.toLowerCase() },
  };
}

/** The client's base64 line after `+ ` (RFC 3501 6.2.2), or `*` to cancel. */
const response: ImapPending = {
  prompt: '+ ',
  mode: 'sasl',
  expect: { mode: 'line', maxLine: SASL_MAX_RESPONSE_LINE },
  line(ctx, line) {
    const text = line.toString('latin1').trim();
    const decoded = decodeBase64(line.toString('latin1'));
    const note = { secret: true, layer: 'L6', ...(decoded ? { decoded: showNuls(decoded) } : {}) } as const;
    if (text === '*') return { replies: [], status: 'BAD', text: 'AUTHENTICATE cancelled by the client', note };
    return { ...verify(ctx, text), note };
  },
};

export const authenticateSpec = imapCommand({
  name: 'AUTHENTICATE',
  states: NOT_AUTHENTICATED,
  args: [atom, optional(atom)],
  syntax: 'AUTHENTICATE PLAIN [initial-response]',
  rfc: 'RFC 3501 6.2.2, RFC 4616, RFC 4959',
  secret: true,
  handle(ctx, [name, initial]) {
    const mechanism = name.toUpperCase();
    if (mechanism !== 'PLAIN') return { replies: [], status: 'NO', code: 'CANNOT', text: `Unsupported mechanism ${mechanism}: this server offers AUTH=PLAIN` };
    if (loginDisabled(ctx.tls)) {
      return { replies: [], status: 'NO', code: 'PRIVACYREQUIRED', text: 'PLAIN is disabled until STARTTLS: base64 is not encryption' };
    }
    if (initial !== undefined) return verify(ctx, initial);
    return { replies: [], text: '', pending: response };
  },
});
