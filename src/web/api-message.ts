import { inspect } from '../mailstore/inspect.js';
import { envelopeView } from '../mailstore/envelope-view.js';
import type { HttpResponse } from '../protocols/http/types.js';
import type { MailStore } from '../mailstore/types.js';
import type { Catalog, Found } from './catalog.js';
import { mimeParts } from './mime-parts-lazy.js';
import { remoteUrls } from './remote-content.js';
import { etagOf, json, jsonError, NO_CACHE } from './respond.js';
import type { Handler, RouteContext } from './router.js';

/**
 * One captured message: `GET /api/messages/{id}` (what it says, parsed by mailparser, with its
 * parts numbered as IMAP numbers them), `/raw` (the bytes as stored, RFC 5322, in ranges),
 * `/html` (its HTML part, locked down), `/parts/{n}` (one part, transfer encoding undone),
 * `DELETE /api/messages/{id}` (every copy, with its envelope and transcript).
 */

/**
 * For mail's own HTML, and any part a browser might render: nothing loads from anywhere
 * (CSP Level 3 `default-src 'none'`), so a tracking pixel never reports the read and no
 * script runs in the lab's origin; inline styles and data: images still show. `sandbox`
 * (CSP3 6.3.2) also gives a part opened on its own an opaque origin.
 */
export const MAIL_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

type Deps = { catalog: Catalog; store: MailStore };

async function withMessage(deps: Deps, ctx: RouteContext, then: (found: Found, raw: Buffer) => Promise<HttpResponse>): Promise<HttpResponse> {
  const id = ctx.params.id ?? '';
  const found = await deps.catalog.find(id);
  const raw = found ? await deps.catalog.raw(found).catch(() => null) : null;
  if (!found || !raw) return jsonError(404, ctx.say('errNoMessage', { id }));
  return then(found, raw);
}

export function getMessage(deps: Deps): Handler {
  return (ctx) =>
    withMessage(deps, ctx, async (found, raw) => {
      const c = await inspect(raw);
      const { isAttachment, leafParts } = await mimeParts();
      const record = await deps.store.transaction(found.item.id);
      const envelope = record ? record.envelope : null;
      const base = `/api/messages/${encodeURIComponent(found.item.id)}`;
      const parts = leafParts(raw).map((l) => ({ ...l.info, url: `${base}/parts/${l.info.part}` }));
      const response = json(200, {
        id: found.item.id,
        date: found.item.receivedAt.toISOString(),
        size: found.first.meta.size,
        from: c.from,
        to: c.to,
        cc: c.cc,
        subject: c.subject,
        headerDate: c.date,
        messageId: c.messageId,
        envelope,
        envelopeOnly: envelopeView(c, envelope).envelopeOnly,
        headers: c.headers,
        text: c.text,
        textFromHtml: c.textFromHtml,
        html: c.html,
        blocked: c.html ? remoteUrls(c.html) : [],
        attachments: parts.filter(isAttachment),
        parts,
      });
      return { ...response, lastModified: found.item.receivedAt };
    });
}

export function getRaw(deps: Deps): Handler {
  return (ctx) =>
    withMessage(deps, ctx, async (found, raw) => ({
      status: 200,
      headers: { 'Content-Type': 'message/rfc822', 'Cache-Control': NO_CACHE, 'X-Content-Type-Options': 'nosniff' },
      body: raw,
      etag: etagOf(raw),
      lastModified: found.item.receivedAt,
      ranges: true,
    }));
}

export function getHtml(deps: Deps): Handler {
  return (ctx) =>
    withMessage(deps, ctx, async (found, raw) => {
      const { html } = await inspect(raw);
      if (html === null) return jsonError(404, ctx.say('errNoHtml', { id: found.item.id }));
      return {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': MAIL_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': NO_CACHE },
        body: html,
        etag: etagOf(html),
        lastModified: found.item.receivedAt,
      };
    });
}

/** RFC 6266 4.3: `filename` for old agents (ASCII only), `filename*` (RFC 8187) for the real name. */
export function dispositionOf(kind: 'attachment' | 'inline', filename: string | null): string {
  if (filename === null) return kind;
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function getPart(deps: Deps): Handler {
  return (ctx) =>
    withMessage(deps, ctx, async (found, raw) => {
      const n = ctx.params.n ?? '';
      const { isAttachment, leafParts } = await mimeParts();
      const leaf = leafParts(raw).find((l) => l.info.part === n);
      if (!leaf) return jsonError(404, ctx.say('errNoPart', { id: found.item.id, part: n }));
      const { info } = leaf;
      const type = info.charset ? `${info.contentType}; charset=${info.charset}` : info.contentType;
      return {
        status: 200,
        headers: {
          'Content-Type': type,
          'Content-Disposition': dispositionOf(isAttachment(info) ? 'attachment' : 'inline', info.filename),
          'Content-Security-Policy': `${MAIL_CSP}; sandbox`,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': NO_CACHE,
        },
        body: leaf.content,
        etag: etagOf(leaf.content),
        lastModified: found.item.receivedAt,
        ranges: true,
      };
    });
}

export function deleteMessage(deps: Deps): Handler {
  return async (ctx) => {
    const id = ctx.params.id ?? '';
    const removed = await deps.store.removeTransaction(id);
    if (removed === 0) return jsonError(404, ctx.say('errNoMessage', { id }));
    return json(200, { deleted: 1, copies: removed });
  };
}
