import { ImapFlow } from 'imapflow';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer } from '../../src/protocols/imap/server.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/**
 * imapflow (the IMAP client of the nodemailer family; it uses IDLE, UIDPLUS, LITERAL+,
 * SASL-IR and ENABLE when offered) against the lab server on 127.0.0.1.
 */
const MULTIPART = [
  'From: Carol <carol@example.com>',
  'To: Bob <bob@example.com>',
  'Subject: report',
  'Date: Tue, 02 Jan 2024 11:00:00 +0000',
  'Message-ID: <report@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See attached.',
  '--b1',
  'Content-Type: application/pdf; name="r.pdf"',
  'Content-Disposition: attachment; filename="r.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0=',
  '--b1--',
  '',
].join('\r\n');

const opened = closeAfterEach(100);
let store: MemoryStore;
let port: number;

beforeEach(async () => {
  store = new MemoryStore();
  await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from('From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: hello\r\n\r\nHi.\r\n'));
  await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, Buffer.from(MULTIPART));
  port = await listenLoopback(createImapServer({ store, accounts: new Accounts(DEMO_ACCOUNTS) }), opened);
});

function client(): ImapFlow {
  const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'bob', pass: 'builder' }, logger: false, disableAutoIdle: true });
  c.on('error', () => undefined);
  opened.clients.push(c);
  return c;
}

describe('imapflow against the lab IMAP server', () => {
  it('connects, lists, opens INBOX and fetches envelope, bodyStructure, flags and source', async () => {
    const c = client();
    await c.connect();
    const list = await c.list();
    expect(list.map((m) => m.path)).toEqual(['INBOX']);
    const mailbox = await c.mailboxOpen('INBOX');
    expect(mailbox.exists).toBe(2);
    expect(mailbox.uidNext).toBe(3);
    expect(typeof mailbox.uidValidity).toBe('bigint');

    const msg = await c.fetchOne('2', { envelope: true, bodyStructure: true, flags: true, uid: true, size: true });
    expect(msg).not.toBe(false);
    if (msg === false) return;
    expect(msg.uid).toBe(2);
    expect(msg.size).toBe(Buffer.byteLength(MULTIPART));
    expect(msg.envelope?.subject).toBe('report');
    expect(msg.envelope?.from?.[0]).toMatchObject({ name: 'Carol', address: 'carol@example.com' });
    expect(msg.envelope?.messageId).toBe('<report@example.com>');
    expect(msg.bodyStructure?.type).toBe('multipart/mixed');
    expect(msg.bodyStructure?.childNodes?.map((n) => n.type)).toEqual(['text/plain', 'application/pdf']);
    expect(msg.bodyStructure?.childNodes?.[1]).toMatchObject({ part: '2', encoding: 'base64', disposition: 'attachment' });
    expect([...(msg.flags ?? [])]).toEqual(['\\Recent']);

    const part = await c.download('2', '2');
    const chunks: Buffer[] = [];
    expect(part.content).toBeDefined();
    for await (const chunk of part.content ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('%PDF-');
  });

  it('changes flags on the server, where a second client sees them', async () => {
    const a = client();
    const b = client();
    await a.connect();
    await b.connect();
    await a.mailboxOpen('INBOX');
    expect(await a.messageFlagsAdd('1', ['\\Seen', '\\Flagged'])).toBe(true);
    await b.mailboxOpen('INBOX');
    const seen = await b.fetchOne('1', { flags: true });
    expect(seen && [...(seen.flags ?? [])].sort()).toEqual(['\\Flagged', '\\Seen']);
    expect(await b.search({ seen: false })).toEqual([2]);
    expect(await a.messageFlagsRemove('1', ['\\Flagged'])).toBe(true);
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Seen']);
  });

  it('appends and copies with UIDPLUS answers', async () => {
    const c = client();
    await c.connect();
    await c.mailboxCreate('Archive');
    const appended = await c.append('Archive', 'Subject: kept\r\n\r\nbody\r\n', ['\\Seen']);
    expect(appended).toMatchObject({ destination: 'Archive', uid: 1 });
    await c.mailboxOpen('INBOX');
    const copied = await c.messageCopy('1:2', 'Archive');
    expect(copied).toMatchObject({ destination: 'Archive' });
    expect(copied && [...(copied.uidMap ?? new Map()).entries()]).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('is told of new mail during IDLE', async () => {
    const c = client();
    await c.connect();
    await c.mailboxOpen('INBOX');
    const exists = new Promise<{ count: number; prevCount: number }>((resolve) => c.on('exists', resolve));
    const idling = c.idle();
    // Deliver once the IDLE command is on the wire (imapflow resolves idle() only at DONE).
    for (let i = 0; i < 100 && !c.idling; i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.idling).toBe(true);
    await store.deliver({ from: 'dave@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: new\r\n\r\nnew\r\n'));
    expect(await exists).toMatchObject({ count: 3, prevCount: 2 });
    await c.noop();
    await idling;
  });
});
