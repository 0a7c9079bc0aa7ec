import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../errors.js';
import { NoSuchMessageError } from './errors.js';
import type { ArgSpec, CommandSpec, Pop3Args, Pop3Context, Pop3Reply } from './types.js';

/**
 * The dispatcher alone decides whether a command may run: it finds the spec, checks the
 * state and the arguments, and only then calls the handler. Handlers never re-check.
 * Keywords are case-insensitive; arguments are separated by a space (RFC 1939 3).
 */
export interface ParsedLine {
  keyword: string;
  /** Everything after the keyword and one space. */
  rest: string;
}

export function parseLine(text: string): ParsedLine {
  const trimmed = text.replace(/^ +/, '');
  if (trimmed.length === 0) throw new ProtocolSyntaxError('empty command line');
  const space = trimmed.indexOf(' ');
  if (space < 0) return { keyword: trimmed.toUpperCase(), rest: '' };
  return { keyword: trimmed.slice(0, space).toUpperCase(), rest: trimmed.slice(space + 1) };
}

// Any run of digits: a huge number simply names no message (RFC 1939 3 sets no digit limit).
const NUMBER = /^\d+$/;

function required(specs: readonly ArgSpec[]): number {
  return specs.filter((a) => !a.optional).length;
}

function checkCount(spec: CommandSpec, count: number): void {
  const min = required(spec.args);
  if (count < min) {
    const missing = spec.args[count]?.name ?? 'argument';
    throw new ProtocolSyntaxError(`missing argument ${missing}`, spec.syntax);
  }
  if (count > spec.args.length) {
    const what = spec.args.length === 0 ? `${spec.name} takes no arguments` : 'too many arguments';
    throw new ProtocolSyntaxError(what, spec.syntax);
  }
}

function parseArg(ctx: Pop3Context, spec: CommandSpec, arg: ArgSpec, value: string, into: Pop3Args): void {
  if (arg.kind === 'word' || arg.kind === 'rest') {
    if (arg.pattern && !arg.pattern.test(value)) {
      throw new ProtocolSyntaxError(`${arg.name} must be ${arg.shape ?? `like ${arg.pattern.source}`}`, spec.syntax);
    }
    into.words.push(value);
    return;
  }
  if (!NUMBER.test(value)) throw new ProtocolSyntaxError(`${arg.name} must be a number, not "${value}"`, spec.syntax);
  const n = Number(value);
  if (arg.kind === 'lines') {
    into.lines = n;
    return;
  }
  const drop = ctx.maildrop;
  if (!drop) throw new WrongStateError(spec.name, ctx.state, spec.states);
  const found = drop.lookup(n);
  if ('missing' in found) throw new NoSuchMessageError(n, found.missing, drop.total);
  into.message = found.entry;
}

/** Validate the arguments of `spec` against the text after its keyword. */
export function parseArgs(ctx: Pop3Context, spec: CommandSpec, rest: string): Pop3Args {
  const args: Pop3Args = { words: [] };
  const last = spec.args[spec.args.length - 1];
  // PASS takes the whole rest of the line: a password may contain spaces (RFC 1939 7).
  const values = last?.kind === 'rest' ? (rest.length > 0 ? [rest] : []) : rest.split(' ').filter((v) => v.length > 0);
  checkCount(spec, values.length);
  values.forEach((value, i) => parseArg(ctx, spec, spec.args[i] as ArgSpec, value, args));
  return args;
}

/** Run one command line; typed errors propagate to the session's one renderer. */
export async function dispatch(
  commands: ReadonlyMap<string, CommandSpec>,
  ctx: Pop3Context,
  parsed: ParsedLine,
): Promise<Pop3Reply> {
  const spec = commands.get(parsed.keyword);
  if (!spec) throw new UnknownCommandError(parsed.keyword);
  if (!spec.states.includes(ctx.state)) throw new WrongStateError(spec.name, ctx.state, spec.states);
  return spec.handle(ctx, parseArgs(ctx, spec, parsed.rest));
}
