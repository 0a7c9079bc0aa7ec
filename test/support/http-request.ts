import type { HttpHeaders, HttpMethod, HttpRequest } from '../../src/protocols/http/types.js';

/**
 * An HttpRequest as the lab's server would hand it to an app, built by hand: for calling an
 * HttpApp directly in unit tests. Host defaults to 127.0.0.1:2080; the path is taken from the
 * target (percent-decoded), the query from after its `?`.
 */
export interface RequestSpec {
  method?: HttpMethod;
  target: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  secure?: boolean;
}

export function headersOf(fields: ReadonlyArray<readonly [string, string]>): HttpHeaders {
  const all = (name: string) => fields.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  return {
    get: (name) => {
      const values = all(name);
      return values.length === 0 ? undefined : values.join(', ');
    },
    all,
    has: (name) => all(name).length > 0,
    entries: () => fields,
  };
}

export function httpRequest(spec: RequestSpec): HttpRequest {
  const fields = Object.entries({ Host: '127.0.0.1:2080', ...(spec.headers ?? {}) });
  const headers = headersOf(fields);
  const hostField = headers.get('host') ?? '';
  const host = hostField.startsWith('[') ? hostField.slice(0, hostField.indexOf(']') + 1) : hostField.replace(/:\d*$/, '');
  const q = spec.target.indexOf('?');
  const rawPath = q >= 0 ? spec.target.slice(0, q) : spec.target;
  return {
    method: spec.method ?? 'GET',
    target: spec.target,
    path: decodeURIComponent(rawPath),
    query: new URLSearchParams(q >= 0 ? spec.target.slice(q + 1) : ''),
    version: 'HTTP/1.1',
    headers,
    host,
    body: Buffer.from(spec.body ?? ''),
    remoteAddress: '127.0.0.1',
    secure: spec.secure ?? false,
  };
}
