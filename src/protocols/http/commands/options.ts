import { HTTP_METHODS } from '../types.js';
import type { HttpSpec } from '../context.js';
import { outcomeOf, target } from './args.js';

/**
 * OPTIONS (RFC 9110 9.3.7): the communication options of the target resource, or with `*`
 * (asterisk-form, RFC 9112 3.2.4) of the server itself, which the protocol answers: every method it implements.
 * C: OPTIONS * HTTP/1.1
 * C: Host: localhost
 * S: HTTP/1.1 204 No Content
 * S: Allow: GET, HEAD, POST, PUT, DELETE, OPTIONS
 */
export const options: HttpSpec = {
  name: 'OPTIONS',
  states: ['request-line'],
  args: target({ asterisk: true }),
  syntax: 'OPTIONS request-target HTTP/1.1 (or OPTIONS * HTTP/1.1)',
  rfc: 'RFC 9110 9.3.7',
  handle(ctx, request) {
    if (request.target === '*') return { replies: [], response: { status: 204, headers: { Allow: HTTP_METHODS.join(', ') } } };
    return outcomeOf(ctx.app(request, ctx.signal));
  },
};
