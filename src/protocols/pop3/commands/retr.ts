import { args, msg } from './args.js';
import { POP3_MAILBOX, type MaildropEntry } from '../maildrop.js';
import { END, messageChunk } from '../multiline.js';
import { fromStore } from '../replies.js';
import type { Pop3Spec } from '../types.js';

/**
 * RETR msg (RFC 1939 5): the whole message, byte-stuffed, ended by a line with one ".".
 *
 * POP3 has no read or unread state (RFC 1939 has no such notion): a client remembers on its
 * own device which unique-ids it has downloaded, so two devices never share it. l7lab's POP3
 * server therefore leaves the message's IMAP flags alone: RETR does not set \Seen (some
 * servers do), so the lessons can show the protocol as it is. Only QUIT after DELE changes
 * the store.
 * C: RETR 1
 * S: +OK 1712 octets
 * S: <the message, lines starting with "." get one more>
 * S: .
 */
export const retr: Pop3Spec<'TRANSACTION', [MaildropEntry]> = {
  name: 'RETR',
  states: ['TRANSACTION'],
  args: args('RETR msg', msg()),
  syntax: 'RETR msg',
  rfc: 'RFC 1939 5',
  async handle(ctx, [entry]) {
    const raw = await fromStore(`cannot read message ${entry.n}`, ctx.store.read(ctx.account, POP3_MAILBOX, entry.uid));
    return {
      replies: [`+OK ${raw.length} octets`, messageChunk(raw, `[message ${entry.n}: ${raw.length} octets]`), END],
      layers: [undefined, 'L6', 'L6'],
    };
  },
};
