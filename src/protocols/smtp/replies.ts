import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../errors.js';

/**
 * SMTP replies: a three-digit code (RFC 5321 4.2) followed, except on the greeting, the
 * EHLO/HELO answer and the 334/354 intermediates, by an enhanced status code (RFC 3463,
 * announced by ENHANCEDSTATUSCODES, RFC 2034 3). Handlers throw the typed errors below;
 * `renderError` is the one place that turns any of them into a reply line.
 */

/** A refusal a handler decides on (policy or resource), e.g. 552 5.3.4 or 530 5.7.0. */
export class SmtpReplyError extends Error {
  constructor(
    readonly code: number,
    readonly enhanced: string,
    message: string,
    /** Counts toward the too-many-errors limit (client misbehaviour, not policy). */
    readonly countsAsError = false,
  ) {
    super(message);
    this.name = 'SmtpReplyError';
  }
}

/** A malformed argument, with the reply code SMTP uses for it (501 5.5.4, 501 5.1.7, 555 5.5.4, ...). */
export class SmtpSyntaxError extends ProtocolSyntaxError {
  constructor(
    message: string,
    syntax?: string,
    readonly code = 501,
    readonly enhanced = '5.5.4',
  ) {
    super(message, syntax);
    this.name = 'SmtpSyntaxError';
  }
}

/** Sequence errors that are not a plain wrong state, e.g. a second AUTH (RFC 4954 4). */
export class SmtpSequenceError extends WrongStateError {
  constructor(command: string, state: string, allowed: readonly string[], reason: string) {
    super(command, state, allowed);
    this.message = reason;
    this.name = 'SmtpSequenceError';
  }
}

export interface RenderedError {
  reply: string;
  /** True when the error counts toward SMTP_MAX_BAD_COMMANDS. */
  bad: boolean;
}

/** Echo a client's word safely: printable ASCII only, short. */
export function printable(text: string, max = 40): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

/** The one function that turns a typed error into an SMTP reply; anything else is a fault. */
export function renderError(err: unknown): RenderedError {
  if (err instanceof SmtpReplyError) {
    return { reply: `${err.code} ${err.enhanced} ${err.message}`, bad: err.countsAsError };
  }
  if (err instanceof ProtocolSyntaxError) {
    const code = err instanceof SmtpSyntaxError ? err.code : 501;
    const enhanced = err instanceof SmtpSyntaxError ? err.enhanced : '5.5.4';
    const syntax = err.syntax ? ` (syntax: ${err.syntax})` : '';
    return { reply: `${code} ${enhanced} ${err.message}${syntax}`, bad: true };
  }
  if (err instanceof WrongStateError) {
    return { reply: `503 5.5.1 Bad sequence of commands: ${err.message}`, bad: true };
  }
  if (err instanceof UnknownCommandError) {
    // A command of RFC 5321 or an extension that the lab does not offer: 502, not 500 (RFC 5321 4.2.4).
    if (NOT_IMPLEMENTED.has(err.command)) return renderError(notImplemented(err.command));
    const what = err.command === '' ? 'empty command line' : `command unrecognized: ${printable(err.command)}`;
    return { reply: `500 5.5.2 Syntax error, ${what}`, bad: true };
  }
  throw err;
}

/** Commands RFC 5321 and its extensions define that the lab does not offer (RFC 5321 4.2.4: 502). */
const NOT_IMPLEMENTED: ReadonlySet<string> = new Set(['EXPN', 'TURN', 'ETRN', 'ATRN', 'BDAT', 'STARTTLS', 'SEND', 'SOML', 'SAML']);

export function notImplemented(verb: string): SmtpReplyError {
  const why = verb === 'STARTTLS' ? 'STARTTLS is not offered: this server was started without a TLS certificate' : `${verb} is not implemented`;
  return new SmtpReplyError(502, '5.5.1', why, true);
}
