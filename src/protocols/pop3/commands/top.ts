import { args, count, msg } from './args.js';
import { POP3_MAILBOX, type MaildropEntry } from '../maildrop.js';
import { END, messageChunk, topOf } from '../multiline.js';
import { fromStore } from '../replies.js';
import type { Pop3Spec } from '../types.js';

/**
 * TOP msg n (RFC 1939 7): the header, the blank line, then the first n lines of the body,
 * byte-stuffed like RETR. Lets a client look before it downloads; like RETR it changes no flag.
 * C: TOP 1 0
 * S: +OK top of message 1 follows
 * S: <the header and a blank line>
 * S: .
 */
export const top: Pop3Spec<'TRANSACTION', [MaildropEntry, number]> = {
  name: 'TOP',
  states: ['TRANSACTION'],
  args: args('TOP msg n', msg(), count('n')),
  syntax: 'TOP msg n',
  rfc: 'RFC 1939 7',
  async handle(ctx, [entry, lines]) {
    const raw = await fromStore(`cannot read message ${entry.n}`, ctx.store.read(ctx.account, POP3_MAILBOX, entry.uid));
    const part = topOf(raw, lines);
    const summary = `[message ${entry.n}: header and ${lines} body line${lines === 1 ? '' : 's'}, ${part.length} octets]`;
    return { replies: [`+OK top of message ${entry.n} follows`, messageChunk(part, summary), END], layers: [undefined, 'L6', 'L6'] };
  },
};
