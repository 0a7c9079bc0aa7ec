import type { HttpHeaders, HttpResponse } from './types.js';

/**
 * Conditional requests (RFC 9110 13), evaluated on what the app answered, which carries the
 * representation's validators (etag, lastModified). Only a 200 is ever turned into 304 or 412.
 */

/** `W/"x"` -> `"x"`: weak comparison ignores the weakness flag (RFC 9110 8.8.3.2). */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** The entity-tags of If-None-Match / If-Match (RFC 9110 13.1.1-2): `*` or a list. */
function tagList(value: string): string[] {
  return value.match(/(?:W\/)?"[^"]*"|\*/g) ?? [];
}

/** An HTTP-date (RFC 9110 5.6.7) to whole seconds, or null for an invalid date (then the condition is ignored). */
function seconds(value: string): number | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * The status a precondition turns a 200 into, or null to send it as it is. Order of RFC 9110 13.2.2:
 * If-Match (strong comparison, 412), If-None-Match (weak comparison: 304 for GET/HEAD, 412 otherwise),
 * and only without If-None-Match, If-Modified-Since (GET/HEAD: 304 when not modified since).
 */
export function preconditionStatus(method: string, headers: HttpHeaders, res: HttpResponse): 304 | 412 | null {
  if (res.status !== 200) return null;
  const etag = res.etag;
  const ifMatch = headers.get('if-match');
  if (ifMatch !== undefined) {
    const tags = tagList(ifMatch);
    const strong = etag !== undefined && !etag.startsWith('W/');
    if (!tags.includes('*') && !(strong && tags.includes(etag))) return 412;
  }
  const safe = method === 'GET' || method === 'HEAD';
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== undefined) {
    const tags = tagList(ifNoneMatch);
    const match = tags.includes('*') || (etag !== undefined && tags.some((t) => t !== '*' && opaque(t) === opaque(etag)));
    return match ? (safe ? 304 : 412) : null;
  }
  const since = headers.get('if-modified-since');
  if (safe && since !== undefined && res.lastModified) {
    const s = seconds(since);
    if (s !== null && Math.floor(res.lastModified.getTime() / 1000) <= s) return 304;
  }
  return null;
}

/** If-Range (RFC 9110 13.1.5): the range applies only when the validator still matches (strong etag or exact date). */
export function ifRangeHolds(headers: HttpHeaders, res: HttpResponse): boolean {
  const value = headers.get('if-range');
  if (value === undefined) return true;
  if (value.startsWith('"') || value.startsWith('W/')) return res.etag !== undefined && !value.startsWith('W/') && value === res.etag;
  const s = seconds(value);
  return s !== null && res.lastModified !== undefined && Math.floor(res.lastModified.getTime() / 1000) === s;
}
