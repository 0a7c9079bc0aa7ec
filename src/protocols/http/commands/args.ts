import type { ArgSchema } from '../../command.js';
import type { HttpContext, HttpOutcome, HttpRaw, HttpSpec } from '../context.js';
import { HttpError } from '../errors.js';
import type { HttpMethod, HttpRequest, HttpResponse } from '../types.js';

/**
 * The target forms a method accepts (RFC 9112 3.2): origin-form and absolute-form for all six;
 * asterisk-form only for OPTIONS (3.2.4); authority-form only for CONNECT (3.2.3), which l7lab
 * does not implement, so it is refused here.
 */
export function target(opts: { asterisk: boolean }): ArgSchema<HttpRaw, HttpRequest, HttpContext> {
  return {
    parse({ request, form }) {
      if (form === 'asterisk' && !opts.asterisk) throw new HttpError(400, 'bad-request-line', `* is a target for OPTIONS only (RFC 9112 3.2.4)`, false);
      if (form === 'authority') throw new HttpError(400, 'bad-request-line', 'authority-form is for CONNECT only (RFC 9112 3.2.3)', false);
      return request;
    },
  };
}

/**
 * A method whose whole meaning is the resource's (GET, POST, PUT, DELETE): the spec passes
 * the request to the app; the protocol's part (framing, 304, 206) happens around it.
 */
export function appMethod(name: HttpMethod, rfc: string): HttpSpec {
  return {
    name,
    states: ['request-line'],
    args: target({ asterisk: false }),
    syntax: `${name} request-target HTTP/1.1`,
    rfc,
    handle(ctx, request) {
      return outcomeOf(ctx.app(request, ctx.signal));
    },
  };
}

/** The app's answer as an outcome: at once when the app answered at once, else when it does. */
export function outcomeOf(response: HttpResponse | Promise<HttpResponse>): HttpOutcome | Promise<HttpOutcome> {
  return response instanceof Promise ? response.then((r) => ({ replies: [], response: r })) : { replies: [], response };
}
