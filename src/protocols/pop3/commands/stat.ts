import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * STAT (RFC 1939 5): the drop listing, "+OK count octets", messages marked deleted left out.
 * C: STAT
 * S: +OK 2 3426
 */
export const stat: CommandSpec = {
  name: 'STAT',
  states: ['TRANSACTION'],
  args: [],
  syntax: 'STAT',
  rfc: 'RFC 1939 5',
  async handle(ctx) {
    const { count, octets } = transaction(ctx, 'STAT').drop.stat();
    return { out: [`+OK ${count} ${octets}`] };
  },
};
