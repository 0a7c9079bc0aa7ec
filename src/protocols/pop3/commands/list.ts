import { args, msg, optional } from './args.js';
import type { MaildropEntry } from '../maildrop.js';
import { multiline } from '../multiline.js';
import { pluralMessages } from '../replies.js';
import type { Pop3Spec } from '../types.js';

/**
 * LIST [msg] (RFC 1939 5): scan listings "msg octets", one message or all of them as a
 * multi-line reply. Sizes are exact octets with CRLF line ends; deleted messages are left out.
 * C: LIST         C: LIST 2
 * S: +OK 2 messages (3426 octets)   S: +OK 2 1714
 * S: 1 1712
 * S: 2 1714
 * S: .
 */
export const list: Pop3Spec<'TRANSACTION', [MaildropEntry | undefined]> = {
  name: 'LIST',
  states: ['TRANSACTION'],
  args: args('LIST [msg]', optional(msg())),
  syntax: 'LIST [msg]',
  rfc: 'RFC 1939 5',
  handle(ctx, [entry]) {
    if (entry) return { replies: [`+OK ${entry.n} ${entry.size}`] };
    const { count, octets } = ctx.maildrop.stat();
    const lines = ctx.maildrop.live().map((e) => `${e.n} ${e.size}`);
    return { replies: multiline(`+OK ${pluralMessages(count)} (${octets} octets)`, lines, 'scan listing') };
  },
};
