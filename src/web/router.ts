import type { Lang } from '../i18n.js';
import type { HttpMethod, HttpRequest, HttpResponse } from '../protocols/http/types.js';
import type { Say } from './lang.js';
import { jsonError } from './respond.js';

/**
 * Which paths exist and which methods each allows: the app side of RFC 9110 15.5.5 (404)
 * and 15.5.6 (405, with an Allow field listing the methods the resource supports, RFC 9110
 * 10.2.1). A route's pattern names its variable segments `:name`; a segment matches one
 * path segment, never a `/`. GET implies HEAD (RFC 9110 9.3.2: the protocol side sends the
 * headers without the body); OPTIONS is answered here from the same table (RFC 9110 9.3.7).
 */
export interface RouteContext {
  request: HttpRequest;
  params: Readonly<Record<string, string>>;
  signal: AbortSignal;
  /** The reader's language (lang.ts) and its words. */
  lang: Lang;
  say: Say;
}

/** A handler whose answer is known at once may give it without a promise (protocols/http/types.ts HttpApp). */
export type Handler = (ctx: RouteContext) => HttpResponse | Promise<HttpResponse>;

export interface Route {
  pattern: string;
  methods: Partial<Record<HttpMethod, Handler>>;
}

/**
 * A pattern split once, when the routes are made: the segments to compare, `:name` marking a
 * variable; `prefix`, the pattern up to its first variable, which a matching path starts with.
 */
type Compiled = { route: Route; segments: readonly string[]; fixed: boolean; prefix: string };

function compile(route: Route): Compiled {
  const segments = route.pattern.split('/');
  const colon = route.pattern.indexOf(':');
  return { route, segments, fixed: colon < 0, prefix: colon < 0 ? route.pattern : route.pattern.slice(0, colon) };
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** `got` splits the path when a pattern with variables first needs it (a fixed one compares the whole path). */
function match(c: Compiled, path: string, got: () => readonly string[]): Readonly<Record<string, string>> | null {
  if (c.fixed) return c.route.pattern === path ? NO_PARAMS : null;
  if (!path.startsWith(c.prefix)) return null;
  const want = c.segments;
  const have = got();
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = have[i] as string;
    if (w.startsWith(':')) {
      if (g.length === 0) return null;
      params[w.slice(1)] = g;
    } else if (w !== g) return null;
  }
  return params;
}

export function allowOf(route: Route): string {
  const methods = Object.keys(route.methods) as HttpMethod[];
  if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  methods.push('OPTIONS');
  return methods.join(', ');
}

export function route(routes: readonly Route[]): Handler {
  const compiled = routes.map(compile);
  // Not async: the handler's own answer is handed back as it is, with no promise around it.
  return (ctx) => {
    const { request } = ctx;
    let segments: readonly string[] | null = null;
    const got = (): readonly string[] => (segments ??= request.path.split('/'));
    for (const c of compiled) {
      const params = match(c, request.path, got);
      if (!params) continue;
      const r = c.route;
      const method: HttpMethod = request.method === 'HEAD' && !r.methods.HEAD ? 'GET' : request.method;
      const handler = r.methods[method];
      if (handler) return handler({ ...ctx, params });
      if (request.method === 'OPTIONS') return { status: 204, headers: { Allow: allowOf(r) } };
      return jsonError(405, ctx.say('errMethod', { method: request.method }), { Allow: allowOf(r) });
    }
    return jsonError(404, ctx.say('errNotFound'));
  };
}
