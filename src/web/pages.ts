import { formatSize } from '../mailstore/inspect.js';
import { WEB_RAW_PREVIEW } from '../limits.js';
import { inspect, type MessageContent } from '../mailstore/inspect.js';
import type { Envelope, MailStore } from '../mailstore/types.js';
import { envelopeView } from '../mailstore/envelope-view.js';
import type { Lang } from '../i18n.js';
import type { Catalog, Found } from './catalog.js';
import { explainedTranscript, type TranscriptEntry } from './api-transcript.js';
import { esc, langQuery, page } from './html.js';
import type { Say } from './lang.js';
import { mimeParts } from './mime-parts-lazy.js';
import { remoteUrls } from './remote-content.js';
import { jsonError } from './respond.js';
import type { Handler } from './router.js';

/**
 * The web inbox's two pages. `/` is a shell the script fills from `GET /api/messages` and keeps
 * current with its long poll. `/messages/{id}` is drawn here, whole: envelope, header fields,
 * the text part, the HTML part in a sandboxed iframe (its CSP blocks every remote load, and
 * the page lists what was blocked), attachments, the raw source and the SMTP transcript.
 */
export const inboxPage: Handler = async ({ lang, say }) =>
  page({
    lang,
    title: say('title'),
    data: { page: 'inbox' },
    body: `<h1>${esc(say('inbox'))} <span id="count"></span></h1>
<p><button type="button" id="delete-all">${esc(say('deleteAll'))}</button></p>
<p id="status">${esc(say('waiting'))}</p>
<table id="list" hidden><thead><tr><th>${esc(say('received'))}</th><th>${esc(say('from'))}</th><th>${esc(say('to'))}</th><th>${esc(say('subject'))}</th><th>${esc(say('size'))}</th></tr></thead><tbody></tbody></table>`,
  });

function envelopeSection(say: Say, c: MessageContent, env: Envelope | null): string {
  if (!env) return `<p class="note">${esc(say('noEnvelope'))}</p>`;
  const only = envelopeView(c, env).envelopeOnly;
  const bcc = only.length > 0 ? `<p class="note">${esc(say('envelopeOnly', { list: only.join(', ') }))}</p>` : '';
  return `<pre class="envelope">MAIL FROM:&lt;${esc(env.from)}&gt;\n${env.to.map((r) => `RCPT TO:&lt;${esc(r)}&gt;`).join('\n')}</pre>${bcc}`;
}

function htmlSection(say: Say, base: string, html: string | null): string {
  if (html === null) return '';
  const blocked = remoteUrls(html);
  const note =
    blocked.length > 0
      ? `<div id="blocked" class="note"><p>${esc(say('blocked', { n: blocked.length }))}</p><ul>${blocked.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul></div>`
      : `<p id="blocked" class="note">${esc(say('noneBlocked'))}</p>`;
  return `<section><h2>${esc(say('html'))}</h2><iframe id="html-part" sandbox src="${base}/html" title="HTML"></iframe>${note}</section>`;
}

function transcriptSection(say: Say, lines: TranscriptEntry[] | null): string {
  if (!lines) return `<p class="note">${esc(say('noTranscript'))}</p>`;
  const rows = lines.map((l) => {
    if ('direction' in l) return `<tr class="${l.direction}"><td>${l.direction === 'client' ? 'C:' : 'S:'}</td><td><code>${esc(l.text)}</code></td><td>${esc(l.explanation ?? '')}</td></tr>`;
    if (l.event === 'tls') return `<tr class="tls"><td></td><td colspan="2">TLS ${esc(l.version)} ${esc(l.cipher)}</td></tr>`;
    return '';
  });
  return `<table class="transcript">${rows.join('')}</table>`;
}

async function messageBody(store: MailStore, say: Say, found: Found, raw: Buffer, lang: Lang): Promise<{ subject: string; body: string }> {
  const c = await inspect(raw);
  const id = found.item.id;
  const base = `/api/messages/${encodeURIComponent(id)}`;
  const record = await store.transaction(id);
  const transcript = await explainedTranscript(store, id, lang);
  const headers = c.headers.map((h) => `<tr><th>${esc(h.name)}</th><td>${esc(h.value)}</td></tr>`).join('');
  const { isAttachment, leafParts } = await mimeParts();
  const attachments = leafParts(raw)
    .filter((l) => isAttachment(l.info))
    .map((l) => `<li><a class="attachment" href="${base}/parts/${l.info.part}" download>${esc(l.info.filename ?? say('unnamed'))}</a> <span class="dim">${esc(l.info.contentType)} · ${formatSize(l.info.size)}</span></li>`);
  const body = `<p><a href="/?${langQuery(lang)}">${esc(say('back'))}</a> <button type="button" id="delete-one" data-id="${esc(id)}">${esc(say('deleteOne'))}</button></p>
<h1 id="subject">${esc(c.subject || say('noSubject'))}</h1>
<section><h2>${esc(say('envelope'))}</h2>${envelopeSection(say, c, record?.envelope ?? null)}</section>
<section><h2>${esc(say('headers'))}</h2><table class="headers">${headers}</table></section>
<section><h2>${esc(say('text'))}</h2><pre id="text-part">${esc(c.text || say('noText'))}</pre></section>
${htmlSection(say, base, c.html)}
${attachments.length > 0 ? `<section><h2>${esc(say('attachments'))}</h2><ul id="attachments">${attachments.join('')}</ul></section>` : ''}
<section><h2>${esc(say('transcript'))}</h2>${transcriptSection(say, transcript?.lines ?? null)}</section>
<section><h2><a href="${base}/raw">${esc(say('raw'))}</a></h2>${rawPreview(say, raw)}</section>`;
  return { subject: c.subject, body };
}

function rawPreview(say: Say, raw: Buffer): string {
  const shown = raw.subarray(0, WEB_RAW_PREVIEW);
  const cut = raw.length > shown.length ? `<p class="note">${esc(say('rawCut', { shown: formatSize(shown.length), size: formatSize(raw.length) }))}</p>` : '';
  return `<pre id="raw">${esc(shown.toString('utf8'))}</pre>${cut}`;
}

export function messagePage(deps: { catalog: Catalog; store: MailStore }): Handler {
  return async ({ params, lang, say }) => {
    const id = params.id ?? '';
    const found = await deps.catalog.find(id);
    const raw = found ? await deps.catalog.raw(found).catch(() => null) : null;
    if (!found || !raw) return jsonError(404, say('errNoMessage', { id }));
    const { subject, body } = await messageBody(deps.store, say, found, raw, lang);
    return page({ lang, title: `${subject || say('noSubject')} · ${say('title')}`, data: { page: 'message' }, body });
  };
}
