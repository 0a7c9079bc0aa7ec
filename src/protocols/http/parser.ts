import { HttpError } from './errors.js';
import type { FieldList } from './headers.js';

/**
 * Pure parsers for the parts of an HTTP/1.1 request head (RFC 9112 3 and 5): the request line
 * and one field line at a time. Strict where leniency lets two parsers disagree about where a
 * message ends (request smuggling): obs-fold and whitespace before the colon are refused.
 */

/** tchar (RFC 9110 5.6.2): the characters of a token such as a method or a field name. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type TargetForm = 'origin' | 'absolute' | 'asterisk' | 'authority';

export interface RequestLine {
  /** Case-sensitive (RFC 9110 9.1): `get` is not GET. */
  method: string;
  target: string;
  form: TargetForm;
  version: 'HTTP/1.1' | 'HTTP/1.0';
}

/** RFC 9112 3.2: which of the four forms a request-target has. */
export function targetForm(target: string): TargetForm | null {
  if (target === '*') return 'asterisk';
  if (target.startsWith('/')) return 'origin';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target)) return 'absolute';
  if (/^[^/?#\s]+:\d+$/.test(target)) return 'authority';
  return null;
}

/**
 * `method SP request-target SP HTTP-version` (RFC 9112 3), one space each. HTTP/1.x with a minor
 * version above 1 is answered as 1.1 (RFC 9110 6.2); any other major version gets 505.
 */
export function parseRequestLine(line: string): RequestLine {
  const parts = line.split(' ');
  if (parts.length !== 3) throw new HttpError(400, 'bad-request-line', 'a request line is: method SP request-target SP HTTP-version (RFC 9112 3)');
  const [method, target, version] = parts as [string, string, string];
  if (!TOKEN.test(method)) throw new HttpError(400, 'bad-request-line', 'the method is not a token (RFC 9110 9.1)');
  const v = /^HTTP\/(\d)\.(\d)$/.exec(version);
  if (!v) throw new HttpError(400, 'bad-request-line', 'the version must look like HTTP/1.1 (RFC 9112 2.3)');
  if (v[1] !== '1') throw new HttpError(505, 'version', 'this server speaks HTTP/1.1 only (RFC 9110 15.6.6)');
  const form = targetForm(target);
  // Control characters or spaces can never be part of a target (RFC 3986 2).
  if (!form || /[\x00-\x20\x7f-\xff]/.test(target)) throw new HttpError(400, 'bad-request-line', 'the request-target is not valid (RFC 9112 3.2)');
  return { method, target, form, version: v[2] === '0' ? 'HTTP/1.0' : 'HTTP/1.1' };
}

export interface FieldLine {
  name: string;
  value: string;
}

/**
 * `field-name ":" OWS field-value OWS` (RFC 9112 5). A line starting with SP or HTAB is obs-fold
 * (RFC 9112 5.2) and whitespace between name and colon is forbidden (RFC 9112 5.1): both get 400,
 * since another parser on the path might read them differently.
 */
export function parseFieldLine(line: string): FieldLine {
  if (line.startsWith(' ') || line.startsWith('\t')) throw new HttpError(400, 'obs-fold', 'a field line may not start with whitespace: obs-fold is obsolete (RFC 9112 5.2)');
  const colon = line.indexOf(':');
  if (colon <= 0) throw new HttpError(400, 'bad-field', 'a field line is name ":" value (RFC 9112 5)');
  const name = line.slice(0, colon);
  if (/[ \t]$/.test(name)) throw new HttpError(400, 'space-before-colon', 'no whitespace is allowed between a field name and its colon (RFC 9112 5.1)');
  if (!TOKEN.test(name)) throw new HttpError(400, 'bad-field', 'the field name is not a token (RFC 9110 5.1)');
  const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  // CR, LF and NUL inside a value are refused (RFC 9110 5.5).
  if (/[\x00\r\n]/.test(value)) throw new HttpError(400, 'bad-field', 'a field value may not hold CR, LF or NUL (RFC 9110 5.5)');
  return { name, value };
}

/** A Host value or an authority: `host[:port]`, host a name, an IPv4 or a bracketed IPv6 (RFC 3986 3.2.2). */
export function hostOf(authority: string): string | null {
  // A kept-alive client names the same Host on every request: the last answer is kept.
  if (authority === lastHost.authority) return lastHost.host;
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]*)(?::(\d*))?$/.exec(authority);
  const host = m ? (m[1] as string).toLowerCase() : null;
  lastHost = { authority, host };
  return host;
}
let lastHost: { authority: string; host: string | null } = { authority: '', host: '' };

/** The path (percent-decoded) and query of a target; absolute-form keeps only its path (RFC 9112 3.2.2). */
export function pathAndQuery(target: string, form: TargetForm): { path: string; query: URLSearchParams; host?: string } {
  if (form === 'asterisk') return { path: '*', query: new URLSearchParams() };
  if (form === 'authority') return { path: '/', query: new URLSearchParams(), host: hostOf(target) ?? '' };
  let rest = target;
  let host: string | undefined;
  if (form === 'absolute') {
    const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)(.*)$/.exec(target);
    const authority = (m?.[1] ?? '').replace(/^.*@/, '');
    host = hostOf(authority) ?? '';
    rest = m?.[2] || '/';
    if (!rest.startsWith('/')) rest = `/${rest}`;
  }
  const q = rest.indexOf('?');
  const rawPath = q < 0 ? rest : rest.slice(0, q);
  // Most paths hold no percent-encoding: nothing to decode.
  if (!rawPath.includes('%')) return { path: rawPath, query: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)), ...(host !== undefined ? { host } : {}) };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new HttpError(400, 'bad-request-line', 'the path holds a bad percent-encoding (RFC 3986 2.1)');
  }
  return { path, query: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)), ...(host !== undefined ? { host } : {}) };
}

/**
 * Host (RFC 9112 3.2): exactly one in HTTP/1.1 (400 without it or with two); an absolute-form
 * target's authority wins over the field (RFC 9112 3.2.2). Returns the host, without port.
 */
export function checkHost(fields: FieldList, line: RequestLine, fromTarget: string): string {
  const hosts = fields.all('host');
  if (hosts.length > 1) throw new HttpError(400, 'two-hosts', 'a request carries one Host field, not several (RFC 9112 3.2)');
  if (hosts.length === 0 && line.version === 'HTTP/1.1') throw new HttpError(400, 'no-host', 'an HTTP/1.1 request must carry a Host field (RFC 9112 3.2)');
  const host = hosts[0] === undefined ? '' : hostOf(hosts[0]);
  if (host === null) throw new HttpError(400, 'bad-field', 'the Host field is not a valid host[:port] (RFC 9110 7.2)');
  return line.form === 'absolute' ? fromTarget : host;
}
