import { isIPv4 } from 'node:net';
import type { HttpRequest, HttpResponse } from '../protocols/http/types.js';
import { jsonError } from './respond.js';

/**
 * What keeps the lab's web inbox, bound to loopback and without a password, to the person
 * at this machine.
 *
 * DNS rebinding: a page on evil.example can make its own name resolve to 127.0.0.1 and then
 * read from the lab as "same origin" with it; its requests still carry `Host: evil.example`.
 * So only a loopback name or address is served (localhost and *.localhost, RFC 6761 6.3;
 * 127.0.0.0/8, RFC 1122 3.2.1.3; ::1, RFC 4291 2.5.3), any port; another Host gets 421
 * Misdirected Request (RFC 9110 15.5.20: this server is not configured to answer for it).
 * An HTTP/1.0 request without Host (typed by hand, an old tool) is served.
 *
 * CSRF: a page elsewhere can make the browser send a form POST (or a fetch without custom
 * headers) here. A state-changing request (POST, PUT, DELETE) is taken only when its Origin
 * (RFC 6454 7) is the lab's own, or when it has no Origin and carries `X-L7lab: 1`: a
 * cross-site form cannot set a header, and a cross-site fetch that sets one needs a CORS
 * preflight the lab never grants. curl sends no Origin, so scripts add the header.
 */
export const CUSTOM_HEADER = 'X-L7lab';

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE']);

export function isLoopbackHost(host: string): boolean {
  // Every request of a kept-alive connection names the same host: the last answer is kept.
  if (host === lastHost.host) return lastHost.loopback;
  const h = host.toLowerCase().replace(/\.$/, '');
  const loopback = h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || h === '::1' || (isIPv4(h) && h.startsWith('127.'));
  lastHost = { host, loopback };
  return loopback;
}
let lastHost = { host: '', loopback: false };

/** The Host field's value with its port (the request's own origin needs the port, RFC 6454 4). */
function hostField(request: HttpRequest): string {
  return (request.headers.get('host') ?? request.host).trim().toLowerCase();
}

export function sameOrigin(request: HttpRequest, origin: string): boolean {
  const scheme = request.secure ? 'https' : 'http';
  const own = hostField(request);
  const defaultPort = request.secure ? ':443' : ':80';
  const candidates = new Set([`${scheme}://${own}`, `${scheme}://${own.replace(new RegExp(`${defaultPort}$`), '')}`]);
  return candidates.has(origin.trim().toLowerCase());
}

export interface GuardTexts {
  notLoopback: (host: string) => string;
  crossOrigin: (origin: string) => string;
  noHeader: () => string;
}

/** null when the request may go on; else the refusal to send. */
export function guard(request: HttpRequest, say: GuardTexts): HttpResponse | null {
  // No Host at all is an HTTP/1.0 request (HTTP/1.1 without one got 400 already, RFC 9112 3.2):
  // not a browser's (every browser names the host), so not a rebinding page.
  if (request.host !== '' && !isLoopbackHost(request.host)) return jsonError(421, say.notLoopback(request.host));
  if (!STATE_CHANGING.has(request.method)) return null;
  const origin = request.headers.get('origin');
  if (origin !== undefined) return sameOrigin(request, origin) ? null : jsonError(403, say.crossOrigin(origin));
  return request.headers.get(CUSTOM_HEADER) === '1' ? null : jsonError(403, say.noHeader());
}
