import type { Handler, Route } from './router.js';

/**
 * Three tiny resources the http lesson types requests at by hand, one per idea:
 * - `/hello.txt` has validators (ETag, Last-Modified, RFC 9110 8.8), so a second GET with
 *   If-None-Match or If-Modified-Since gets 304 Not Modified (RFC 9110 13.1.2, 13.1.3).
 * - `/old` moved for good: 301 with Location (RFC 9110 15.4.2, 10.2.2).
 * - `/chunked` arrives in three chunks and a trailer field (RFC 9112 7.1, 7.1.2).
 * Their bytes and dates never change, so the lesson can quote them.
 */
export const HELLO_TEXT = 'Hello from the l7lab web server.\nAsk again with If-None-Match and the ETag above: the answer is 304.\n';
export const HELLO_ETAG = '"hello-v1"';
/** A fixed date, so Last-Modified is the same in every run of the lesson. */
export const HELLO_MODIFIED = new Date('2026-01-01T00:00:00Z');
export const CHUNKS = ['First chunk.\n', 'Second chunk.\n', 'Third and last chunk.\n'];

const hello: Handler = async () => ({
  status: 200,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' },
  body: HELLO_TEXT,
  etag: HELLO_ETAG,
  lastModified: HELLO_MODIFIED,
});

const old: Handler = async () => ({
  status: 301,
  headers: { Location: '/hello.txt', 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Moved Permanently: see /hello.txt\n',
});

const chunked: Handler = async () => ({
  status: 200,
  // RFC 9110 6.6.2: a trailer field the sender announces in Trailer.
  headers: { 'Content-Type': 'text/plain; charset=utf-8', Trailer: 'X-Chunk-Count' },
  chunks: CHUNKS,
  trailers: { 'X-Chunk-Count': String(CHUNKS.length) },
});

export const LESSON_ROUTES: readonly Route[] = [
  { pattern: '/hello.txt', methods: { GET: hello } },
  { pattern: '/old', methods: { GET: old } },
  { pattern: '/chunked', methods: { GET: chunked } },
];
