import type { HttpSpec } from '../context.js';
import { target } from './args.js';

/**
 * PUT (RFC 9110 9.3.4): create or replace the target resource with the enclosed representation.
 * C: PUT /notes/1 HTTP/1.1
 * C: Content-Length: 5
 * S: HTTP/1.1 204 No Content
 */
export const put: HttpSpec = {
  name: 'PUT',
  states: ['request-line'],
  args: target({ asterisk: false }),
  syntax: 'PUT request-target HTTP/1.1',
  rfc: 'RFC 9110 9.3.4',
  async handle(ctx, request) {
    return { replies: [], response: await ctx.app(request, ctx.signal) };
  },
};
