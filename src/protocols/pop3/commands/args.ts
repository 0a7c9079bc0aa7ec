import type { ArgSchema } from '../../command.js';
import { ProtocolSyntaxError } from '../../errors.js';
import type { MaildropEntry, MaildropView } from '../maildrop.js';
import { MessageNumberError } from '../replies.js';

/**
 * POP3 arguments as typed schemas (RFC 1939 3): keywords and arguments are separated by a
 * space, and the dispatcher (command.ts runCommand) validates them once, before the handler
 * runs, so a handler gets a MaildropEntry or a number, never a string to check again.
 */

/** One command line: the keyword (case-insensitive, RFC 1939 3) and everything after one space. */
export interface ParsedLine {
  keyword: string;
  rest: string;
}

export function parseLine(text: string): ParsedLine {
  const trimmed = text.replace(/^ +/, '');
  if (trimmed.length === 0) throw new ProtocolSyntaxError('empty command line');
  const space = trimmed.indexOf(' ');
  if (space < 0) return { keyword: trimmed.toUpperCase(), rest: '' };
  return { keyword: trimmed.slice(0, space).toUpperCase(), rest: trimmed.slice(space + 1) };
}

/** One argument: its name (for the -ERR), whether it may be left out, and what it produces. */
export interface Arg<T, Ctx = unknown> {
  readonly name: string;
  readonly optional?: boolean;
  /** The whole rest of the line, spaces included (PASS, RFC 1939 7). */
  readonly rest?: boolean;
  parse(value: string, ctx: Ctx, syntax: string): T;
}

type Values<A extends readonly unknown[]> = { -readonly [K in keyof A]: A[K] extends Arg<infer T, never> ? T : never };

/** A word without spaces; `shape` checks it and says what it must look like (APOP's digest). */
export function word(name: string, shape?: { pattern: RegExp; says: string }): Arg<string> {
  return {
    name,
    parse(value, _ctx, syntax) {
      if (shape && !shape.pattern.test(value)) throw new ProtocolSyntaxError(`${name} must be ${shape.says}`, syntax);
      return value;
    },
  };
}

/** Everything after the keyword and one space: a password may contain spaces (RFC 1939 7). */
export function rest(name: string): Arg<string> {
  return { name, rest: true, parse: (value) => value };
}

// Any run of digits: a huge number simply names no message (RFC 1939 3 sets no digit limit).
const NUMBER = /^\d+$/;

function number(name: string, value: string, syntax: string): number {
  if (!NUMBER.test(value)) throw new ProtocolSyntaxError(`${name} must be a number, not "${value}"`, syntax);
  return Number(value);
}

/** A non-negative number (TOP's line count, RFC 1939 7). */
export function count(name: string): Arg<number> {
  return { name, parse: (value, _ctx, syntax) => number(name, value, syntax) };
}

/**
 * A message-number that names a message of this maildrop, not marked deleted (RFC 1939 5):
 * it produces the message itself, or the -ERR that RFC 1939 5 shows.
 */
export function msg(name = 'msg'): Arg<MaildropEntry, { readonly maildrop: MaildropView }> {
  return {
    name,
    parse(value, ctx, syntax) {
      const n = number(name, value, syntax);
      const found = ctx.maildrop.lookup(n);
      if ('missing' in found) throw new MessageNumberError(n, found.missing, ctx.maildrop.total);
      return found.entry;
    },
  };
}

/** The same argument, which may be left out (`LIST [msg]`). */
export function optional<T, Ctx>(arg: Arg<T, Ctx>): Arg<T | undefined, Ctx> {
  return { ...arg, optional: true };
}

function checkCount(args: ReadonlyArray<Arg<unknown, never>>, count: number, syntax: string): void {
  const required = args.filter((a) => !a.optional).length;
  if (count < required) throw new ProtocolSyntaxError(`missing argument ${args[count]?.name ?? 'argument'}`, syntax);
  if (count > args.length) {
    const command = syntax.split(' ')[0] ?? '';
    throw new ProtocolSyntaxError(args.length === 0 ? `${command} takes no arguments` : 'too many arguments', syntax);
  }
}

/**
 * The schema of a command: its arguments in order, producing a typed tuple. The count is
 * checked first, then each value, so the -ERR names the first problem with the syntax.
 */
export function args<Ctx, const A extends ReadonlyArray<Arg<unknown, Ctx>>>(syntax: string, ...list: A): ArgSchema<string, Values<A>, Ctx> {
  const last = list[list.length - 1];
  return {
    parse(raw, ctx) {
      const values = last?.rest ? (raw.length > 0 ? [raw] : []) : raw.split(' ').filter((v) => v.length > 0);
      checkCount(list, values.length, syntax);
      return list.map((arg, i) => (i < values.length ? arg.parse(values[i] as string, ctx, syntax) : undefined)) as Values<A>;
    },
  };
}
