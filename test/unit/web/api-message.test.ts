import { describe, expect, it } from 'vitest';
import type { StoredTranscript } from '../../../src/mailstore/types.js';
import { smtpKnowledge } from '../../../src/protocols/smtp/knowledge/index.js';
import { MAIL_CSP } from '../../../src/web/api-message.js';
import { RICH, simple, webLab } from './web-fixtures.js';

interface Part {
  part: string;
  contentType: string;
  filename: string | null;
  disposition: string | null;
  size: number;
  url: string;
}

interface Detail {
  id: string;
  subject: string;
  envelope: { from: string; to: string[] };
  envelopeOnly: string[];
  headers: Array<{ name: string; value: string }>;
  text: string;
  html: string;
  blocked: string[];
  attachments: Part[];
  parts: Part[];
}

async function rich() {
  const lab = webLab();
  const id = await lab.deliver('shop@example.com', ['bob@example.com', 'audit@example.com'], RICH);
  return { ...lab, id };
}

describe('GET /api/messages/{id}', () => {
  it('gives envelope, header fields, text, HTML, what the HTML would load, and the parts', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}`);
    expect(r.status).toBe(200);
    expect(r.etag).toBeDefined();
    expect(r.lastModified).toBeInstanceOf(Date);
    const d = lab.json<Detail>(r);
    expect(d.subject).toBe('注文 order');
    expect(d.envelope).toEqual({ from: 'shop@example.com', to: ['bob@example.com', 'audit@example.com'] });
    expect(d.envelopeOnly).toEqual(['audit@example.com']);
    expect(d.headers.find((h) => h.name === 'Subject')?.value).toBe('=?UTF-8?B?5rOo5paH?= order');
    expect(d.text.trim()).toBe('Your order <b>shipped</b>.');
    expect(d.html).toContain('<img src="http://example.invalid/x.png">');
    expect(d.blocked).toEqual(['http://example.invalid/x.png', 'https://cdn.example.invalid/s.css']);
    expect(d.parts.map((p) => [p.part, p.contentType])).toEqual([
      ['1.1', 'text/plain'],
      ['1.2', 'text/html'],
      ['2', 'text/plain'],
    ]);
    expect(d.attachments).toEqual([expect.objectContaining({ part: '2', filename: '報告.txt', disposition: 'attachment', size: 13, url: `/api/messages/${lab.id}/parts/2` })]);
  });

  it('answers 404 as JSON for an unknown id, on every sub-resource', async () => {
    const lab = webLab();
    for (const path of ['', '/raw', '/html', '/parts/1', '/transcript']) {
      const r = await lab.call(`/api/messages/nope${path}`);
      expect(r.status).toBe(404);
      expect(lab.json(r).error).toContain('nope');
    }
  });
});

describe('GET /api/messages/{id}/raw', () => {
  it('is the message exactly as stored, as message/rfc822, with validators and ranges', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}/raw`);
    expect(lab.header(r, 'content-type')).toBe('message/rfc822');
    expect(Buffer.isBuffer(r.body)).toBe(true);
    expect((r.body as Buffer).equals(Buffer.from(RICH.replace(/\n/g, '\r\n')))).toBe(true);
    expect(r.ranges).toBe(true);
    expect(r.etag).toMatch(/^".+"$/);
    expect(r.lastModified).toBeInstanceOf(Date);
  });
});

