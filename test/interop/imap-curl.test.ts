import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer } from '../../src/protocols/imap/server.js';
import { closeAfterAll, listenLoopback } from '../support/opened.js';
import { scratch } from '../support/scratch.js';

/** curl's imap:// support (libcurl, an independent client) against the lab server on 127.0.0.1. */
const opened = closeAfterAll(100);
const dir = scratch('l7lab-imap-curl-').suiteDir();
let store: MemoryStore;
let base: string;

const FIRST = 'From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: first\r\n\r\nFirst body.\r\n';

beforeAll(async () => {
  store = new MemoryStore();
  await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from(FIRST));
  await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: second\r\n\r\nSecond.\r\n'));
  await store.createMailbox('bob', 'Archive');
  base = `imap://127.0.0.1:${await listenLoopback(createImapServer({ store, accounts: new Accounts(DEMO_ACCOUNTS) }), opened)}`;
});

function curl(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['--silent', '--show-error', '--max-time', '10', '--user', 'bob:builder', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('curl imap:// against the lab IMAP server', () => {
  it('lists the mailboxes', async () => {
    const r = await curl(`${base}/`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('* LIST (\\HasNoChildren) "/" Archive\r\n* LIST (\\HasNoChildren) "/" INBOX\r\n');
  });

  it('fetches one message by UID, byte for byte, and marks it \\Seen', async () => {
    const r = await curl(`${base}/INBOX;UID=1`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(FIRST);
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Seen']);
  });

  it('searches', async () => {
    const r = await curl(`${base}/INBOX?UNSEEN`);
    expect(r.stdout).toBe('* SEARCH 2\r\n');
  });

  it('uploads a message with APPEND', async () => {
    const file = join(dir, 'upload.eml');
    await writeFile(file, 'Subject: uploaded\r\n\r\nfrom curl\r\n');
    const r = await curl(`${base}/Archive`, '-T', file);
    expect(r.code).toBe(0);
    expect((await store.read('bob', 'Archive', 1)).toString()).toBe('Subject: uploaded\r\n\r\nfrom curl\r\n');
  });

  it('sends a custom command and fails cleanly on a wrong password', async () => {
    const r = await curl(`${base}/`, '-X', 'EXAMINE INBOX');
    expect(r.stdout).toMatch(/\* 2 EXISTS\r\n/);
    const bad = await curl(`${base}/`, '--user', 'bob:wrong');
    expect(bad.code).toBe(67); // CURLE_LOGIN_DENIED
  });
});
