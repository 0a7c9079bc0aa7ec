import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * DELE msg (RFC 1939 5): only marks the message. It vanishes from STAT, LIST and UIDL at
 * once, but the store loses it only when QUIT takes the session into UPDATE; RSET or a
 * dropped connection brings it back.
 * C: DELE 1
 * S: +OK message 1 deleted
 */
export const dele: CommandSpec = {
  name: 'DELE',
  states: ['TRANSACTION'],
  args: [{ name: 'msg', kind: 'msg' }],
  syntax: 'DELE msg',
  rfc: 'RFC 1939 5',
  async handle(ctx, args) {
    const { drop } = transaction(ctx, 'DELE');
    const entry = args.message;
    if (!entry) throw new Error('DELE without a validated message');
    drop.mark(entry);
    return { out: [`+OK message ${entry.n} deleted`] };
  },
};
