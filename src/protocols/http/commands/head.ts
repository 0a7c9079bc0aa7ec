import type { HttpSpec } from '../context.js';
import { outcomeOf, target } from './args.js';

/**
 * HEAD (RFC 9110 9.3.2): identical to GET except that the server sends no content. The app is
 * asked as for GET, so the header fields are the very ones GET would have; the session drops the body.
 * C: HEAD / HTTP/1.1
 * C: Host: localhost
 * S: HTTP/1.1 200 OK
 * S: Content-Length: 42   (and no body)
 */
export const head: HttpSpec = {
  name: 'HEAD',
  states: ['request-line'],
  args: target({ asterisk: false }),
  syntax: 'HEAD request-target HTTP/1.1',
  rfc: 'RFC 9110 9.3.2',
  handle(ctx, request) {
    return outcomeOf(ctx.app({ ...request, method: 'GET' }, ctx.signal));
  },
};
