import { authFailureDelay } from '../auth-delay.js';
import { AUTH_MAX_FAILURES } from '../../limits.js';
import { accountOf } from '../../mailstore/types.js';
import { fromStore } from './errors.js';
import { loadMaildrop } from './maildrop.js';
import type { Pop3Context, Pop3Reply } from './types.js';

/**
 * What USER/PASS, APOP and AUTH have in common once the credentials are checked.
 * An unknown user and a wrong password get the very same reply, so the server never tells
 * an attacker which names exist; [AUTH] says the credentials were the problem (RFC 3206 5).
 */
export const AUTH_FAILED = '-ERR [AUTH] invalid user name or password';

export function pluralMessages(count: number): string {
  return `${count} message${count === 1 ? '' : 's'}`;
}

/**
 * Count a failure: each reply names the cause ([AUTH]) after a growing delay, and the last one
 * allowed closes the connection (AUTH_MAX_FAILURES), as Dovecot does after 3.
 */
export function authFailed(ctx: Pop3Context): Pop3Reply {
  const failures = ctx.countFailure();
  const delayMs = authFailureDelay(failures);
  if (failures >= AUTH_MAX_FAILURES) {
    return {
      out: [`${AUTH_FAILED}; ${failures} failed attempts, closing the connection`],
      close: true,
      closeReason: 'auth-failures',
      delayMs,
    };
  }
  return { out: [AUTH_FAILED], delayMs };
}

/**
 * The credentials are good: lock the maildrop (RFC 1939 4 asks for exclusive access) and
 * take the snapshot that fixes the message numbers. Someone else holding the lock is
 * [IN-USE] (RFC 2449 8.1.2); the session stays in AUTHORIZATION and nothing counts as a failure.
 */
export async function openMaildrop(ctx: Pop3Context, name: string): Promise<Pop3Reply> {
  const account = accountOf(name);
  const release = ctx.store.lockMaildrop(account);
  if (!release) {
    return { out: [`-ERR [IN-USE] ${account}'s maildrop is locked by another POP3 session; try again later`] };
  }
  let drop;
  try {
    drop = await fromStore('cannot read the maildrop', loadMaildrop(ctx.store, account));
  } catch (err) {
    release();
    throw err;
  }
  ctx.enterTransaction(account, drop, release);
  const { count, octets } = drop.stat();
  return {
    out: [`+OK ${account}'s maildrop has ${pluralMessages(count)} (${octets} octets)`],
    next: 'TRANSACTION',
    layers: ['L5'],
  };
}
