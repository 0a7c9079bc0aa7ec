import { fromStore } from '../errors.js';
import { POP3_MAILBOX } from '../maildrop.js';
import { END, messageChunk } from '../multiline.js';
import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

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
export const retr: CommandSpec = {
  name: 'RETR',
  states: ['TRANSACTION'],
  args: [{ name: 'msg', kind: 'msg' }],
  syntax: 'RETR msg',
  rfc: 'RFC 1939 5',
  async handle(ctx, args) {
    const { account } = transaction(ctx, 'RETR');
    const entry = args.message;
    if (!entry) throw new Error('RETR without a validated message');
    const raw = await fromStore(`cannot read message ${entry.n}`, ctx.store.read(account, POP3_MAILBOX, entry.uid));
    return {
      out: [`+OK ${raw.length} octets`, messageChunk(raw, `[message ${entry.n}: ${raw.length} octets]`), END],
      layers: [undefined, 'L6', 'L6'],
    };
  },
};
