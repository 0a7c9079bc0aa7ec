import type { Lang } from '../../i18n.js';
import type { MailStore } from '../../mailstore/types.js';
import type { Accounts } from '../accounts.js';
import { IMAP_IDLE_TIMEOUT_MS } from '../limits.js';
import { LineServer } from '../server.js';
import type { TranscriptSink } from '../transcript.js';
import { RecentRegistry } from './recent.js';
import { BYE } from './replies.js';
import { ImapSession } from './session.js';

/**
 * The lab's IMAP4rev1 server: one ImapSession per connection on the shared LineServer.
 * All its sessions share one \Recent registry, so a new message is recent in exactly one
 * of them (RFC 3501 2.3.2). The idle timer is the autologout of RFC 3501 5.4 (30 min).
 */
export interface ImapServerOptions {
  store: MailStore;
  accounts: Accounts;
  sink?: TranscriptSink;
  lang?: Lang;
  hostname?: string;
  maxConnections?: number;
  idleTimeoutMs?: number;
}

export function createImapServer(opts: ImapServerOptions): LineServer {
  const services = { store: opts.store, accounts: opts.accounts, recent: new RecentRegistry(), hostname: opts.hostname ?? 'localhost' };
  return new LineServer({
    protocol: 'imap',
    createSession: (ctx) => new ImapSession({ id: ctx.id, services, ...(opts.lang ? { lang: opts.lang } : {}) }),
    busyReply: BYE.busy,
    internalErrorReply: BYE.internal,
    idleTimeoutMs: opts.idleTimeoutMs ?? IMAP_IDLE_TIMEOUT_MS,
    ...(opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {}),
    ...(opts.sink ? { sink: opts.sink } : {}),
  });
}
