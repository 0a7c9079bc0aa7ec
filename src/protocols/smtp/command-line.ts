import type { SmtpOutcome } from './types.js';

/**
 * What SMTP does to a command line before the one dispatcher (command.ts runCommand) sees
 * it: split it into verb and arguments, and refuse a line that is not SMTP at all.
 */

// An HTTP request line sent to the SMTP port (a browser, a misconfigured proxy): reply and
// hang up rather than answer each header line (Postfix does the same with its forbidden commands).
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PATCH', 'TRACE']);

export function isForeignProtocol(verb: string): boolean {
  return HTTP_METHODS.has(verb);
}

/** The verb (upper case) and the text after the first space or tab ('' when none). */
export function splitCommand(text: string): { verb: string; rest: string } {
  const space = text.search(/[ \t]/);
  const verb = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  return { verb, rest: space < 0 ? '' : text.slice(space + 1) };
}

/** The answer to an HTTP request line: 554 and close (RFC 5321 3.1: 554 means no SMTP service here). */
export function foreignProtocol(): SmtpOutcome {
  return { replies: ['554 5.7.0 This is an SMTP server, not a web server; closing connection'], next: 'CLOSED', close: 'error' };
}
