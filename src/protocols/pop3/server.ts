import type { Accounts } from '../accounts.js';
import { POP3_IDLE_TIMEOUT_MS } from '../../limits.js';
import { apopTimestamp } from '../sasl.js';
import { LineServer } from '../server.js';
import { DEFAULT_HOSTNAME } from '../session.js';
import type { LineServerTls } from '../tls-upgrade.js';
import type { TranscriptSink } from '../transcript.js';
import type { MailStore } from '../../mailstore/types.js';
import { Pop3Session } from './session.js';
import { AuthBrake } from '../auth-delay.js';

export interface Pop3ServerOptions {
  store: MailStore;
  accounts: Accounts;
  sink?: TranscriptSink;
  /** The host part of the APOP timestamp in the greeting. */
  hostname?: string;
  maxConnections?: number;
  /** Autologout; RFC 1939 3 asks for at least 10 minutes, tests inject less. */
  idleTimeoutMs?: number;
  /** A command line's deadline (COMMAND_LINE_DEADLINE_MS); tests shorten it. */
  commandDeadlineMs?: number;
  /** The brake on guessing, shared with the other servers of the lab (auth-delay.ts). */
  authBrake?: AuthBrake;
  /** A certificate: STLS is offered (RFC 2595), or with `implicit` this is a POP3S port (RFC 8314 3.1). */
  tls?: LineServerTls;
  /** USER/PASS and AUTH PLAIN refused outside TLS (RFC 2595 2.2), like Dovecot's disable_plaintext_auth; APOP stays allowed. */
  loginRequiresTls?: boolean;
}

/**
 * The lab's POP3 server: pure Pop3Sessions on the shared LineServer. Each connection gets
 * a fresh APOP timestamp here, at the edge, so the session itself never reads the clock.
 * Call `listen(port, '127.0.0.1')` on the result.
 */
export function createPop3Server(opts: Pop3ServerOptions): LineServer {
  const hostname = opts.hostname ?? DEFAULT_HOSTNAME;
  const idleTimeoutMs = opts.idleTimeoutMs ?? POP3_IDLE_TIMEOUT_MS;
  const brake = opts.authBrake ?? new AuthBrake();
  return new LineServer({
    protocol: 'pop3',
    createSession: (ctx) =>
      new Pop3Session({
        id: ctx.id,
        store: opts.store,
        accounts: opts.accounts,
        timestamp: apopTimestamp(hostname),
        hostname,
        idleTimeoutMs,
        logins: brake.connection(ctx.remoteAddress),
        tls: { starttls: opts.tls !== undefined && !opts.tls.implicit, secure: ctx.secure === true, loginRequiresTls: opts.loginRequiresTls ?? false },
      }),
    busyReply: '-ERR [SYS/TEMP] too many connections; try again later',
    internalErrorReply: '-ERR [SYS/TEMP] internal server error; closing, nothing was deleted',
    idleTimeoutMs,
    ...(opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {}),
    ...(opts.commandDeadlineMs !== undefined ? { commandDeadlineMs: opts.commandDeadlineMs } : {}),
    ...(opts.sink ? { sink: opts.sink } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
  });
}
