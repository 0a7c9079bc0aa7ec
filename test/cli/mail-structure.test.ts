import { join } from 'node:path';
import { ImapFlow, type MessageStructureObject } from 'imapflow';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { runBinIn } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { serveBin } from '../support/served.js';
import { displayWidth } from '../../src/ui/width.js';

/**
 * `mail show --structure` on what a real client sent: nodemailer (text, HTML and an attachment
 * with a Japanese file name) into `serve --store`, read back by the built CLI, and the same
 * message's BODYSTRUCTURE from serve's own IMAP server, fetched by imapflow.
 */
const { children, tempDir } = scratch('l7lab-mail-structure-');

interface Part {
  part: string | null;
  type: string;
  encoding: string | null;
  disposition: string | null;
  filename: string | null;
  decodedSize: number | null;
  parts: Part[];
}

const flat = (p: Part): Part[] => [p, ...p.parts.flatMap(flat)];
const imapFlat = (n: MessageStructureObject): MessageStructureObject[] => [n, ...(n.childNodes ?? []).flatMap(imapFlat)];
const ATTACHMENT = Buffer.from('a,b\n1,2\n');

async function deliver(home: string, store: string): Promise<{ smtp: number; imap: number }> {
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), NO_COLOR: '1' };
  const served = serveBin(['--json-log', '--no-tls', '--store', store], env, children);
  const events = () => served.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  await served.until((l) => l.includes('"protocol":"imap"'));
  const portOf = (protocol: string) => Number(events().find((e) => e.event === 'listening' && e.protocol === protocol && e.tls !== true)?.port);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: portOf('smtp'), secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: 'app@example.com',
    to: 'bob@example.com',
    subject: '請求書のお知らせ',
    text: 'Grüße, see the attachment.',
    html: '<p>Grüße, see the <b>attachment</b>.</p>',
    attachments: [{ filename: '請求書.csv', content: ATTACHMENT, contentType: 'text/csv' }],
  });
  await served.until((l) => l.includes('"event":"message"'));
  return { smtp: portOf('smtp'), imap: portOf('imap') };
}

async function imapStructure(port: number): Promise<MessageStructureObject> {
  const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'bob', pass: 'builder' }, logger: false, disableAutoIdle: true });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.mailboxOpen('INBOX');
    const msg = await c.fetchOne('*', { bodyStructure: true });
    if (msg === false || !msg.bodyStructure) throw new Error('no BODYSTRUCTURE');
    return msg.bodyStructure;
  } finally {
    await c.logout();
  }
}

describe('mail show --structure on mail nodemailer sent to serve --store', () => {
  it('text and --json show the tree; its numbers and types are what IMAP BODYSTRUCTURE says', async () => {
    const home = tempDir();
    const store = join(home, 'mail');
    const { imap } = await deliver(home, store);
    const listed = await runBinIn(home, ['mail', 'list', '--json', '--store', store], {}, 20_000);
    const id = (JSON.parse(listed.stdout) as Array<{ id: string }>)[0]?.id ?? '';

    const text = await runBinIn(home, ['mail', 'show', id, '--structure', '--store', store], {}, 20_000);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('multipart/mixed  boundary=');
    expect(text.stdout).toMatch(/├─ 1 {2}multipart\/alternative/);
    expect(text.stdout).toMatch(/│ {2}├─ 1\.1 {2}text\/plain {2}charset=utf-8/);
    expect(text.stdout).toMatch(/│ {2}└─ 1\.2 {2}text\/html {2}charset=utf-8/);
    expect(text.stdout).toMatch(/└─ 2 {2}text\/csv/);
    expect(text.stdout).toContain('attachment  filename="請求書.csv"');
    // nodemailer wrote the name encoded (RFC 2231 / RFC 2047): what is shown was decoded.
    const raw = await runBinIn(home, ['mail', 'show', id, '--raw', '--store', store], {}, 20_000);
    expect(raw.stdout).toMatch(/filename\*|=\?UTF-8\?/i);
    expect(raw.stdout).not.toContain('請求書.csv');
    expect(text.stdout).toContain('Subject: 請求書のお知らせ');
    for (const line of text.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);

    const json = await runBinIn(home, ['mail', 'show', id, '--structure', '--json', '--store', store], {}, 20_000);
    expect(json.code, json.stderr).toBe(0);
    const { structure } = JSON.parse(json.stdout) as { id: string; structure: Part };
    const parts = flat(structure);
    expect(parts.map((p) => [p.part, p.type])).toEqual([
      [null, 'multipart/mixed'],
      ['1', 'multipart/alternative'],
      ['1.1', 'text/plain'],
      ['1.2', 'text/html'],
      ['2', 'text/csv'],
    ]);
    expect(parts[4]).toMatchObject({ disposition: 'attachment', filename: '請求書.csv', decodedSize: ATTACHMENT.length });
    expect(parts[2]?.decodedSize).toBe(Buffer.byteLength('Grüße, see the attachment.'));

    // The top multipart has no part number (RFC 3501 6.4.5); every part below it must agree.
    const fromImap = imapFlat(await imapStructure(imap)).slice(1).map((n) => [n.part, n.type]);
    expect(fromImap).toEqual(parts.slice(1).map((p) => [p.part, p.type]));
  });

  it('an unknown id fails with one line, no stack trace; --structure with --raw is a usage error', async () => {
    const home = tempDir();
    const store = join(home, 'mail');
    const missing = await runBinIn(home, ['mail', 'show', 'nope', '--structure', '--store', store], {}, 20_000);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const both = await runBinIn(home, ['mail', 'show', 'x', '--structure', '--raw', '--store', store], {}, 20_000);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('--structure');
  });
});
