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

async function open(): Promise<{ page: Page; base: string; smtpPort: number; requests: string[] }> {
  const store = new MemoryStore();
  lab = await startLab({ store, protocols: ['smtp', 'http'], httpApp: createWebApp({ store }), keepTranscripts: true });
  const base = `http://127.0.0.1:${lab.endpoints.http?.port}`;
  context = await browser.newContext({ acceptDownloads: true });
  const requests: string[] = [];
  // Every frame's requests, the sandboxed HTML part's included.
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/?lang=en`);
  return { page, base, smtpPort: lab.endpoints.smtp?.port as number, requests };
}

describe('the web inbox in Chromium', () => {
  it('shows mail as it arrives, renders its HTML with the remote image blocked, downloads the attachment, deletes it', async () => {
    const { page, base, smtpPort, requests } = await open();
    await expect.poll(() => page.locator('#status').textContent()).toContain('No mail yet');
    const sent = await python(SEND, [smtpPort]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);

    // Appears without a reload: the page's long poll brings it.
    const row = page.locator('tr.message');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('Your order shipped');

    await row.first().locator('a').click();
    await page.locator('#subject').waitFor();
    expect(await page.locator('#text-part').textContent()).toContain('Your order shipped (text part).');
    const html = page.frameLocator('#html-part');
    expect(await html.locator('#greeting').textContent()).toBe('Your order shipped (HTML part).');
    expect(await page.locator('#blocked').textContent()).toContain('http://example.invalid/x.png');
    expect(requests.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    expect(requests.some((u) => u.includes('example.invalid'))).toBe(false);
    expect(await page.locator('table.transcript').textContent()).toContain('MAIL FROM:<shop@example.com>');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.attachment').click()]);
    expect(download.suggestedFilename()).toBe('data.bin');
    expect(readFileSync(await download.path()).equals(ATTACHMENT)).toBe(true);

    await page.locator('#delete-one').click();
    await page.waitForURL(`${base}/?lang=en`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('No mail yet');
    expect(await page.locator('tr.message').count()).toBe(0);
    expect(requests.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
  });

  it('speaks Japanese when the browser asks for it', async () => {
    const store = new MemoryStore();
    lab = await startLab({ store, protocols: ['http'], httpApp: createWebApp({ store }) });
    context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${lab.endpoints.http?.port}/`);
    expect(await page.locator('h1').textContent()).toContain('受信箱');
    await expect.poll(() => page.locator('#status').textContent()).toContain('まだメールはありません');
  });
});
