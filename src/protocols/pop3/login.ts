import { AUTH_MAX_FAILURES } from '../../limits.js';
import { accountOf } from '../../mailstore/types.js';
import { loadMaildrop } from './maildrop.js';
import { AUTH_FAILED, fromStore, plaintextRefused, pluralMessages } from './replies.js';
import type { AuthorizationContext, Pop3Outcome } from './types.js';

/** What USER/PASS, APOP and AUTH have in common once the credentials are checked. */

/**
 * A password in clear (USER/PASS, AUTH PLAIN) outside TLS on a server that requires TLS for
 * it (RFC 2595 2.2): the refusal, or null when it may go ahead. APOP never sends the password.
 */
export function refuseCleartext(ctx: AuthorizationContext): Pop3Outcome | null {
  if (!ctx.tls.loginRequiresTls || ctx.tls.secure) return null;
  return { replies: [plaintextRefused(ctx.tls.starttls)] };
}

/**
 * Count a failure: each reply names the cause ([AUTH]) after a growing delay, and the last one
 * allowed closes the connection (AUTH_MAX_FAILURES), as Dovecot does after 3.
 */
export function authFailed(ctx: AuthorizationContext): Pop3Outcome {
  const { failures, delayMs } = ctx.logins.failed();
  const delay = delayMs > 0 ? { delayMs } : {};
  if (failures >= AUTH_MAX_FAILURES) {
    return { replies: [`${AUTH_FAILED}; ${failures} failed attempts, closing the connection`], close: 'auth-failures', ...delay };
  }
  return { replies: [AUTH_FAILED], ...delay };
}

/**
 * The credentials are good: lock the maildrop (RFC 1939 4 asks for exclusive access) and
 * take the snapshot that fixes the message numbers. Someone else holding the lock is
 * [IN-USE] (RFC 2449 8.1.2); the session stays in AUTHORIZATION and nothing counts as a failure.
 */
export async function openMaildrop(ctx: AuthorizationContext, name: string): Promise<Pop3Outcome> {
  const account = accountOf(name);
  const release = ctx.store.lockMaildrop(account);
  if (!release) {
    return { replies: [`-ERR [IN-USE] ${account}'s maildrop is locked by another POP3 session; try again later`] };
  }
  let maildrop;
  try {
    maildrop = await fromStore('cannot read the maildrop', loadMaildrop(ctx.store, account));
  } catch (err) {
    release();
    throw err;
  }
  const { count, octets } = maildrop.stat();
  ctx.logins.succeeded();
  return {
    replies: [`+OK ${account}'s maildrop has ${pluralMessages(count)} (${octets} octets)`],
    next: 'TRANSACTION',
    change: { login: { account, maildrop, release } },
    layers: ['L5'],
  };
}
