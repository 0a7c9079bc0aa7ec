import type { HttpSpec } from '../context.js';
import { target } from './args.js';

/**
 * GET (RFC 9110 9.3.1): transfer a current representation of the target resource.
 * C: GET / HTTP/1.1
 * C: Host: localhost
 * S: HTTP/1.1 200 OK
 */
export const get: HttpSpec = {
  name: 'GET',
  states: ['request-line'],
  args: target({ asterisk: false }),
  syntax: 'GET request-target HTTP/1.1',
  rfc: 'RFC 9110 9.3.1',
  async handle(ctx, request) {
    return { replies: [], response: await ctx.app(request, ctx.signal) };
  },
};
