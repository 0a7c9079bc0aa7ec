import type { Accounts } from '../accounts.js';
import { SMTP_IDLE_TIMEOUT_MS, SMTP_MAX_MESSAGE_SIZE } from '../../limits.js';
import { LineServer } from '../server.js';
import type { LineServerTls } from '../tls-upgrade.js';
import type { MessageEvent, TranscriptSink } from '../transcript.js';
import type { SmtpEnvironment } from './env.js';
import type { FailureRules } from './failure-rules.js';
import { DEFAULT_HOSTNAME } from '../session.js';
import { SmtpSession } from './session.js';
import type { SmtpStore } from './types.js';
import { AuthBrake } from '../auth-delay.js';

/**
 * The lab's SMTP server: SMTP sessions bound to TCP by the shared LineServer. It captures
 * every message into the store and never relays: no code path here opens a connection.
 * Call `.listen(port, host)` on the result; bind 127.0.0.1 unless the user asked otherwise.
 */
export interface SmtpServerOptions {
  /** Any MailStore; the server only ever calls deliver(). */
  store: SmtpStore;
  accounts: Accounts;
  sink?: TranscriptSink;
  hostname?: string;
  /** `--auth required`: MAIL before AUTH gets 530 5.7.0 (RFC 4954 6). */
  authRequired?: boolean;
  /** Largest message in octets, advertised in EHLO SIZE (default SMTP_MAX_MESSAGE_SIZE). */
  maxMessageSize?: number;
  maxConnections?: number;
  /** Default SMTP_IDLE_TIMEOUT_MS (RFC 5321 4.5.3.2.7). */
  idleTimeoutMs?: number;
  /** A command line's deadline (COMMAND_LINE_DEADLINE_MS); tests shorten it. */
  commandDeadlineMs?: number;
  /** The brake on guessing, shared with the other servers of the lab (auth-delay.ts). */
  authBrake?: AuthBrake;
  /** Called for each stored message, after the store made it durable (also sent to `sink`). */
  onMessage?: (event: MessageEvent) => void;
  /** Emit a transcript event for each line of message content, not only the final dot. */
  transcriptDataLines?: boolean;
  /** Clock and randomness; tests inject fixed ones. */
  env?: SmtpEnvironment;
  /** A certificate: STARTTLS is offered (RFC 3207), or with `implicit` this is an SMTPS port (RFC 8314 3.3). */
  tls?: LineServerTls;
  /** PLAIN and LOGIN only inside TLS (538 5.7.11 before, RFC 4954 6); `starttls` and `secure` follow from `tls`. */
  loginRequiresTls?: boolean;
  /** Failure on demand (--fail, magic addresses): consulted by every session. */
  failures?: FailureRules;
}

export function createSmtpServer(opts: SmtpServerOptions): LineServer {
  const hostname = opts.hostname ?? DEFAULT_HOSTNAME;
  const listening = opts.sink !== undefined || opts.onMessage !== undefined;
  const onMessage = (event: MessageEvent) => {
    opts.sink?.(event);
    opts.onMessage?.(event);
  };
  const brake = opts.authBrake ?? new AuthBrake();
  return new LineServer({
    protocol: 'smtp',
    busyReply: `421 4.7.0 ${hostname} Too many connections, try again later`,
    internalErrorReply: `421 4.3.0 ${hostname} Internal error, closing connection`,
    idleTimeoutMs: opts.idleTimeoutMs ?? SMTP_IDLE_TIMEOUT_MS,
    ...(opts.maxConnections !== undefined ? { maxConnections: opts.maxConnections } : {}),
    ...(opts.commandDeadlineMs !== undefined ? { commandDeadlineMs: opts.commandDeadlineMs } : {}),
    ...(opts.sink ? { sink: opts.sink } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    createSession: (ctx) =>
      new SmtpSession({
        id: ctx.id,
        remoteAddress: ctx.remoteAddress,
        store: opts.store,
        accounts: opts.accounts,
        hostname,
        authRequired: opts.authRequired ?? false,
        maxMessageSize: opts.maxMessageSize ?? SMTP_MAX_MESSAGE_SIZE,
        ...(listening ? { onMessage } : {}),
        transcriptDataLines: opts.transcriptDataLines ?? false,
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.failures ? { failures: opts.failures } : {}),
        logins: brake.connection(ctx.remoteAddress),
        tls: { starttls: opts.tls !== undefined && !opts.tls.implicit, secure: ctx.secure === true, loginRequiresTls: opts.loginRequiresTls ?? false },
      }),
  });
}
