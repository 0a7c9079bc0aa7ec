import type { MailStore } from '../../mailstore/types.js';
import type { Accounts } from '../accounts.js';
import { IMAP_IDLE_TIMEOUT_MS } from '../../limits.js';
import { LineServer } from '../server.js';
import { DEFAULT_HOSTNAME } from '../session.js';
import type { LineServerTls } from '../tls-upgrade.js';
import type { TranscriptSink } from '../transcript.js';
import { RecentRegistry } from './recent.js';
import { BYE } from './replies.js';
import { ImapSession } from './session.js';
import { AuthBrake } from '../auth-delay.js';

/**
 * The lab's IMAP4rev1 server: one ImapSession per connection on the shared LineServer.
 * All its sessions share one \Recent registry, so a new message is recent in exactly one
 * of them (RFC 3501 2.3.2). The idle timer is the autologout of RFC 3501 5.4 (30 min).
 */
export interface ImapServerOptions {
  store: MailStore;
  accounts: Accounts;
  sink?: TranscriptSink;
  /** The name in the greeting; DEFAULT_HOSTNAME when omitted. */
  hostname?: string;
  maxConnections?: number;
  idleTimeoutMs?: number;
  /** A command line's deadline (COMMAND_LINE_DEADLINE_MS); tests shorten it. */
  commandDeadlineMs?: number;
  /** The brake on guessing, shared with the other servers of the lab (auth-delay.ts). */
  authBrake?: AuthBrake;
  /** A certificate: STARTTLS is offered (RFC 3501 6.2.1), or with `implicit` this is an IMAPS port (RFC 8314 3.2). */
  tls?: LineServerTls;
  /** LOGINDISABLED until STARTTLS (RFC 3501 6.2.3): LOGIN and AUTHENTICATE PLAIN refused in clear. */
  loginRequiresTls?: boolean;
  /** Share one \Recent registry with another server on the same store (the IMAPS port beside the IMAP one). */
  recent?: RecentRegistry;
}

export function createImapServer(opts: ImapServerOptions): LineServer {
  const starttls = opts.tls !== undefined && !opts.tls.implicit;
  const loginRequiresTls = opts.loginRequiresTls ?? false;
  const services = { store: opts.store, accounts: opts.accounts, recent: opts.recent ?? new RecentRegistry(), hostname: opts.hostname ?? DEFAULT_HOSTNAME };
  const brake = opts.authBrake ?? new AuthBrake();
  return new LineServer({
    protocol: 'imap',
    createSession: (ctx) =>
      new ImapSession({ id: ctx.id, services, logins: brake.connection(ctx.remoteAddress), tls: { starttls, secure: ctx.secure === true, loginRequiresTls } }),
    busyReply: BYE.busy,
    internalErrorReply: BYE.internal,
    idleTimeoutMs: opts.idleTimeoutMs ?? IMAP_IDLE_TIMEOUT_MS,
    ...(opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {}),
    ...(opts.commandDeadlineMs !== undefined ? { commandDeadlineMs: opts.commandDeadlineMs } : {}),
    ...(opts.sink ? { sink: opts.sink } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
  });
}
