import { pluralMessages } from '../login.js';
import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * RSET (RFC 1939 5): unmark every message marked by DELE in this session.
 * C: RSET
 * S: +OK maildrop has 2 messages (3426 octets)
 */
export const rset: CommandSpec = {
  name: 'RSET',
  states: ['TRANSACTION'],
  args: [],
  syntax: 'RSET',
  rfc: 'RFC 1939 5',
  async handle(ctx) {
    const { drop } = transaction(ctx, 'RSET');
    drop.reset();
    const { count, octets } = drop.stat();
    return { out: [`+OK maildrop has ${pluralMessages(count)} (${octets} octets)`] };
  },
};
