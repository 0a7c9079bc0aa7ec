import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { scratch } from '../support/scratch.js';

/**
 * A standard Maildir reader and writer that is not ours: Python's mailbox.Maildir. It must
 * read what MaildirStore wrote (folders, flags in the :2, suffix, bytes), and what it adds
 * must show up in the store with the next UID.
 */
const READ = `
import json, mailbox, sys
md = mailbox.Maildir(sys.argv[1], factory=None, create=False)
msgs = sorted([md.get_message(k).get_subdir(), md.get_message(k).get_flags(), md.get_message(k)['Subject'], len(md.get_bytes(k))] for k in md.keys())
print(json.dumps({'folders': sorted(md.list_folders()), 'messages': msgs}))
`;
const ADD = `
import mailbox, sys
md = mailbox.Maildir(sys.argv[1], factory=None, create=False)
md.add(b'Subject: from python\\r\\n\\r\\nhello from mailbox.Maildir\\r\\n')
`;

function python(code: string, arg: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', code, arg], { timeout: 15_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

const msg = (subject: string) => Buffer.from(`From: a@example.com\r\nSubject: ${subject}\r\n\r\nbody\r\n`);

describe('MaildirStore and Python mailbox.Maildir', () => {
  const { tempDir } = scratch('l7lab-interop-');
  let root: string;
  let store: MaildirStore;
  beforeEach(() => {
    root = tempDir();
    store = new MaildirStore(root);
  });
  afterEach(async () => {
    await store.close();
  });

  it('Python reads our folders, flags and bytes', async () => {
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('new one'));
    const [seen] = await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('seen one'));
    await store.setFlags('bob', 'INBOX', seen!.meta.uid, ['\\Seen', '\\Answered']);
    await store.createMailbox('bob', 'Archive/2024');
    const out = JSON.parse(await python(READ, join(root, 'bob'))) as { folders: string[]; messages: unknown[] };
    expect(out.folders).toEqual(['Archive', 'Archive.2024']);
    expect(out.messages).toEqual([
      ['cur', 'RS', 'seen one', msg('seen one').length],
      ['new', '', 'new one', msg('new one').length],
    ]);
  });

  it('a message Python adds gets the next UID, with its bytes intact', async () => {
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('ours'));
    expect(await store.list('bob', 'INBOX')).toHaveLength(1);
    await python(ADD, join(root, 'bob'));
    // A fresh store sees it at once (no cached directory state to revalidate).
    const other = new MaildirStore(root);
    const list = await other.list('bob', 'INBOX');
    await other.close();
    expect(list.map((m) => m.uid)).toEqual([1, 2]);
    // This store saw the directory a moment ago: it notices at once, or (same kernel clock tick) within about a second.
    let again = await store.list('bob', 'INBOX');
    for (let i = 0; i < 40 && again.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await store.list('bob', 'INBOX');
    }
    expect(again.map((m) => m.uid)).toEqual([1, 2]);
    expect((await store.read('bob', 'INBOX', 2)).toString()).toBe('Subject: from python\r\n\r\nhello from mailbox.Maildir\r\n');
  });
});
