import { pluralMessages } from '../login.js';
import { multiline } from '../multiline.js';
import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * LIST [msg] (RFC 1939 5): scan listings "msg octets", one message or all of them as a
 * multi-line reply. Sizes are exact octets with CRLF line ends; deleted messages are left out.
 * C: LIST         C: LIST 2
 * S: +OK 2 messages (3426 octets)   S: +OK 2 1714
 * S: 1 1712
 * S: 2 1714
 * S: .
 */
export const list: CommandSpec = {
  name: 'LIST',
  states: ['TRANSACTION'],
  args: [{ name: 'msg', kind: 'msg', optional: true }],
  syntax: 'LIST [msg]',
  rfc: 'RFC 1939 5',
  async handle(ctx, args) {
    const { drop } = transaction(ctx, 'LIST');
    if (args.message) return { out: [`+OK ${args.message.n} ${args.message.size}`] };
    const { count, octets } = drop.stat();
    const lines = drop.live().map((e) => `${e.n} ${e.size}`);
    return { out: multiline(`+OK ${pluralMessages(count)} (${octets} octets)`, lines, 'scan listing') };
  },
};
