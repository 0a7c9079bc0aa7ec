import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../../src/web/html.js';
import { CHUNKS, HELLO_ETAG, HELLO_MODIFIED } from '../../../src/web/lesson-pages.js';
import { UI } from '../../../src/web/texts.js';
import { RICH, simple, webLab } from './web-fixtures.js';

describe('the inbox page', () => {
  it('is a shell with its own CSP, no inline script, and the words for its script', async () => {
    const lab = webLab();
    const r = await lab.call('/');
    expect(r.status).toBe(200);
    expect(lab.header(r, 'content-type')).toBe('text/html; charset=utf-8');
    expect(lab.header(r, 'content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("default-src 'self'");
    const html = lab.body(r);
    // Every <script> loads a file; none carries code.
    expect([...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => [/src="\/assets\//.test(m[1] ?? ''), m[2]])).toEqual([[true, '']]);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).toContain('data-page="inbox"');
    expect(html).toContain(UI.en.deleteAll);
  });

  it.each([
    [{ target: '/?lang=ja' }, 'ja'],
    [{ target: '/', headers: { 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' } }, 'ja'],
    [{ target: '/', headers: { 'Accept-Language': 'de, en-GB;q=0.5' } }, 'en'],
    [{ target: '/?lang=en', headers: { 'Accept-Language': 'ja' } }, 'en'],
    [{ target: '/', headers: { 'Accept-Language': 'ja;q=0, en;q=0.1' } }, 'en'],
  ])('speaks the reader’s language: %j -> %s', async (spec, lang) => {
    const lab = webLab();
    const html = lab.body(await lab.call(spec));
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(UI[lang as 'en' | 'ja'].inbox);
  });

  it('falls back to the lab’s language', async () => {
    const lab = webLab({ lang: 'ja' });
    expect(lab.body(await lab.call('/'))).toContain(UI.ja.inbox);
  });

  it('the two word tables have the same keys and no empty entry', () => {
    expect(Object.keys(UI.ja).sort()).toEqual(Object.keys(UI.en).sort());
    for (const lang of ['en', 'ja'] as const) for (const v of Object.values(UI[lang])) expect(v.trim().length).toBeGreaterThan(0);
  });

  it('serves its script and style sheet from the package, with validators', async () => {
    const lab = webLab();
    const js = await lab.call('/assets/inbox.js');
    expect(lab.header(js, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(lab.body(js)).toContain("headers['If-None-Match'] = shown");
    expect(js.etag).toBeDefined();
    const css = await lab.call('/assets/style.css');
    expect(lab.header(css, 'content-type')).toBe('text/css; charset=utf-8');
  });
});

describe('the message page', () => {
  it('shows envelope, header, text, the sandboxed HTML, what was blocked, attachments and the raw source', async () => {
    const lab = webLab();
    const id = await lab.deliver('shop@example.com', ['bob@example.com', 'audit@example.com'], RICH);
    const r = await lab.call(`/messages/${id}`);
    expect(lab.header(r, 'content-security-policy')).toBe(PAGE_CSP);
    const html = lab.body(r);
    expect(html).toContain('<h1 id="subject">注文 order</h1>');
    expect(html).toContain('MAIL FROM:&lt;shop@example.com&gt;');
    expect(html).toContain('RCPT TO:&lt;audit@example.com&gt;');
    expect(html).toContain('audit@example.com</p>');
    // The text part is escaped, never markup.
    expect(html).toContain('Your order &lt;b&gt;shipped&lt;/b&gt;.');
    expect(html).toContain(`<iframe id="html-part" sandbox src="/api/messages/${id}/html"`);
    expect(html).toContain('<li><code>http://example.invalid/x.png</code></li>');
    expect(html).toContain(`href="/api/messages/${id}/parts/2" download>報告.txt</a>`);
    expect(html).toContain('data-page="message"');
    expect(html).not.toContain('<img src="http://example.invalid/x.png">');
  });

  it('escapes what a message says', async () => {
    const lab = webLab();
    const id = await lab.deliver('a@x', ['bob@example.com'], simple('<script>alert(1)</script>'));
    const html = lab.body(await lab.call(`/messages/${id}?lang=ja`));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(UI.ja.noTranscript);
  });

  it('answers 404 for an unknown id', async () => {
    const lab = webLab();
    expect((await lab.call('/messages/nope')).status).toBe(404);
  });
});

describe('the http lesson’s pages', () => {
  it('/hello.txt has an ETag and a Last-Modified for a conditional GET', async () => {
    const lab = webLab();
    const r = await lab.call('/hello.txt');
    expect(r).toMatchObject({ status: 200, etag: HELLO_ETAG, lastModified: HELLO_MODIFIED });
    expect(lab.header(r, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(lab.body(r)).toMatch(/^Hello/);
  });

  it('/old moved permanently to /hello.txt', async () => {
    const lab = webLab();
    const r = await lab.call('/old');
    expect(r.status).toBe(301);
    expect(lab.header(r, 'location')).toBe('/hello.txt');
  });

  it('/chunked comes in three chunks and a trailer it announces', async () => {
    const lab = webLab();
    const r = await lab.call('/chunked');
    expect(r.body).toBeUndefined();
    expect(r.chunks).toEqual(CHUNKS);
    expect(CHUNKS).toHaveLength(3);
    expect(r.trailers).toEqual({ 'X-Chunk-Count': '3' });
    expect(lab.header(r, 'trailer')).toBe('X-Chunk-Count');
  });
});

describe('the message page’s raw source', () => {
  it('shows at most WEB_RAW_PREVIEW octets and says where the rest is', async () => {
    const { WEB_RAW_PREVIEW } = await import('../../../src/limits.js');
    const lab = webLab();
    const big = `Subject: big\n\n${'x'.repeat(WEB_RAW_PREVIEW + 100)}\n`;
    const id = await lab.deliver('a@x', ['bob@example.com'], big);
    const html = lab.body(await lab.call(`/messages/${id}`));
    expect(html).toContain('<p class="note">… the first 256.0 KB of');
    const raw = /<pre id="raw">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '';
    expect(raw.length).toBe(WEB_RAW_PREVIEW);
    expect(raw).toMatch(/^Subject: big/);
    const small = await lab.deliver('a@x', ['bob@example.com'], simple('small'));
    expect(lab.body(await lab.call(`/messages/${small}`))).not.toContain('<p class="note">… the first');
  });
});
