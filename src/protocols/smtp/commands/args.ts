import type { ArgSchema } from '../../command.js';
import { parsePathArgument, type PathArgument } from '../address.js';
import { SmtpSyntaxError } from '../replies.js';

/**
 * The argument schemas of the SMTP commands (command.ts ArgSchema): each turns the text after
 * the verb into a typed value or throws SmtpSyntaxError, which the session's one error
 * renderer turns into 501 5.5.4 (or the code the error carries) with the command's syntax.
 * The dispatcher runs them once, before any handler.
 */
export type SmtpArgs<A> = ArgSchema<string, A, unknown>;

export function noArgs(syntax: string, message = 'This command takes no arguments'): SmtpArgs<null> {
  return {
    parse(text) {
      if (text.trim() !== '') throw new SmtpSyntaxError(message, syntax);
      return null;
    },
  };
}

/** Free text that may be absent (NOOP's string, HELP's topic). */
export const optionalText: SmtpArgs<string | null> = {
  parse(text) {
    const t = text.trim();
    return t === '' ? null : t;
  },
};

export function requiredText(syntax: string, what: string): SmtpArgs<string> {
  return {
    parse(text) {
      const t = text.trim();
      if (t === '') throw new SmtpSyntaxError(`Missing ${what}`, syntax);
      return t;
    },
  };
}

/** The client's name after EHLO/HELO: one word, printable (RFC 5321 4.1.1.1). */
export function domainArg(syntax: string): SmtpArgs<string> {
  return {
    parse(text) {
      const t = text.trim();
      if (t === '') throw new SmtpSyntaxError('Missing the client domain name', syntax);
      if (/[\s\x00-\x1f\x7f]/.test(t)) throw new SmtpSyntaxError('The domain must be one word', syntax);
      return t;
    },
  };
}

/** `FROM:<reverse-path> [params]` or `TO:<forward-path> [params]` (RFC 5321 4.1.2), see address.ts. */
export function pathArg(keyword: 'FROM' | 'TO', syntax: string): SmtpArgs<PathArgument> {
  return { parse: (text) => parsePathArgument(text, keyword, syntax) };
}

/** AUTH's `<mechanism> [<initial-response>]` (RFC 4954 4): the mechanism upper-cased. */
export interface AuthArgs {
  mechanism: string;
  initial: string | null;
}

export function authArgs(syntax: string): SmtpArgs<AuthArgs> {
  return {
    parse(text) {
      const words = text.trim().split(/[ \t]+/).filter((w) => w.length > 0);
      if (words.length < 1 || words.length > 2) throw new SmtpSyntaxError('Expected a mechanism and at most one initial response', syntax);
      return { mechanism: (words[0] as string).toUpperCase(), initial: words[1] ?? null };
    },
  };
}
