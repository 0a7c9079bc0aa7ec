import { SmtpSyntaxError } from './replies.js';

/**
 * Parsing of the envelope commands' arguments: `FROM:<reverse-path> [params]` and
 * `TO:<forward-path> [params]` (RFC 5321 4.1.2), and their ESMTP parameters (RFC 5321
 * 4.1.1.11, 4.1.2 esmtp-param). Pure functions; errors are SmtpSyntaxError with the
 * enhanced code RFC 3463 gives for a bad sender (5.1.7) or destination (5.1.3) address.
 */
export interface PathArgument {
  /** The mailbox without angle brackets or source route; '' for `<>`. */
  path: string;
  /** ESMTP parameters in order: keyword upper-cased, value or null. */
  params: Array<[string, string | null]>;
}

// The colon may be followed by a space: RFC 5321 forbids it but common clients send it,
// and refusing them would teach nothing (Postfix accepts it too).
const PATH_RE = /^(FROM|TO):[ \t]*<([^<>]*)>((?:[ \t]+\S+)*)[ \t]*$/i;
const KEYWORD_RE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// esmtp-value: any printable character but "=" and space (RFC 5321 4.1.2); UTF-8 allowed by RFC 6531 3.3.
const VALUE_RE = /^[\x21-\x3c\x3e-\x7e\u0080-\u{10ffff}]+$/u;
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\u{10ffff}]";
const DOT_STRING_RE = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`, 'u');
const QUOTED_RE = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\u{10ffff}]|\\[\x20-\x7e])*"$/u;
const LABEL_RE = /^[A-Za-z0-9\u0080-\u{10ffff}](?:[A-Za-z0-9\u0080-\u{10ffff}-]*[A-Za-z0-9\u0080-\u{10ffff}])?$/u;
const ADDRESS_LITERAL_RE = /^\[[\x21-\x5a\x5e-\x7e]+\]$/;
// A source route `@a,@b:` is obsolete; RFC 5321 4.1.1.3 and appendix C say accept it and ignore it.
const SOURCE_ROUTE_RE = /^@[^,:]+(?:,@[^,:]+)*:/;

export function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

function validDomain(domain: string): boolean {
  if (ADDRESS_LITERAL_RE.test(domain)) return true;
  const labels = domain.split('.');
  return labels.length > 0 && labels.every((l) => LABEL_RE.test(l));
}

/** True for `local@domain` in RFC 5321 4.1.2 Mailbox syntax (with UTF-8 as RFC 6531 3.3 allows). */
export function validMailbox(mailbox: string): boolean {
  const at = mailbox.lastIndexOf('@');
  if (at <= 0 || at === mailbox.length - 1) return false;
  const local = mailbox.slice(0, at);
  return (DOT_STRING_RE.test(local) || QUOTED_RE.test(local)) && validDomain(mailbox.slice(at + 1));
}

function parseParams(text: string, syntax: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const word of text.trim().split(/[ \t]+/).filter((w) => w.length > 0)) {
    const eq = word.indexOf('=');
    const keyword = eq < 0 ? word : word.slice(0, eq);
    const value = eq < 0 ? null : word.slice(eq + 1);
    if (!KEYWORD_RE.test(keyword) || (value !== null && !VALUE_RE.test(value))) {
      throw new SmtpSyntaxError(`Malformed parameter "${keyword}"`, syntax, 501, '5.5.4');
    }
    out.push([keyword.toUpperCase(), value]);
  }
  return out;
}

/**
 * Parse `FROM:<path> params` or `TO:<path> params`. The reverse-path may be `<>` (RFC 5321
 * 4.5.5); the forward-path may be `<Postmaster>` without a domain (RFC 5321 4.1.1.3).
 */
export function parsePathArgument(text: string, keyword: 'FROM' | 'TO', syntax: string): PathArgument {
  const m = PATH_RE.exec(text);
  if (!m || (m[1] as string).toUpperCase() !== keyword) {
    throw new SmtpSyntaxError(`Expected ${keyword}:<address>`, syntax, 501, '5.5.4');
  }
  const path = (m[2] as string).replace(SOURCE_ROUTE_RE, '');
  const enhanced = keyword === 'FROM' ? '5.1.7' : '5.1.3';
  const params = parseParams(m[3] ?? '', syntax);
  if (path === '') {
    if (keyword === 'TO') throw new SmtpSyntaxError('The null path <> is not a recipient', syntax, 501, enhanced);
    return { path, params };
  }
  if (keyword === 'TO' && path.toLowerCase() === 'postmaster') return { path, params };
  if (!validMailbox(path)) {
    const who = keyword === 'FROM' ? 'sender' : 'recipient';
    throw new SmtpSyntaxError(`Bad ${who} address syntax: <${path.replace(/[^\x20-\x7e\u0080-\u{10ffff}]/gu, '?')}>`, syntax, 501, enhanced);
  }
  return { path, params };
}
