import { args, word } from './args.js';
import { refuseCleartext } from '../login.js';
import type { Pop3Spec } from '../types.js';

/**
 * USER name (RFC 1939 7): names the maildrop; PASS must come next. The reply is +OK for
 * every name, known or not, so that probing names teaches an attacker nothing: the verdict
 * comes after PASS, the same for a wrong name and a wrong password. On a server that takes
 * passwords only inside TLS, USER is refused before TLS (RFC 2595 2.2), as Dovecot does.
 * C: USER bob
 * S: +OK send PASS for bob
 */
export const user: Pop3Spec<'AUTHORIZATION', [string]> = {
  name: 'USER',
  states: ['AUTHORIZATION'],
  args: args('USER name', word('name')),
  syntax: 'USER name',
  rfc: 'RFC 1939 7',
  handle(ctx, [name]) {
    return refuseCleartext(ctx) ?? { replies: [`+OK send PASS for ${name}`], change: { pendingUser: name } };
  },
};
