import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { nodeIo } from '../../src/mailstore/maildir/io.js';
import { TransactionFiles, TRANSACTIONS_DIR } from '../../src/mailstore/maildir/transaction-files.js';
import { scratch } from '../support/scratch.js';

// What a Maildir store keeps of a transaction: the envelope line, then the transcript line, in
// <id>.envelope.json; and what stores written before this layout kept (a one-line envelope
// file and <id>.transcript.json beside it), which must still read.
const { tempDir } = scratch('l7lab-maildir-tx-');

const msg = (text: string) => Buffer.from(`Subject: ${text}\r\n\r\n${text}\r\n`);
const events = (text: string) => [{ event: 'line', protocol: 'smtp', session: 'smtp-1', direction: 'client', text }];

async function delivered(root: string, to = ['bob@x']) {
  const store = new MaildirStore(root);
  const [d] = await store.deliver({ from: 'a@b', to }, msg('hi'));
  return { store, id: d!.meta.id, dir: join(root, TRANSACTIONS_DIR) };
}

describe('Maildir transaction files', () => {
  it('keeps the transcript as the second line of the envelope file, with no file of its own', async () => {
    const { store, id, dir } = await delivered(tempDir());
    await store.saveTranscript(id, { lang: 'en', events: events('MAIL FROM:<a@b>') });
    expect(readdirSync(dir)).toEqual([`${id}.envelope.json`]);
    const lines = readFileSync(join(dir, `${id}.envelope.json`), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id, from: 'a@b', to: ['bob@x'] });
    expect(await store.transcript(id)).toEqual({ lang: 'en', events: events('MAIL FROM:<a@b>') });
    expect((await store.transaction(id))?.envelope).toEqual({ from: 'a@b', to: ['bob@x'] });
  });

  it('reads a store written by the old layout: a one-line envelope file and a transcript file beside it', async () => {
    const root = tempDir();
    const { store, id, dir } = await delivered(root);
    // As main's code wrote them (fixture written by hand: no transcript line in the envelope).
    writeFileSync(join(dir, `${id}.transcript.json`), `${JSON.stringify({ lang: 'ja', events: events('OLD') })}\n`);
    expect(await store.transcript(id)).toEqual({ lang: 'ja', events: events('OLD') });
    expect((await new MaildirStore(root).transaction(id))?.envelope).toEqual({ from: 'a@b', to: ['bob@x'] });
    // removeTransaction takes the old file too.
    expect(await store.removeTransaction(id)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads no transcript from a line still being appended, and no envelope from a file cut before its line end', async () => {
    const { store, id, dir } = await delivered(tempDir());
    const path = join(dir, `${id}.envelope.json`);
    const envelopeLine = readFileSync(path, 'utf8');
    writeFileSync(path, `${envelopeLine}{"lang":"en","ev`);
    expect(await store.transcript(id)).toBeNull();
    expect((await store.transaction(id))?.envelope.from).toBe('a@b');
    writeFileSync(path, envelopeLine.slice(0, -10));
    expect(await store.transaction(id)).toBeNull();
  });

  it('reads an envelope line longer than the first bounded read (many recipients)', async () => {
    const to = Array.from({ length: 300 }, (_, i) => `recipient-number-${i}@example.test`);
    const root = tempDir();
    const files = new TransactionFiles(root, nodeIo, async () => undefined);
    const id = 'abcdef123456';
    await files.writeEnvelope({ id, envelope: { from: 'a@b', to }, receivedAt: new Date(0), size: 1 });
    files.writeTranscriptSync(id, { lang: 'en', events: [] });
    expect(readFileSync(join(root, TRANSACTIONS_DIR, `${id}.envelope.json`), 'utf8').indexOf('\n')).toBeGreaterThan(4096);
    expect((await files.readEnvelope(id))?.envelope.to).toEqual(to);
    expect(files.readTranscript(id)).toEqual({ lang: 'en', events: [] });
  });

  it('keeps no transcript for a transaction whose envelope is gone (removed meanwhile)', async () => {
    const { store, id, dir } = await delivered(tempDir());
    await store.removeTransaction(id);
    await store.saveTranscript(id, { lang: 'en', events: [] });
    expect(readdirSync(dir)).toEqual([]);
  });
});
