import { AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS } from '../limits.js';

/**
 * The brake on password guessing, the same for SMTP, POP3 and IMAP: the reply to the n-th
 * failed login (n from 1) waits this long, doubling from AUTH_FAILURE_DELAY_MS up to
 * AUTH_FAILURE_DELAY_MAX_MS. Sessions only return it (Step.delayMs); the server waits.
 */
export function authFailureDelay(failures: number): number {
  return Math.min(AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 16));
}
