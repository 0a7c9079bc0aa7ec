import { multiline } from '../multiline.js';
import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * UIDL [msg] (RFC 1939 7): unique-id listings "msg unique-id". Unlike a message-number, the
 * unique-id stays the same in every session, so a client that keeps mail on the server
 * remembers on its own device which ids it already downloaded: POP3's only "read" state.
 * C: UIDL
 * S: +OK unique-id listing follows
 * S: 1 1732950000.1
 * S: .
 */
export const uidl: CommandSpec = {
  name: 'UIDL',
  states: ['TRANSACTION'],
  args: [{ name: 'msg', kind: 'msg', optional: true }],
  syntax: 'UIDL [msg]',
  rfc: 'RFC 1939 7',
  async handle(ctx, args) {
    const { drop } = transaction(ctx, 'UIDL');
    if (args.message) return { out: [`+OK ${args.message.n} ${args.message.uidl}`] };
    const lines = drop.live().map((e) => `${e.n} ${e.uidl}`);
    return { out: multiline('+OK unique-id listing follows', lines, 'unique-id listing') };
  },
};
