import type { HttpApp, HttpResponse } from '../../src/protocols/http/types.js';

/**
 * The smallest app for the HTTP server's own tests (the lab serves web/): a short text at `/` (GET and HEAD), 405 with
 * Allow for other methods there (RFC 9110 15.5.6), 404 for every other path (RFC 9110 15.5.5).
 */
export const defaultHttpApp: HttpApp = async (request): Promise<HttpResponse> => {
  if (request.path !== '/') return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `404 Not Found: nothing at ${request.path}\n` };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, body: `405 Method Not Allowed: / answers GET and HEAD\n` };
  }
  return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'l7lab HTTP server: hello from the application layer\n' };
};
