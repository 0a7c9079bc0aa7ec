import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { createWebApp } from '../../src/web/app.js';
import { python } from '../support/programs.js';

/**
 * The web inbox in a real Chromium (Debian's, driven by playwright-core, headless): mail sent
 * by Python's smtplib to the lab's SMTP port appears without a reload, its HTML part renders
 * in the sandboxed frame while its remote image is blocked (no request leaves 127.0.0.1), its
 * attachment downloads byte for byte, and deleting it empties the list.
 */
const ATTACHMENT = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const SEND = `
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m['From'] = 'Shop <shop@example.com>'
m['To'] = 'bob@example.com'
m['Subject'] = 'Your order shipped'
m.set_content('Your order shipped (text part).')
m.add_alternative('<p id="greeting">Your order shipped (HTML part).</p><img src="http://example.invalid/x.png">', subtype='html')
m.add_attachment(bytes(range(256)), maintype='application', subtype='octet-stream', filename='data.bin')
with smtplib.SMTP('127.0.0.1', int(sys.argv[1])) as s:
    s.send_message(m)
`;

let browser: Browser;
let lab: Lab | null = null;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await context?.close();
  await lab?.close();
  context = null;
  lab = null;
});

async function open(): Promise<{ page: Page; base: string; smtpPort: number; sent: string[]; blocked: string[] }> {
  const store = new MemoryStore();
  lab = await startLab({ store, protocols: ['smtp', 'http'], httpApp: createWebApp({ store }), keepTranscripts: true });
  const base = `http://127.0.0.1:${lab.endpoints.http?.port}`;
  context = await browser.newContext({ acceptDownloads: true });
  const sent: string[] = [];
  const blocked: string[] = [];
  // What reached the network stack, from every frame (the sandboxed HTML part's included).
  await context.route('**/*', (route) => {
    sent.push(route.request().url());
    return route.continue();
  });
  // What a frame asked for and Chromium refused before it reached the network.
  context.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'csp') blocked.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(`${base}/?lang=en`);
  return { page, base, smtpPort: lab.endpoints.smtp?.port as number, sent, blocked };
}

describe('the web inbox in Chromium', () => {
  it('shows mail as it arrives, renders its HTML with the remote image blocked, downloads the attachment, deletes it', async () => {
    const { page, base, smtpPort, sent: reached, blocked } = await open();
    await expect.poll(() => page.locator('#status').textContent()).toContain('No mail yet');
    const sent = await python(SEND, [smtpPort]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);

    // Appears without a reload: the page's long poll brings it.
    const row = page.locator('tr.message');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('Your order shipped');

    // Waits for the message page's load event: its deferred script has wired the delete button.
    await Promise.all([page.waitForURL(/\/messages\//), row.first().locator('a').click()]);
    expect(await page.locator('#text-part').textContent()).toContain('Your order shipped (text part).');
    const html = page.frameLocator('#html-part');
    expect(await html.locator('#greeting').textContent()).toBe('Your order shipped (HTML part).');
    expect(await page.locator('#blocked').textContent()).toContain('http://example.invalid/x.png');
    // The HTML asked for its remote image; the CSP refused it, so it never reached the network.
    await expect.poll(() => blocked).toEqual(['http://example.invalid/x.png']);
    expect(reached.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    // Python's smtplib writes its commands in lower case.
    expect(await page.locator('table.transcript').textContent()).toMatch(/mail FROM:<shop@example.com>.*MAIL: /i);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.attachment').click()]);
    expect(download.suggestedFilename()).toBe('data.bin');
    expect(readFileSync(await download.path()).equals(ATTACHMENT)).toBe(true);

    // The first click asks (in the page), the second deletes.
    const del = page.locator('#delete-one');
    // Back to the top first: scrolled down to the attachment, Playwright's clicks on the button
    // (scrolled into view again) sometimes reach nothing in headless Chromium.
    await page.evaluate('window.scrollTo(0, 0)');
    await del.click();
    expect(await del.textContent()).toBe('Click again to delete it');
    await del.click();
    await page.waitForURL(`${base}/?lang=en`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('No mail yet');
    expect(await page.locator('tr.message').count()).toBe(0);
    expect(reached.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
  });

  it('speaks Japanese when the browser asks for it, and deletes all with a second click', async () => {
    const store = new MemoryStore();
    lab = await startLab({ store, protocols: ['http'], httpApp: createWebApp({ store }) });
    const words = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
    // A minute apart, so newest-first is one order.
    for (const [i, subject] of ['一通目', '二通目'].entries()) {
      await store.deliver({ from: 'a@x', to: ['bob@example.com'] }, Buffer.from(`Subject: ${words(subject)}\r\n\r\nx\r\n`), new Date(Date.UTC(2026, 0, 1, 0, i)));
    }
    context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${lab.endpoints.http?.port}/`);
    expect(await page.locator('h1').textContent()).toContain('受信箱');
    await expect.poll(() => page.locator('tr.message').allTextContents()).toEqual([expect.stringContaining('二通目'), expect.stringContaining('一通目')]);
    // Mail removed elsewhere (POP3, IMAP, `mail clear`) leaves the list without a reload too.
    const [oldest] = await store.list('bob', 'INBOX');
    await store.removeTransaction(oldest?.id as string);
    await expect.poll(() => page.locator('tr.message').allTextContents()).toEqual([expect.stringContaining('二通目')]);
    await store.deliver({ from: 'a@x', to: ['bob@example.com'] }, Buffer.from('Subject: three\r\n\r\nx\r\n'));
    await expect.poll(() => page.locator('tr.message').count()).toBe(2);
    const all = page.locator('#delete-all');
    await all.click();
    expect(await all.textContent()).toBe('もう一度クリックするとすべて削除します');
    expect(await page.locator('tr.message').count()).toBe(2);
    await all.click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('まだメールはありません');
    expect(await page.locator('tr.message').count()).toBe(0);
    expect(await store.list('bob', 'INBOX')).toEqual([]);
  });
});
