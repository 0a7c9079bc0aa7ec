import { ProtocolSyntaxError } from '../../errors.js';
import { args, rest } from './args.js';
import { authFailed, openMaildrop, refuseCleartext } from '../login.js';
import type { Pop3Spec } from '../types.js';

/**
 * PASS string (RFC 1939 7): the password, in clear text, right after USER. The whole rest of
 * the line is the password, spaces included. On success the maildrop is locked and the
 * session enters TRANSACTION.
 * C: PASS builder
 * S: +OK bob's maildrop has 2 messages (3426 octets)
 */
export const pass: Pop3Spec<'AUTHORIZATION', [string]> = {
  name: 'PASS',
  states: ['AUTHORIZATION'],
  args: args('PASS string', rest('string')),
  syntax: 'PASS string',
  rfc: 'RFC 1939 7',
  secret: true,
  async handle(ctx, [password]) {
    const refused = refuseCleartext(ctx);
    if (refused) return refused;
    const name = ctx.pendingUser;
    if (name === null) throw new ProtocolSyntaxError('PASS must come right after USER', 'USER name, then PASS string');
    if (!ctx.accounts.verify(name, password)) return authFailed(ctx);
    return openMaildrop(ctx, name);
  },
};
