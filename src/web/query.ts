import type { HttpRequest } from '../protocols/http/types.js';
import type { Say } from './lang.js';
import type { Filters } from './filters.js';

/** A query parameter that is not what it must be: the app answers 400 with `message`. */
export class BadQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadQueryError';
  }
}

/** A whole number in [min, max], or `fallback` when absent. */
export function intParam(request: HttpRequest, name: string, fallback: number, min: number, max: number, say: Say): number {
  const value = param(request, name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new BadQueryError(say('errBadNumber', { name, value, min, max }));
  return n;
}

/** A query parameter, or null; a request without a query (most of them) is not searched for each name. */
export function param(request: HttpRequest, name: string): string | null {
  return request.query.size === 0 ? null : request.query.get(name);
}

export function filtersOf(request: HttpRequest, say: Say): Filters {
  const q = request.query;
  const f: Filters = {};
  if (q.size === 0) return f;
  for (const k of ['to', 'from', 'subject'] as const) {
    const v = q.get(k);
    if (v !== null && v.length > 0) f[k] = v;
  }
  const since = q.get('since');
  if (since !== null) {
    const d = new Date(since);
    if (since.trim() === '' || Number.isNaN(d.getTime())) throw new BadQueryError(say('errBadSince', { value: since }));
    f.since = d;
  }
  return f;
}
