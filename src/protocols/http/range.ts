import { ifRangeHolds } from './conditional.js';
import type { HttpHeaders, HttpResponse } from './types.js';

/**
 * Range requests (RFC 9110 14) on a body the app marks byte-addressable (`ranges: true`).
 * One range per request: a server may ignore a Range it does not want to serve (14.2), and
 * l7lab ignores several ranges (no multipart/byteranges) and any Range that is not valid syntax.
 */
export type RangeResult =
  | { status: 206; body: Buffer; contentRange: string }
  | { status: 416; contentRange: string }
  | null;

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` -> [first, last] within `size`; 'unsatisfiable'; null to ignore (RFC 9110 14.1.2). */
export function parseRange(value: string, size: number): [number, number] | 'unsatisfiable' | null {
  const m = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i.exec(value);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // suffix-range: the last n octets (RFC 9110 14.1.2).
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const first = Number(m[1]);
  const last = m[2] === '' ? Number.MAX_SAFE_INTEGER : Number(m[2]);
  if (last < first) return null;
  if (first >= size) return 'unsatisfiable';
  return [first, Math.min(last, size - 1)];
}

/** 206 with Content-Range, 416 with `bytes *\/size` (RFC 9110 15.3.7, 15.5.17), or null for the whole 200. */
export function applyRange(method: string, headers: HttpHeaders, res: HttpResponse, body: Buffer): RangeResult {
  const value = headers.get('range');
  if (method !== 'GET' || res.status !== 200 || !res.ranges || value === undefined || !ifRangeHolds(headers, res)) return null;
  const range = parseRange(value, body.length);
  if (range === null) return null;
  if (range === 'unsatisfiable') return { status: 416, contentRange: `bytes */${body.length}` };
  const [first, last] = range;
  return { status: 206, body: body.subarray(first, last + 1), contentRange: `bytes ${first}-${last}/${body.length}` };
}
