import type { HttpSpec } from '../context.js';
import { target } from './args.js';

/**
 * DELETE (RFC 9110 9.3.5): remove the association between the target resource and its representation.
 * C: DELETE /api/messages/1 HTTP/1.1
 * S: HTTP/1.1 204 No Content
 */
export const del: HttpSpec = {
  name: 'DELETE',
  states: ['request-line'],
  args: target({ asterisk: false }),
  syntax: 'DELETE request-target HTTP/1.1',
  rfc: 'RFC 9110 9.3.5',
  async handle(ctx, request) {
    return { replies: [], response: await ctx.app(request, ctx.signal) };
  },
};
