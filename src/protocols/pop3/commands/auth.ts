import { ProtocolSyntaxError } from '../../errors.js';
import { SASL_MAX_RESPONSE_LINE } from '../../../limits.js';
import { decodeBase64, parsePlain, showNuls } from '../../sasl.js';
import { args, optional, word } from './args.js';
import { authFailed, openMaildrop, refuseCleartext } from '../login.js';
import { multiline } from '../multiline.js';
import type { AuthorizationContext, Pop3Outcome, Pop3Pending, Pop3Spec } from '../types.js';

/** The SASL mechanisms offered; CAPA announces the same list (RFC 2449 6.3). */
export const SASL_MECHANISMS = ['PLAIN'] as const;

const SYNTAX = 'AUTH mechanism [initial-response]';

/**
 * PLAIN's one message (RFC 4616 2): authzid NUL authcid NUL password, in base64. It is an
 * encoding, not encryption: anyone who sees the line can decode the password (L6).
 * Acting as another user (an authzid other than the authcid) is not supported.
 */
async function finishPlain(ctx: AuthorizationContext, response: string): Promise<Pop3Outcome> {
  if (response === '*') return { replies: ['-ERR authentication cancelled'] };
  const decoded = response === '=' ? Buffer.alloc(0) : decodeBase64(response);
  if (decoded === null) return { replies: ['-ERR the response is not valid base64'], note: { secret: true, layer: 'L6' } };
  const note = { decoded: showNuls(decoded), secret: true, layer: 'L6' as const };
  const creds = parsePlain(decoded);
  const valid =
    creds !== null && (creds.authzid === '' || creds.authzid.toLowerCase() === creds.authcid.toLowerCase()) && ctx.accounts.verify(creds.authcid, creds.password);
  const outcome = valid && creds ? await openMaildrop(ctx, creds.authcid) : authFailed(ctx);
  return { ...outcome, note };
}

/** The response to "+ " arrives on the next line, which may be longer than a command (RFC 5034 4). */
const PLAIN_RESPONSE: Pop3Pending = {
  expect: { mode: 'line', maxLine: SASL_MAX_RESPONSE_LINE },
  prompt: '+ ',
  line: (ctx, line) => finishPlain(ctx, line.toString('latin1')),
  overflow: () => ({ replies: [`-ERR SASL response longer than ${SASL_MAX_RESPONSE_LINE} octets; authentication cancelled`] }),
};

/**
 * AUTH mechanism [initial-response] (RFC 5034 4): SASL login. Without an initial response
 * the server sends "+ " (an empty challenge) and reads the response on the next line; "*"
 * cancels. A bare AUTH lists the mechanisms, as many servers do for older clients.
 * C: AUTH PLAIN AGJvYgBidWlsZGVy
 * S: +OK bob's maildrop has 2 messages (3426 octets)
 */
export const auth: Pop3Spec<'AUTHORIZATION', [string | undefined, string | undefined]> = {
  name: 'AUTH',
  states: ['AUTHORIZATION'],
  args: args(SYNTAX, optional(word('mechanism')), optional(word('initial-response'))),
  syntax: SYNTAX,
  rfc: 'RFC 5034 4',
  // Not `secret` as a whole: a bare "AUTH PLAIN" carries nothing; finishPlain marks the
  // line secret when it holds an initial response.
  handle(ctx, [mechanism, initial]) {
    if (mechanism === undefined) return { replies: multiline('+OK supported SASL mechanisms follow', SASL_MECHANISMS) };
    if (mechanism.toUpperCase() !== 'PLAIN') {
      throw new ProtocolSyntaxError(`unsupported mechanism ${mechanism}, use ${SASL_MECHANISMS.join(' ')}`, SYNTAX);
    }
    const refused = refuseCleartext(ctx);
    if (refused) return refused;
    if (initial !== undefined) return finishPlain(ctx, initial);
    return { replies: [PLAIN_RESPONSE.prompt ?? '+ '], pending: PLAIN_RESPONSE, layers: ['L6'] };
  },
};
