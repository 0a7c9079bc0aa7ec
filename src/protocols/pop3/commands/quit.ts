import { args } from './args.js';
import { POP3_MAILBOX } from '../maildrop.js';
import { pluralMessages, SIGN_OFF } from '../replies.js';
import type { Pop3Outcome, Pop3Spec, TransactionContext } from '../types.js';

/**
 * The UPDATE state (RFC 1939 6): reached only by QUIT from TRANSACTION. Now, and only now,
 * the messages marked by DELE leave the store; then the session releases the lock (on
 * `next: 'UPDATE'`). A dropped connection or an autologout never gets here, so it removes nothing.
 */
async function update(ctx: TransactionContext): Promise<Pop3Outcome> {
  const base = { next: 'UPDATE' as const, close: 'quit', layers: ['L5' as const] };
  const uids = ctx.maildrop.markedUids();
  try {
    if (uids.length > 0) await ctx.store.remove(ctx.account, POP3_MAILBOX, uids);
  } catch {
    return { ...base, replies: ['-ERR [SYS/TEMP] some deleted messages not removed'] };
  }
  const left = ctx.maildrop.stat().count;
  const what = left === 0 ? 'maildrop empty' : `${pluralMessages(left)} left`;
  return { ...base, replies: [`${SIGN_OFF} (${uids.length} deleted, ${what})`] };
}

/**
 * QUIT (RFC 1939 4 and 6): in AUTHORIZATION just goodbye; in TRANSACTION enter UPDATE,
 * remove the marked messages, release the maildrop, goodbye.
 * C: QUIT
 * S: +OK l7lab POP3 server signing off (1 deleted, 1 message left)
 */
export const quit: Pop3Spec<'AUTHORIZATION' | 'TRANSACTION'> = {
  name: 'QUIT',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  args: args('QUIT'),
  syntax: 'QUIT',
  rfc: 'RFC 1939 6',
  handle(ctx) {
    if (ctx.state === 'TRANSACTION') return update(ctx);
    return { replies: [SIGN_OFF], close: 'quit' };
  },
};
