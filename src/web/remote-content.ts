/**
 * What an HTML part would fetch from the network if a mail client let it: images (the
 * classic read receipt: a 1x1 "tracking pixel" whose URL names the reader), style sheets,
 * scripts and frames. The lab's CSP for an HTML part (`default-src 'none'; img-src data:`)
 * blocks them all; this finds them so the page can say what was blocked.
 * Found: http(s) URLs in src/href of img, link, script, iframe (and source, video, audio,
 * embed, input), in srcset, in `background=`, and in CSS `url(...)` of style attributes or
 * elements. Each URL once, in order of appearance; HTML character references decoded.
 */
const TAG = /<(img|link|script|iframe|frame|source|video|audio|embed|input|body|table|td)\b([^>]*)>/gi;
const ATTR = /\b(src|href|srcset|background|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
const REMOTE = /^(?:https?:)?\/\//i;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (all, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
  });
}

function urlsOf(attr: string, value: string): string[] {
  const v = decodeEntities(value.trim());
  // srcset is a list of "url width" candidates (HTML Living Standard 4.8.4.3).
  const candidates = attr.toLowerCase() === 'srcset' ? v.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [v];
  return candidates.filter((u) => REMOTE.test(u));
}

export function remoteUrls(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    const name = (tag[1] ?? '').toLowerCase();
    for (const a of (tag[2] ?? '').matchAll(ATTR)) {
      const attr = (a[1] ?? '').toLowerCase();
      // A link's href is fetched only for <link> (a style sheet, an icon); <a href> is not a load.
      if (attr === 'href' && name !== 'link') continue;
      found.push(...urlsOf(attr, a[2] ?? a[3] ?? a[4] ?? ''));
    }
  }
  for (const u of html.matchAll(CSS_URL)) found.push(...urlsOf('url', u[1] ?? u[2] ?? u[3] ?? ''));
  return [...new Set(found)];
}
