import { SmtpSyntaxError } from '../replies.js';

/**
 * Argument parsers shared by several command specs. Each throws SmtpSyntaxError, which the
 * dispatcher renders as 501 5.5.4 with the command's syntax.
 */
export function noArgs(syntax: string): (text: string) => null {
  return (text) => {
    if (text.trim() !== '') throw new SmtpSyntaxError('This command takes no arguments', syntax);
    return null;
  };
}

export function optionalText(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

export function requiredText(syntax: string, what: string): (text: string) => string {
  return (text) => {
    const t = text.trim();
    if (t === '') throw new SmtpSyntaxError(`Missing ${what}`, syntax);
    return t;
  };
}

/** The client's name after EHLO/HELO: one word, printable (RFC 5321 4.1.1.1). */
export function domainArg(syntax: string): (text: string) => string {
  return (text) => {
    const t = text.trim();
    if (t === '') throw new SmtpSyntaxError('Missing the client domain name', syntax);
    if (/[\s\x00-\x1f\x7f]/.test(t)) throw new SmtpSyntaxError('The domain must be one word', syntax);
    return t;
  };
}
