import { args, msg } from './args.js';
import type { MaildropEntry } from '../maildrop.js';
import type { Pop3Spec } from '../types.js';

/**
 * DELE msg (RFC 1939 5): only marks the message. It vanishes from STAT, LIST and UIDL at
 * once, but the store loses it only when QUIT takes the session into UPDATE; RSET or a
 * dropped connection brings it back.
 * C: DELE 1
 * S: +OK message 1 deleted
 */
export const dele: Pop3Spec<'TRANSACTION', [MaildropEntry]> = {
  name: 'DELE',
  states: ['TRANSACTION'],
  args: args('DELE msg', msg()),
  syntax: 'DELE msg',
  rfc: 'RFC 1939 5',
  handle(_ctx, [entry]) {
    return { replies: [`+OK message ${entry.n} deleted`], change: { mark: entry } };
  },
};
