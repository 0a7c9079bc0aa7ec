import { createHash } from 'node:crypto';
import type { HttpResponse } from '../protocols/http/types.js';

/**
 * The shapes every web/ answer takes: JSON (RFC 8259, `application/json` needs no charset,
 * RFC 8259 11), an error as `{"error": "..."}`, text and HTML in UTF-8. The API's answers
 * change whenever mail arrives, so they are `no-cache` (RFC 9111 5.2.2.4): a client may keep
 * them but must revalidate, which the ETag makes cheap (a 304 from the protocol side).
 */
export const NO_CACHE = 'no-cache';

/** A strong validator (RFC 9110 8.8.3) from the representation's bytes. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': NO_CACHE, 'X-Content-Type-Options': 'nosniff', ...headers },
    body,
    ...(status === 200 ? { etag: etagOf(body) } : {}),
  };
}

export function jsonError(status: number, error: string, headers: Record<string, string> = {}): HttpResponse {
  return json(status, { error }, headers);
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff', ...headers }, body };
}
