import { AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS, AUTH_FAILURE_FORGIVE_MS, AUTH_BRAKE_MAX_ADDRESSES } from '../limits.js';

/**
 * The brake on password guessing, the same for SMTP, POP3 and IMAP, and the one place failed
 * logins are counted. Per client address, across connections and protocols: the n-th failure
 * in a row waits authFailureDelay(n) before its reply (0 for the first, so one mistyped
 * password costs nothing; then doubling up to AUTH_FAILURE_DELAY_MAX_MS, near Dovecot's
 * auth_failure_delay of 2 s). A success, or AUTH_FAILURE_FORGIVE_MS without a failure,
 * forgives the address. Sessions only return the delay (Step.delayMs); the server waits.
 * Per connection, the count also decides when POP3 and IMAP close (AUTH_MAX_FAILURES).
 */
export function authFailureDelay(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS * 2 ** Math.min(failures - 2, 16));
}

export interface LoginFailure {
  /** Failures on this connection, this one included (the close rule of POP3 and IMAP). */
  failures: number;
  /** How long to wait before the reply to this failure (from the address's count). */
  delayMs: number;
}

/** One connection's view of the brake. */
export interface LoginGuard {
  failed(): LoginFailure;
  succeeded(): void;
}

interface Record {
  failures: number;
  last: number;
}

export class AuthBrake {
  private readonly byAddress = new Map<string, Record>();

  /** `now` is injectable, so tests step a clock instead of waiting. */
  constructor(private readonly now: () => number = Date.now) {}

  /** The guard of one connection from `address`. */
  connection(address: string): LoginGuard {
    let onConnection = 0;
    return {
      failed: () => {
        onConnection++;
        return { failures: onConnection, delayMs: authFailureDelay(this.fail(address)) };
      },
      succeeded: () => {
        this.byAddress.delete(address);
      },
    };
  }

  /** Failures in a row from `address` (not forgiven yet), after recording this one. */
  private fail(address: string): number {
    const t = this.now();
    const known = this.byAddress.get(address);
    const failures = known && t - known.last < AUTH_FAILURE_FORGIVE_MS ? known.failures + 1 : 1;
    this.byAddress.delete(address); // re-inserted last: the Map's order is oldest failure first
    this.byAddress.set(address, { failures, last: t });
    this.prune(t);
    return failures;
  }

  /** Bounded memory: forgiven addresses go, and past AUTH_BRAKE_MAX_ADDRESSES the oldest. */
  private prune(t: number): void {
    for (const [address, r] of this.byAddress) {
      if (this.byAddress.size <= AUTH_BRAKE_MAX_ADDRESSES && t - r.last < AUTH_FAILURE_FORGIVE_MS) break;
      this.byAddress.delete(address);
    }
  }
}

/** A guard with a brake of its own, for a session made without a server (unit tests, lessons' dry runs). */
export function standaloneGuard(): LoginGuard {
  return new AuthBrake().connection('');
}
