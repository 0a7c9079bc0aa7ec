import type { HttpSpec } from '../context.js';
import { target } from './args.js';

/**
 * POST (RFC 9110 9.3.3): the target resource processes the enclosed body by its own rules.
 * C: POST /api/things HTTP/1.1
 * C: Content-Length: 9
 * S: HTTP/1.1 201 Created
 */
export const post: HttpSpec = {
  name: 'POST',
  states: ['request-line'],
  args: target({ asterisk: false }),
  syntax: 'POST request-target HTTP/1.1',
  rfc: 'RFC 9110 9.3.3',
  async handle(ctx, request) {
    return { replies: [], response: await ctx.app(request, ctx.signal) };
  },
};
