/**
 * The links in a message, for tests that follow a confirmation link: every http(s) URL in the
 * text, and every href in the HTML (RFC 3986 URIs; HTML character references in an href are
 * decoded, as a browser would). In order of first appearance, each once.
 */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
// Punctuation that ends a sentence rather than a URL ("see https://x.test/a.").
const TRAILING = /[.,;:!?)\]}>]+$/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

export function findLinks(text: string, html: string | null): string[] {
  const found: string[] = [];
  for (const m of html?.matchAll(HREF) ?? []) {
    const href = decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim());
    if (/^https?:\/\//i.test(href)) found.push(href);
  }
  for (const m of text.matchAll(URL_IN_TEXT)) found.push(m[0].replace(TRAILING, ''));
  return [...new Set(found)];
}
