import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../errors.js';
import { POP3_REPLY_LINE } from '../../limits.js';

/** The greeting; the session appends the APOP timestamp (RFC 1939 4 and 7). */
export const POP3_GREETING = '+OK l7lab POP3 server ready';

export const SIGN_OFF = '+OK l7lab POP3 server signing off';

/**
 * What USER/PASS, APOP and AUTH answer to bad credentials. An unknown user and a wrong
 * password get the very same reply, so the server never tells an attacker which names
 * exist; [AUTH] says the credentials were the problem (RFC 3206 5).
 */
export const AUTH_FAILED = '-ERR [AUTH] invalid user name or password';

/**
 * A password in clear outside TLS, when the server requires TLS for it (RFC 2595 2.2: a server
 * must be able to refuse plaintext passwords until STLS). [AUTH] (RFC 3206 5) tells the client
 * that asking for other credentials will not help here; Dovecot's disable_plaintext_auth says the same.
 */
export function plaintextRefused(starttls: boolean): string {
  return `-ERR [AUTH] plaintext authentication disallowed on non-secure connections; ${starttls ? 'use STLS first' : 'use APOP or the POP3S port'}`;
}

export function pluralMessages(count: number): string {
  return `${count} message${count === 1 ? '' : 's'}`;
}

/** A message-number that names no message, or a message already marked deleted (RFC 1939 5). */
export class MessageNumberError extends Error {
  constructor(
    readonly n: number,
    readonly reason: 'no-such-message' | 'deleted',
    readonly total: number,
  ) {
    // RFC 1939 5 shows "-ERR no such message, only 2 messages in maildrop": its wording, in the right number.
    super(reason === 'deleted' ? `message ${n} already deleted` : total === 0 ? 'no such message, maildrop empty' : `no such message, only ${pluralMessages(total)} in maildrop`);
    this.name = 'MessageNumberError';
  }
}

/** The mail store failed under a command: a temporary problem on our side (RFC 3206 4, [SYS/TEMP]). */
export class StoreFailure extends Error {
  constructor(readonly what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreFailure';
  }
}

/** Await a store call, turning its failure into a StoreFailure the renderer answers. */
export async function fromStore<T>(what: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw new StoreFailure(what, err);
  }
}

/**
 * Replies are at most 512 octets including CRLF (RFC 2449 4). Every reply line we write
 * passes through here, so an echoed client word can never push a reply past the limit.
 */
export function clampReply(line: string): string {
  // Printable ASCII only: an echoed CR, LF or control byte must never split or forge a reply.
  const safe = line.replace(/[^\x20-\x7e]/g, '?');
  const max = POP3_REPLY_LINE - 2;
  return safe.length <= max ? safe : `${safe.slice(0, max - 3)}...`;
}

/**
 * The one place a command error becomes a POP3 reply: -ERR, what went wrong, and the
 * expected syntax or the state it needs. Null for an error that is not a protocol error
 * (a bug): the line server answers that with its internal-error reply and closes.
 */
export function renderError(err: unknown): string | null {
  if (err instanceof WrongStateError) return clampReply(`-ERR ${err.message}`);
  if (err instanceof ProtocolSyntaxError) {
    return clampReply(`-ERR ${err.message}${err.syntax ? `; syntax: ${err.syntax}` : ''}`);
  }
  if (err instanceof UnknownCommandError) return clampReply(`-ERR unknown command "${err.command}"`);
  if (err instanceof MessageNumberError) return `-ERR ${err.message}`;
  if (err instanceof StoreFailure) return clampReply(`-ERR [SYS/TEMP] ${err.message}; try again later`);
  return null;
}
