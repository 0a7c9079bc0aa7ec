import { NoSuchMailboxError } from '../../../mailstore/types.js';
import { ProtocolSyntaxError } from '../../errors.js';
import { parseImapDate } from '../format.js';
import type { CommandSpec } from './spec.js';
import { ImapNoError, itemsOf } from './spec.js';
import { AUTHENTICATED, flagsArg, mailboxArg, userOf } from './util.js';

/**
 * APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315 3): store a whole message, usually
 * sent as a literal after the server's `+` continuation. The literal's size is checked
 * against IMAP_MAX_LITERAL before any byte is read (see command-reader.ts).
 * C: a1 APPEND Drafts (\Draft) "05-Jan-2024 10:00:00 +0000" {310}
 * S: + Ready for literal data
 * C: <310 octets>
 * S: a1 OK [APPENDUID 1700000000 4] APPEND completed
 */
const SYNTAX = 'APPEND mailbox [(flags)] ["date-time"] {size}';

export const appendSpec: CommandSpec = {
  name: 'APPEND',
  states: AUTHENTICATED,
  args: ['astring', 'list?', 'string?', 'string'],
  syntax: SYNTAX,
  rfc: 'RFC 3501 6.3.11, RFC 4315 3',
  async handle(ctx, args) {
    const name = mailboxArg(args[0]);
    const flags = flagsArg(itemsOf(args[1]));
    let date: Date | undefined;
    if (args[2]?.type === 'string') {
      const parsed = parseImapDate(args[2].value.toString('latin1'));
      if (parsed === null) throw new ProtocolSyntaxError('the date-time must look like "17-Jul-1996 02:44:25 -0700"', SYNTAX);
      date = parsed;
    }
    const message = args[3]?.type === 'string' ? args[3].value : Buffer.alloc(0);
    if (message.length === 0) throw new ImapNoError('An empty message cannot be stored');
    const user = userOf(ctx);
    try {
      const meta = await ctx.services.store.append(user, name, message, flags, date);
      const { uidValidity } = await ctx.services.store.status(user, name);
      return { code: `APPENDUID ${uidValidity} ${meta.uid}`, text: `APPEND completed, ${message.length} octets stored in ${name}` };
    } catch (err) {
      // RFC 3501 6.3.11: TRYCREATE tells the client a CREATE would make this work.
      if (err instanceof NoSuchMailboxError) throw new ImapNoError(`Mailbox does not exist: ${name}`, 'TRYCREATE');
      throw err;
    }
  },
};
