import { pluralMessages } from '../login.js';
import { POP3_MAILBOX } from '../maildrop.js';
import type { CommandSpec, Pop3Context, Pop3Reply } from '../types.js';

const SIGN_OFF = '+OK l7lab POP3 server signing off';

/**
 * The UPDATE state (RFC 1939 6): reached only by QUIT from TRANSACTION. Now, and only now,
 * the messages marked by DELE leave the store; then the lock is released. A dropped
 * connection or an autologout never gets here, so it removes nothing.
 */
async function update(ctx: Pop3Context): Promise<Pop3Reply> {
  const drop = ctx.maildrop;
  const account = ctx.account;
  const base = { next: 'UPDATE' as const, close: true, closeReason: 'quit', layers: ['L5' as const] };
  if (!drop || !account) return { ...base, out: [SIGN_OFF] };
  const uids = drop.markedUids();
  try {
    if (uids.length > 0) await ctx.store.remove(account, POP3_MAILBOX, uids);
  } catch {
    ctx.releaseLock();
    return { ...base, out: ['-ERR [SYS/TEMP] some deleted messages not removed'] };
  }
  ctx.releaseLock();
  const left = drop.stat().count;
  const what = left === 0 ? 'maildrop empty' : `${pluralMessages(left)} left`;
  return { ...base, out: [`${SIGN_OFF} (${uids.length} deleted, ${what})`] };
}

/**
 * QUIT (RFC 1939 4 and 6): in AUTHORIZATION just goodbye; in TRANSACTION enter UPDATE,
 * remove the marked messages, release the maildrop, goodbye.
 * C: QUIT
 * S: +OK l7lab POP3 server signing off (1 deleted, 1 message left)
 */
export const quit: CommandSpec = {
  name: 'QUIT',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  args: [],
  syntax: 'QUIT',
  rfc: 'RFC 1939 6',
  async handle(ctx) {
    if (ctx.state === 'TRANSACTION') return update(ctx);
    return { out: [SIGN_OFF], close: true, closeReason: 'quit' };
  },
};
