import type { Route } from './router.js';
import { INBOX_JS } from './assets/inbox-js.js';
import { STYLE_CSS } from './assets/style-css.js';
import { etagOf } from './respond.js';

/** The inbox's static files, from strings compiled into dist/ (no file paths to find at run time). */
function asset(body: string, type: string): Route['methods'] {
  const etag = etagOf(body);
  return { GET: async () => ({ status: 200, headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }, body, etag }) };
}

export const ASSET_ROUTES: readonly Route[] = [
  { pattern: '/assets/inbox.js', methods: asset(INBOX_JS, 'text/javascript; charset=utf-8') },
  { pattern: '/assets/style.css', methods: asset(STYLE_CSS, 'text/css; charset=utf-8') },
];
