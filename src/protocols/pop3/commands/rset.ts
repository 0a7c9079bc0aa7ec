import { args } from './args.js';
import { pluralMessages } from '../replies.js';
import type { Pop3Spec } from '../types.js';

/**
 * RSET (RFC 1939 5): unmark every message marked by DELE in this session.
 * C: RSET
 * S: +OK maildrop has 2 messages (3426 octets)
 */
export const rset: Pop3Spec<'TRANSACTION'> = {
  name: 'RSET',
  states: ['TRANSACTION'],
  args: args('RSET'),
  syntax: 'RSET',
  rfc: 'RFC 1939 5',
  handle(ctx) {
    const { count, octets } = ctx.maildrop.whole();
    return { replies: [`+OK maildrop has ${pluralMessages(count)} (${octets} octets)`], change: { unmarkAll: true } };
  },
};
