import { apopDigest, safeEqual } from '../../sasl.js';
import { args, word } from './args.js';
import { authFailed, openMaildrop } from '../login.js';
import type { Pop3Spec } from '../types.js';

/**
 * APOP name digest (RFC 1939 7): digest = MD5(timestamp from the greeting + shared secret)
 * in hex. The password itself never crosses the wire and the timestamp is fresh per
 * connection, so a recorded digest cannot be replayed; but the server must keep the secret
 * in clear, and MD5 is weak today. Allowed outside TLS even when passwords in clear are not
 * (RFC 2595 2.2 is about plaintext passwords; APOP sends none).
 * S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
 * C: APOP mrose c4c9334bac560ecc979e58001b3e22fb
 * S: +OK mrose's maildrop has 1 message (369 octets)
 */
export const apop: Pop3Spec<'AUTHORIZATION', [string, string]> = {
  name: 'APOP',
  states: ['AUTHORIZATION'],
  args: args('APOP name digest', word('name'), word('digest', { pattern: /^[0-9a-fA-F]{32}$/, says: '32 hexadecimal digits' })),
  syntax: 'APOP name digest',
  rfc: 'RFC 1939 7',
  secret: true,
  handle(ctx, [name, digest]) {
    const secret = ctx.accounts.secret(name);
    // Compute a digest even for an unknown name, so both failures take the same path.
    const expected = apopDigest(ctx.timestamp, secret ?? '\0unknown');
    const ok = safeEqual(expected, digest.toLowerCase()) && secret !== undefined;
    return ok ? openMaildrop(ctx, name) : authFailed(ctx);
  },
};
