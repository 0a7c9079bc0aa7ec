import { ProtocolSyntaxError } from '../../errors.js';
import { decodeBase64, parsePlain, showNuls } from '../../sasl.js';
import { authFailed, openMaildrop } from '../login.js';
import { multiline } from '../multiline.js';
import type { CommandSpec, Pop3Context, Pop3Reply } from '../types.js';

/** The SASL mechanisms offered; CAPA announces the same list (RFC 2449 6.3). */
export const SASL_MECHANISMS = ['PLAIN'] as const;

const SYNTAX = 'AUTH mechanism [initial-response]';

/**
 * PLAIN's one message (RFC 4616 2): authzid NUL authcid NUL password, in base64. It is an
 * encoding, not encryption: anyone who sees the line can decode the password (L6).
 * Acting as another user (an authzid other than the authcid) is not supported.
 */
async function finishPlain(ctx: Pop3Context, response: string): Promise<Pop3Reply> {
  if (response === '*') return { out: ['-ERR authentication cancelled'] };
  const decoded = response === '=' ? Buffer.alloc(0) : decodeBase64(response);
  if (decoded === null) return { out: ['-ERR the response is not valid base64'], client: { secret: true, layer: 'L6' } };
  const client = { decoded: showNuls(decoded), secret: true, layer: 'L6' as const };
  const creds = parsePlain(decoded);
  const valid =
    creds !== null && (creds.authzid === '' || creds.authzid.toLowerCase() === creds.authcid.toLowerCase()) && ctx.accounts.verify(creds.authcid, creds.password);
  const reply = valid && creds ? await openMaildrop(ctx, creds.authcid) : authFailed(ctx);
  return { ...reply, client };
}

/**
 * AUTH mechanism [initial-response] (RFC 5034 4): SASL login. Without an initial response
 * the server sends "+ " (an empty challenge) and reads the response on the next line; "*"
 * cancels. A bare AUTH lists the mechanisms, as many servers do for older clients.
 * C: AUTH PLAIN AGJvYgBidWlsZGVy
 * S: +OK bob's maildrop has 2 messages (3426 octets)
 */
export const auth: CommandSpec = {
  name: 'AUTH',
  states: ['AUTHORIZATION'],
  args: [
    { name: 'mechanism', kind: 'word', optional: true },
    { name: 'initial-response', kind: 'word', optional: true },
  ],
  syntax: SYNTAX,
  rfc: 'RFC 5034 4',
  // Not `secret` as a whole: a bare "AUTH PLAIN" carries nothing; finishPlain marks the
  // line secret when it holds an initial response.
  async handle(ctx, args) {
    const [mechanism, initial] = args.words;
    if (mechanism === undefined) return { out: multiline('+OK supported SASL mechanisms follow', SASL_MECHANISMS) };
    if (mechanism.toUpperCase() !== 'PLAIN') {
      throw new ProtocolSyntaxError(`unsupported mechanism ${mechanism}, use ${SASL_MECHANISMS.join(' ')}`, SYNTAX);
    }
    if (initial !== undefined) return finishPlain(ctx, initial);
    return { out: ['+ '], continueWith: finishPlain, layers: ['L6'] };
  },
};