describe('GET /api/messages/{id}/parts/{n} and /html', () => {
  it('serves an attachment decoded, with its type and a download disposition (RFC 6266)', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}/parts/2`);
    expect(r.status).toBe(200);
    expect((r.body as Buffer).toString()).toBe('report bytes\n');
    expect(lab.header(r, 'content-type')).toBe('text/plain');
    expect(lab.header(r, 'content-disposition')).toBe(`attachment; filename="__.txt"; filename*=UTF-8''${encodeURIComponent('報告.txt')}`);
  });

  it('serves a body part inline, locked down like the HTML', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}/parts/1.2`);
    expect(lab.header(r, 'content-type')).toBe('text/html; charset=utf-8');
    expect(lab.header(r, 'content-disposition')).toBe('inline');
    expect(lab.header(r, 'content-security-policy')).toBe(`${MAIL_CSP}; sandbox`);
    expect((r.body as Buffer).toString()).toContain('style="color:red"');
  });

  it('numbers a single-part message’s body 1 (RFC 3501 6.4.5) and 404s a part it lacks', async () => {
    const lab = webLab();
    const id = await lab.deliver('a@x', ['bob@example.com'], simple('one'));
    expect((await lab.call(`/api/messages/${id}/parts/1`)).status).toBe(200);
    expect((await lab.call(`/api/messages/${id}/parts/2`)).status).toBe(404);
    expect((await lab.call(`/api/messages/${id}/html`)).status).toBe(404);
  });

  it('serves the HTML part with a CSP that blocks every remote load', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}/html`);
    expect(lab.header(r, 'content-security-policy')).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(lab.header(r, 'content-type')).toBe('text/html; charset=utf-8');
    expect(String(r.body)).toContain('Your order shipped.');
  });
});

describe('GET /api/messages/{id}/transcript', () => {
  const kept: StoredTranscript = {
    lang: 'en',
    events: [
      { event: 'line', protocol: 'smtp', session: 's1', port: 1, direction: 'client', text: 'MAIL FROM:<shop@example.com>', state: 'MAIL', knowledge: { key: 'command', params: { command: 'MAIL' } }, time: 't' },
      { event: 'line', protocol: 'smtp', session: 's1', port: 1, direction: 'server', text: '250 2.1.0 Ok', state: 'MAIL', knowledge: { key: 'reply', params: { code: '250' } }, time: 't' },
    ],
  };

  it.each(['en', 'ja'] as const)('explains each line in ?lang=%s', async (lang) => {
    const lab = await rich();
    await lab.store.saveTranscript(lab.id, kept);
    const r = await lab.call(`/api/messages/${lab.id}/transcript?lang=${lang}`);
    const t = lab.json<{ lang: string; lines: Array<{ direction: string; text: string; explanation: string }> }>(r);
    expect(t.lang).toBe(lang);
    expect(t.lines.map((l) => [l.direction, l.text])).toEqual([
      ['client', 'MAIL FROM:<shop@example.com>'],
      ['server', '250 2.1.0 Ok'],
    ]);
    expect(t.lines[1]?.explanation).toBe(smtpKnowledge.describe({ key: 'reply', params: { code: '250' } }, lang));
    expect(t.lines[0]?.explanation).toBe(smtpKnowledge.describe({ key: 'command', params: { command: 'MAIL' } }, lang));
  });

  it('follows Accept-Language when there is no ?lang', async () => {
    const lab = await rich();
    await lab.store.saveTranscript(lab.id, kept);
    const r = await lab.call({ target: `/api/messages/${lab.id}/transcript`, headers: { 'Accept-Language': 'fr;q=1, ja;q=0.8, en;q=0.5' } });
    expect(lab.json(r).lang).toBe('ja');
  });

  it('says again in the reader’s language a transcript kept before lines carried keys', async () => {
    const lab = await rich();
    const said = smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'en');
    await lab.store.saveTranscript(lab.id, { lang: 'en', events: [{ event: 'line', protocol: 'smtp', session: 's1', port: 1, direction: 'server', text: '250 2.1.0 Ok', state: 'MAIL', explanation: said, time: 't' }] });
    const t = lab.json<{ lines: Array<{ explanation: string }> }>(await lab.call(`/api/messages/${lab.id}/transcript?lang=ja`));
    expect(t.lines[0]?.explanation).toBe(smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'ja'));
    expect(t.lines[0]?.explanation).not.toBe(said);
  });

  it('answers 404 when no transcript was kept', async () => {
    const lab = await rich();
    const r = await lab.call(`/api/messages/${lab.id}/transcript`);
    expect(r.status).toBe(404);
    expect(lab.json(r).error).toMatch(/transcript/);
  });
});

describe('DELETE /api/messages/{id}', () => {
  it('removes every copy, and only that message', async () => {
    const lab = await rich();
    const other = await lab.deliver('a@x', ['bob@example.com'], simple('stays'));
    const r = await lab.call({ method: 'DELETE', target: `/api/messages/${lab.id}`, headers: { 'X-L7lab': '1' } });
    expect(lab.json(r)).toEqual({ deleted: 1, copies: 2 });
    expect((await lab.call(`/api/messages/${lab.id}`)).status).toBe(404);
    expect((await lab.call(`/api/messages/${other}`)).status).toBe(200);
    const again = await lab.call({ method: 'DELETE', target: `/api/messages/${lab.id}`, headers: { 'X-L7lab': '1' } });
    expect(again.status).toBe(404);
  });
});
