import { fromStore } from '../errors.js';
import { POP3_MAILBOX } from '../maildrop.js';
import { END, messageChunk, topOf } from '../multiline.js';
import type { CommandSpec } from '../types.js';
import { transaction } from './shared.js';

/**
 * TOP msg n (RFC 1939 7): the header, the blank line, then the first n lines of the body,
 * byte-stuffed like RETR. Lets a client look before it downloads; like RETR it changes no flag.
 * C: TOP 1 0
 * S: +OK top of message 1 follows
 * S: <the header and a blank line>
 * S: .
 */
export const top: CommandSpec = {
  name: 'TOP',
  states: ['TRANSACTION'],
  args: [
    { name: 'msg', kind: 'msg' },
    { name: 'n', kind: 'lines' },
  ],
  syntax: 'TOP msg n',
  rfc: 'RFC 1939 7',
  async handle(ctx, args) {
    const { account } = transaction(ctx, 'TOP');
    const entry = args.message;
    const lines = args.lines;
    if (!entry || lines === undefined) throw new Error('TOP without validated arguments');
    const raw = await fromStore(`cannot read message ${entry.n}`, ctx.store.read(account, POP3_MAILBOX, entry.uid));
    const part = topOf(raw, lines);
    const summary = `[message ${entry.n}: header and ${lines} body line${lines === 1 ? '' : 's'}, ${part.length} octets]`;
    return { out: [`+OK top of message ${entry.n} follows`, messageChunk(part, summary), END], layers: [undefined, 'L6', 'L6'] };
  },
};
