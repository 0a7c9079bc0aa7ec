import type { Accounts } from '../accounts.js';
import type { MailStore } from '../../mailstore/types.js';
import type { Maildrop } from './maildrop.js';
import type { Pop3Context, Pop3State } from './types.js';

/**
 * The data of one POP3 session. Handlers see it through Pop3Context (read-only state plus
 * a few named effects); only the session assigns `state`.
 */
export class SessionData implements Pop3Context {
  state: Pop3State = 'AUTHORIZATION';
  pendingUser: string | null = null;
  account: string | null = null;
  maildrop: Maildrop | null = null;
  stlsOffered = false;
  secure = false;
  private failures = 0;
  private release: (() => void) | null = null;

  constructor(
    readonly store: MailStore,
    readonly accounts: Accounts,
    readonly hostname: string,
    readonly timestamp: string,
  ) {}

  setPendingUser(name: string): void {
    this.pendingUser = name;
  }

  enterTls(): void {
    this.secure = true;
    this.pendingUser = null;
  }

  countFailure(): number {
    this.failures += 1;
    return this.failures;
  }

  enterTransaction(account: string, maildrop: Maildrop, release: () => void): void {
    this.account = account;
    this.maildrop = maildrop;
    this.release = release;
  }

  releaseLock(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}
