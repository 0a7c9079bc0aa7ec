import type { Lang } from '../i18n.js';
import type { HttpResponse } from '../protocols/http/types.js';
import { etagOf } from './respond.js';
import { UI } from './texts.js';

/**
 * The frame of every page of the web inbox. The pages load only the lab's own files
 * (`default-src 'self'`) and hold no inline script: a message's words are always escaped,
 * and even if some slipped through, CSP would not run it. The browser script gets its words
 * (texts.ts) from a data attribute, so it holds none itself.
 */
export const PAGE_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export interface PageSpec {
  lang: Lang;
  title: string;
  /** Page-specific data for the script, besides the words. */
  data?: Record<string, string>;
  body: string;
}

/** `?lang=` for links that keep the reader's language. */
export function langQuery(lang: Lang): string {
  return `lang=${lang}`;
}

export function page(spec: PageSpec): HttpResponse {
  const data = Object.entries({ lang: spec.lang, texts: JSON.stringify(UI[spec.lang]), ...(spec.data ?? {}) })
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  const other: Lang = spec.lang === 'en' ? 'ja' : 'en';
  const html = `<!DOCTYPE html>
<html lang="${spec.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(spec.title)}</title>
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/inbox.js" defer></script>
</head>
<body${data}>
<header><a class="home" href="/?${langQuery(spec.lang)}">${esc(UI[spec.lang].title)}</a> <a class="lang" href="?lang=${other}">${esc(UI[spec.lang].language)}</a></header>
<main>
${spec.body}
</main>
</body>
</html>
`;
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Language',
    },
    body: html,
    etag: etagOf(html),
  };
}
