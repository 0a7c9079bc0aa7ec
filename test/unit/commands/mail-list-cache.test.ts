import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMailList } from '../../../src/commands/mail-list.js';
import { MaildirStore } from '../../../src/mailstore/maildir/store.js';
import { SUMMARY_CACHE_FILE } from '../../../src/mailstore/maildir/summary-cache.js';
import { TRANSACTIONS_DIR } from '../../../src/mailstore/maildir/transaction-files.js';
import { scratch } from '../../support/scratch.js';

const { tempDir } = scratch('l7lab-list-cache-');

/** A Maildir with three transactions; the second has a Bcc recipient (carol: in the envelope only). */
async function filled(): Promise<string> {
  const dir = tempDir();
  const store = new MaildirStore(dir);
  for (let i = 0; i < 3; i++) {
    const to = i === 1 ? ['alice@lab.example', 'carol@lab.example'] : ['alice@lab.example'];
    const text = `From: bob@lab.example\r\nTo: alice@lab.example\r\nSubject: message ${i}\r\n\r\nHello ${i}.\r\n`;
    await store.deliver({ from: 'bob@lab.example', to }, Buffer.from(text), new Date(Date.UTC(2026, 0, 1, 0, i)));
  }
  await store.close();
  return dir;
}

async function list(dir: string, json = false): Promise<string> {
  let out = '';
  await runMailList({ store: dir, json }, { write: (t) => void (out += String(t)), columns: 100 });
  return out;
}

/** The list as it is without any cache (the cache file removed first). */
async function uncached(dir: string, json = false): Promise<string> {
  rmSync(join(dir, SUMMARY_CACHE_FILE), { force: true });
  return list(dir, json);
}

const messageFiles = (dir: string) => ['new', 'cur'].flatMap((sub) => readdirSync(join(dir, 'alice', sub)).map((n) => join(dir, 'alice', sub, n)));

describe('mail list: the summary cache', () => {
  it('is written by a list and read by the next one, which prints the same', async () => {
    const dir = await filled();
    const cache = join(dir, SUMMARY_CACHE_FILE);
    expect(existsSync(cache)).toBe(false);
    const first = await list(dir);
    expect(existsSync(cache)).toBe(true);
    expect(await list(dir)).toBe(first);
    expect(await list(dir, true)).toBe(await uncached(dir, true));
    // What the cache holds is what the next list shows: the message files were not read again.
    writeFileSync(cache, readFileSync(cache, 'utf8').replace('message 2', 'message X'));
    expect(await list(dir)).toContain('message X');
  });

  it('shows messages another tool added, and drops those it removed', async () => {
    const dir = await filled();
    await list(dir);
    const [gone] = messageFiles(dir);
    unlinkSync(gone as string);
    writeFileSync(join(dir, 'alice', 'new', '1767225600.M1P1Q1.other-tool'), 'From: dave@lab.example\r\nSubject: by hand\r\n\r\nHi.\r\n');
    const after = await list(dir, true);
    expect(after).toContain('by hand');
    expect(JSON.parse(after)).toHaveLength(3);
    expect(after).toBe(await uncached(dir, true));
  });

  it('no longer shows an envelope that was removed', async () => {
    const dir = await filled();
    expect(await list(dir, true)).toContain('carol@lab.example');
    for (const name of readdirSync(join(dir, TRANSACTIONS_DIR))) unlinkSync(join(dir, TRANSACTIONS_DIR, name));
    const after = await list(dir, true);
    expect(after).not.toContain('carol@lab.example');
    expect(after).toBe(await uncached(dir, true));
  });

  it('is ignored when damaged, and written again whole', async () => {
    const dir = await filled();
    const expected = await list(dir);
    const cache = join(dir, SUMMARY_CACHE_FILE);
    writeFileSync(cache, '{"version":2,"folders":{"x":');
    expect(await list(dir)).toBe(expected);
    const kept = JSON.parse(readFileSync(cache, 'utf8')) as { version: number; folders: { alice: { INBOX: Record<string, unknown[]> } } };
    const rows = kept.folders.alice.INBOX;
    expect(Object.keys(rows)).toHaveLength(3);
    // Rows of the wrong shape are read again from the messages.
    for (const key of Object.keys(rows)) rows[key] = [1, ...(rows[key] as unknown[]).slice(1)];
    writeFileSync(cache, JSON.stringify(kept));
    expect(await list(dir)).toBe(expected);
    writeFileSync(cache, JSON.stringify({ version: kept.version, folders: { alice: null } }));
    expect(await list(dir)).toBe(expected);
  });
});
