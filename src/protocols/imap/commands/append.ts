import { NoSuchMailboxError } from '../../../mailstore/types.js';
import { ImapNoError } from '../errors.js';
import { dateTime, flagList, literal, mailbox, optional } from './args.js';
import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * APPEND (RFC 3501 6.3.11) with APPENDUID (RFC 4315 3): store a whole message, usually
 * sent as a literal after the server's `+` continuation. The literal's size is checked
 * against IMAP_MAX_LITERAL before any byte is read (see command-reader.ts).
 * C: a1 APPEND Drafts (\Draft) "05-Jan-2024 10:00:00 +0000" {310}
 * S: + Ready for literal data
 * C: <310 octets>
 * S: a1 OK [APPENDUID 1700000000 4] APPEND completed
 */
export const appendSpec = imapCommand({
  name: 'APPEND',
  states: AUTHENTICATED,
  args: [mailbox, optional(flagList), optional(dateTime), literal],
  syntax: 'APPEND mailbox [(flags)] ["date-time"] {size}',
  rfc: 'RFC 3501 6.3.11, RFC 4315 3',
  async handle(ctx, [name, flags = [], date, message]) {
    if (message.length === 0) throw new ImapNoError('An empty message cannot be stored');
    try {
      const meta = await ctx.services.store.append(ctx.user, name, message, flags, date);
      const { uidValidity } = await ctx.services.store.status(ctx.user, name);
      return { replies: [], code: `APPENDUID ${uidValidity} ${meta.uid}`, text: `APPEND completed, ${message.length} octets stored in ${name}` };
    } catch (err) {
      // RFC 3501 6.3.11: TRYCREATE tells the client a CREATE would make this work.
      if (err instanceof NoSuchMailboxError) throw new ImapNoError(`Mailbox does not exist: ${name}`, 'TRYCREATE');
      throw err;
    }
  },
});
