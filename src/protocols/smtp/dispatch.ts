import { UnknownCommandError, WrongStateError } from '../errors.js';
import { NOT_IMPLEMENTED, notImplemented } from './replies.js';
import type { CommandContext, Outcome } from './types.js';

/**
 * The dispatcher: split a command line into verb and arguments, find the spec, and reject
 * an unknown verb (500), a wrong state (503) or bad arguments (501/555) before any handler
 * runs. Handlers never check these themselves.
 */

// An HTTP request line sent to the SMTP port (a browser, a misconfigured proxy): reply and
// hang up rather than answer each header line (Postfix does the same with its forbidden commands).
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PATCH', 'TRACE']);

export function isForeignProtocol(verb: string): boolean {
  return HTTP_METHODS.has(verb);
}

export function splitCommand(text: string): { verb: string; rest: string } {
  const space = text.search(/[ \t]/);
  const verb = (space < 0 ? text : text.slice(0, space)).toUpperCase();
  return { verb, rest: space < 0 ? '' : text.slice(space + 1) };
}

export function dispatch(ctx: CommandContext, text: string): Outcome {
  const { verb, rest } = splitCommand(text.trimEnd());
  if (isForeignProtocol(verb)) {
    return { replies: ['554 5.7.0 This is an SMTP server, not a web server; closing connection'], next: 'CLOSED', close: 'error' };
  }
  const spec = ctx.commands.get(verb);
  if (!spec) throw NOT_IMPLEMENTED.has(verb) ? notImplemented(verb) : new UnknownCommandError(verb);
  if (!spec.states.includes(ctx.state)) throw new WrongStateError(spec.name, ctx.state, spec.states);
  return spec.handle(ctx, spec.args(rest));
}
