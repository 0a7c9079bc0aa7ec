import type { Accounts } from '../accounts.js';
import type { MailStore } from '../../mailstore/types.js';
import type { RecentRegistry } from './recent.js';

/** What an IMAP server gives each of its sessions, fixed for the life of the server. */
export interface ImapServices {
  readonly store: MailStore;
  readonly accounts: Accounts;
  /** One \Recent registry per store (RFC 3501 2.3.2): a message is recent in one session only. */
  readonly recent: RecentRegistry;
  readonly hostname: string;
}
