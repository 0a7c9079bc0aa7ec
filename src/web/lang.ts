import { fill, type Lang } from '../i18n.js';
import type { HttpRequest } from '../protocols/http/types.js';
import { UI, type UiKey } from './texts.js';

/**
 * The reader's language: `?lang=en|ja` first, then the first of en or ja in Accept-Language
 * by its weight (RFC 9110 12.5.4; q=0 means "not acceptable"), then the lab's own.
 */
export function langOfRequest(request: HttpRequest, fallback: Lang): Lang {
  const asked = request.query.size === 0 ? null : request.query.get('lang');
  if (asked === 'en' || asked === 'ja') return asked;
  const header = request.headers.get('accept-language');
  if (header === undefined) return fallback;
  const ranges = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.tag.length > 0 && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    if (r.tag === 'ja' || r.tag.startsWith('ja-')) return 'ja';
    if (r.tag === 'en' || r.tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

export type Say = (key: UiKey, vars?: Record<string, string | number>) => string;

export function sayer(lang: Lang): Say {
  return (key, vars = {}) => fill(UI[lang][key], vars);
}
