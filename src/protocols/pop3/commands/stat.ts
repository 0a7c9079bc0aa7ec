import { args } from './args.js';
import type { Pop3Spec } from '../types.js';

/**
 * STAT (RFC 1939 5): the drop listing, "+OK count octets", messages marked deleted left out.
 * C: STAT
 * S: +OK 2 3426
 */
export const stat: Pop3Spec<'TRANSACTION'> = {
  name: 'STAT',
  states: ['TRANSACTION'],
  args: args('STAT'),
  syntax: 'STAT',
  rfc: 'RFC 1939 5',
  handle(ctx) {
    const { count, octets } = ctx.maildrop.stat();
    return { replies: [`+OK ${count} ${octets}`] };
  },
};
