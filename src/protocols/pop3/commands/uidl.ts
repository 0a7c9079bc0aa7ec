import { args, msg, optional } from './args.js';
import type { MaildropEntry } from '../maildrop.js';
import { multiline } from '../multiline.js';
import type { Pop3Spec } from '../types.js';

/**
 * UIDL [msg] (RFC 1939 7): unique-id listings "msg unique-id". Unlike a message-number, the
 * unique-id stays the same in every session, so a client that keeps mail on the server
 * remembers on its own device which ids it already downloaded: POP3's only "read" state.
 * C: UIDL
 * S: +OK unique-id listing follows
 * S: 1 1732950000.1
 * S: .
 */
export const uidl: Pop3Spec<'TRANSACTION', [MaildropEntry | undefined]> = {
  name: 'UIDL',
  states: ['TRANSACTION'],
  args: args('UIDL [msg]', optional(msg())),
  syntax: 'UIDL [msg]',
  rfc: 'RFC 1939 7',
  handle(ctx, [entry]) {
    if (entry) return { replies: [`+OK ${entry.n} ${entry.uidl}`] };
    const lines = ctx.maildrop.live().map((e) => `${e.n} ${e.uidl}`);
    return { replies: multiline('+OK unique-id listing follows', lines, 'unique-id listing') };
  },
};
