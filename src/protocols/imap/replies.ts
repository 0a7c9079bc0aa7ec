import { MailboxExistsError, MailboxNameError, NoSuchMailboxError, NoSuchMessageError, StoreWriteError } from '../../mailstore/types.js';
import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../errors.js';
import { ImapParseError } from './parser.js';
import type { SessionTls } from '../session.js';
import type { ImapState } from './types.js';
import { ImapNoError } from './errors.js';

/**
 * The IMAP reply texts that more than one module needs, and the one function that turns
 * every typed error into a tagged NO or BAD.
 */

/** What l7lab really implements (RFC 3501 6.1.1 plus the extensions named). */
export const CAPABILITIES = [
  'IMAP4rev1',
  'LITERAL+', // RFC 7888
  'SASL-IR', // RFC 4959
  'IDLE', // RFC 2177
  'NAMESPACE', // RFC 2342
  'UIDPLUS', // RFC 4315
  'ID', // RFC 2971
  'ENABLE', // RFC 5161
  'UNSELECT', // RFC 3691
  'AUTH=PLAIN', // RFC 4616
] as const;

/** No certificate, no TLS: what a session stands on unless told otherwise. */
export const NO_TLS: SessionTls = { starttls: false, secure: false, loginRequiresTls: false };

/** True while a password may not be sent: LOGIN and AUTHENTICATE PLAIN get NO [PRIVACYREQUIRED] (RFC 5530 3). */
export function loginDisabled(tls: SessionTls): boolean {
  return tls.loginRequiresTls && !tls.secure;
}

/**
 * What the session advertises: it changes with TLS (RFC 3501 6.2.1, 7.2.1): STARTTLS while
 * in clear on a port with a certificate; LOGINDISABLED and no AUTH=PLAIN while passwords
 * must wait for TLS (RFC 3501 6.2.3).
 */
export function capabilityList(tls: SessionTls = NO_TLS): string {
  const disabled = loginDisabled(tls);
  const caps: string[] = CAPABILITIES.filter((c) => !(disabled && c === 'AUTH=PLAIN'));
  if (tls.starttls && !tls.secure) caps.push('STARTTLS');
  if (disabled) caps.push('LOGINDISABLED');
  return caps.join(' ');
}

/** RFC 3501 7.1.4: `* BYE` before the server closes. */
export const BYE = {
  logout: '* BYE l7lab IMAP server logging out',
  autologout: '* BYE Autologout: no command for 30 minutes (RFC 3501 5.4)',
  literalTooLarge: '* BYE [TOOBIG] Literal size too large, closing the connection',
  slowLine: '* BYE Command line arrived too slowly, closing the connection',
  shutdown: '* BYE [UNAVAILABLE] Server shutting down',
  busy: '* BYE [UNAVAILABLE] Too many connections, try again later',
  internal: '* BYE [SERVERBUG] Internal server error, closing the connection',
  tooManyBad: '* BYE Too many invalid commands, closing the connection',
  tooManyAuth: '* BYE Too many failed logins, closing the connection',
  lineTooLong: '* BYE [TOOBIG] Command line too long, closing the connection (a literal {n} carries long values)',
} as const;

export interface Rendered {
  status: 'NO' | 'BAD';
  line: string;
}

/**
 * Every error a command can end with, as its tagged (or, without a tag, untagged) reply.
 * Anything not listed here is a bug and is rethrown: the server then closes this one
 * session with `* BYE [SERVERBUG]`.
 */
export function renderError(err: unknown, tag: string | null, state: ImapState): Rendered {
  const t = tag ?? '*';
  const bad = (text: string): Rendered => ({ status: 'BAD', line: `${t} BAD ${text}` });
  const no = (text: string, code?: string): Rendered => ({ status: 'NO', line: `${t} NO ${code ? `[${code}] ` : ''}${text}` });
  if (err instanceof ImapParseError) return bad(`Syntax error: ${err.message}`);
  if (err instanceof UnknownCommandError) return bad(`Unknown command ${err.command} (CAPABILITY lists what this server speaks)`);
  if (err instanceof WrongStateError) {
    return bad(`${err.command} is not allowed in the ${state} state; it is allowed in: ${err.allowed.join(', ')}`);
  }
  if (err instanceof ProtocolSyntaxError) return bad(err.syntax ? `${err.message}; syntax: ${err.syntax}` : err.message);
  if (err instanceof ImapNoError) return no(err.message, err.code);
  if (err instanceof NoSuchMailboxError) return no(`Mailbox does not exist: ${err.mailbox}`, 'NONEXISTENT');
  if (err instanceof MailboxExistsError) return no(`Mailbox already exists: ${err.mailbox}`, 'ALREADYEXISTS');
  if (err instanceof MailboxNameError) return no(err.message, 'CANNOT');
  // Another session expunged it between our view and the store call (RFC 5530 3).
  if (err instanceof NoSuchMessageError) return no(`Message UID ${err.uid} was expunged by another session`, 'EXPUNGEISSUED');
  if (err instanceof StoreWriteError) return no(`The mail store could not save this: ${err.message}`, err.noSpace ? 'OVERQUOTA' : 'SERVERBUG');
  throw err;
}
