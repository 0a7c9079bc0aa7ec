import { promises as fsp, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { nodeIo, type MaildirIo } from '../../src/mailstore/maildir/io.js';
import { NoSuchMailboxError, NoSuchMessageError, StoreWriteError, type MailStore, type StoreChange } from '../../src/mailstore/types.js';
import { TransactionFiles } from '../../src/mailstore/maildir/transaction-files.js';
import { keepNewest } from '../../src/mailstore/transactions.js';
import { storeContract } from '../unit/mailstore/store-contract.js';
import { scratch } from '../support/scratch.js';

function tree(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    out.push(relative(base, p));
    if (ent.isDirectory()) out.push(...tree(p, base));
  }
  return out.sort();
}

// The contract closes each store in its own afterEach; scratch() removes the dir after that.
const { tempDir } = scratch('l7lab-maildir-');

storeContract('MaildirStore', async () => {
  const parent = tempDir();
  const root = join(parent, 'store');
  return {
    store: new MaildirStore(root),
    snapshot: async () => tree(parent),
    cleanup: async () => undefined,
  };
});

/**
 * Another process's change shows at the next call, or (when it fell in the same kernel clock
 * tick as our own last change, so the directory mtime did not move) within about a second.
 * Bounded: at most 60 tries, 50 ms apart.
 */
async function eventually<T>(get: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await get();
  for (let i = 0; i < 60 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await get();
  }
  return value;
}

const msg = (subject: string) => Buffer.from(`From: a@example.com\r\nSubject: ${subject}\r\n\r\nbody of ${subject}\r\n`);

describe('MaildirStore on disk', () => {
  const stores: MailStore[] = [];
  function fresh(io?: MaildirIo): { root: string; store: MaildirStore } {
    const root = tempDir();
    const store = new MaildirStore(root, io ? { io } : {});
    stores.push(store);
    return { root, store };
  }
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('delivers into new/ as a standard Maildir file, and setFlags moves it to cur/ with :2, letters', async () => {
    const { root, store } = fresh();
    const raw = msg('on disk');
    const [d] = await store.deliver({ from: 'a@b', to: ['bob@example.com'] }, raw);
    const inNew = readdirSync(join(root, 'bob', 'new'));
    expect(inNew).toHaveLength(1);
    expect(inNew[0]).toMatch(/^\d+\.M\d+P\d+Q\d+\..+,S=\d+$/);
    expect(readdirSync(join(root, 'bob', 'tmp'))).toEqual([]);
    expect((await fsp.readFile(join(root, 'bob', 'new', inNew[0] as string))).equals(raw)).toBe(true);
    await store.setFlags('bob', 'INBOX', d!.meta.uid, ['\\Seen', '\\Answered', '\\Flagged', '\\Draft', '\\Deleted', '$Work']);
    expect(readdirSync(join(root, 'bob', 'new'))).toEqual([]);
    expect(readdirSync(join(root, 'bob', 'cur'))).toEqual([`${inNew[0]}:2,DFRST`]);
    await store.setFlags('bob', 'INBOX', d!.meta.uid, ['\\Seen']);
    expect(readdirSync(join(root, 'bob', 'cur'))).toEqual([`${inNew[0]}:2,S`]);
  });

  it('lays sub-mailboxes out as Maildir++ folders, dots escaped', async () => {
    const { root, store } = fresh();
    await store.createMailbox('bob', 'Work/v1.2');
    const entries = readdirSync(join(root, 'bob')).filter((n) => n.startsWith('.')).sort();
    expect(entries).toEqual(['.Work', '.Work.v1%2E2']);
    expect(readdirSync(join(root, 'bob', '.Work.v1%2E2')).sort()).toEqual(['cur', 'l7lab-uidlist', 'maildirfolder', 'new', 'tmp']);
  });

  it('a new store on the same directory sees the same UIDs, flags, keywords, dates and UIDVALIDITY', async () => {
    const { root, store } = fresh();
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('one'));
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('two'));
    await store.remove('bob', 'INBOX', [1]);
    await store.setFlags('bob', 'INBOX', 2, ['\\Seen', '$Label']);
    await store.createMailbox('bob', 'Kept');
    const date = new Date('2023-05-06T07:08:09.000Z');
    await store.append('bob', 'Kept', msg('three'), ['\\Flagged'], date);
    const before = { inbox: await store.status('bob', 'INBOX'), kept: await store.status('bob', 'Kept'), list: await store.list('bob', 'INBOX') };
    await store.close();

    const again = new MaildirStore(root);
    stores.push(again);
    expect(await again.status('bob', 'INBOX')).toEqual(before.inbox);
    expect(await again.status('bob', 'Kept')).toEqual(before.kept);
    expect(await again.list('bob', 'INBOX')).toEqual(before.list);
    expect(before.list[0]?.flags).toEqual(['$Label', '\\Seen']);
    expect((await again.list('bob', 'Kept'))[0]?.internalDate.toISOString()).toBe(date.toISOString());
    expect((await again.deliver({ from: 'a@b', to: ['bob@x'] }, msg('four')))[0]?.meta.uid).toBe(3);
  });

  it('picks up a file another writer dropped into new/, with the next UID and an event', async () => {
    const { root, store } = fresh();
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('ours'));
    const seen: StoreChange[] = [];
    store.watch((c) => seen.push(c));
    const raw = msg('theirs');
    writeFileSync(join(root, 'bob', 'new', '1700000000.M1P99.otherhost'), raw);
    const list = await eventually(() => store.list('bob', 'INBOX'), (l) => l.length === 2);
    expect(list.map((m) => [m.uid, m.size])).toEqual([
      [1, msg('ours').length],
      [2, raw.length],
    ]);
    expect((await store.read('bob', 'INBOX', 2)).equals(raw)).toBe(true);
    expect(seen).toEqual([{ kind: 'added', account: 'bob', mailbox: 'INBOX', uid: 2 }]);
  });

  it('sees what another process did (a second store on the same root): removals, flags, deliveries', async () => {
    const { root, store } = fresh();
    for (const s of ['a', 'b', 'c']) await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg(s));
    expect(await store.list('bob', 'INBOX')).toHaveLength(3);
    const seen: StoreChange[] = [];
    store.watch((c) => seen.push(c));
    const other = new MaildirStore(root);
    stores.push(other);
    await other.remove('bob', 'INBOX', [1]);
    await other.setFlags('bob', 'INBOX', 2, ['\\Seen']);
    await other.deliver({ from: 'a@b', to: ['bob@x'] }, msg('d'));
    expect((await store.list('bob', 'INBOX')).map((m) => [m.uid, m.flags])).toEqual([
      [2, ['\\Seen']],
      [3, []],
      [4, []],
    ]);
    expect(seen).toEqual([
      { kind: 'expunged', account: 'bob', mailbox: 'INBOX', uids: [1] },
      { kind: 'flags', account: 'bob', mailbox: 'INBOX', uid: 2, flags: ['\\Seen'] },
      { kind: 'added', account: 'bob', mailbox: 'INBOX', uid: 4 },
    ]);
    await other.clear();
    expect(await eventually(() => store.list('bob', 'INBOX'), (l) => l.length === 0)).toEqual([]);
    expect((await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('e')))[0]?.meta.uid).toBe(5);
  });

  it('reads by the name it knows, yet sees a rename, a removal or a delivery by another process at once', async () => {
    const { root, store } = fresh();
    for (const s of ['a', 'b', 'c']) await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg(s));
    for (const uid of [1, 2, 3]) await store.read('bob', 'INBOX', uid);
    const other = new MaildirStore(root);
    stores.push(other);
    // Flags live in the file name: the name this store knew for message 1 is gone now.
    await other.setFlags('bob', 'INBOX', 1, ['\\Seen', '\\Flagged']);
    expect((await store.read('bob', 'INBOX', 1)).equals(msg('a'))).toBe(true);
    await other.remove('bob', 'INBOX', [2]);
    await expect(store.read('bob', 'INBOX', 2)).rejects.toBeInstanceOf(NoSuchMessageError);
    const [d] = await other.deliver({ from: 'a@b', to: ['bob@x'] }, msg('d'));
    expect((await store.read('bob', 'INBOX', d!.meta.uid)).equals(msg('d'))).toBe(true);
    expect((await store.list('bob', 'INBOX')).map((m) => [m.uid, m.flags])).toEqual([
      [1, ['\\Flagged', '\\Seen']],
      [3, []],
      [4, []],
    ]);
  });

  it('reads nothing under a name that was renamed or deleted after a read through it', async () => {
    const { store } = fresh();
    await store.createMailbox('bob', 'Old');
    const m = await store.append('bob', 'Old', msg('kept'));
    expect((await store.read('bob', 'Old', m.uid)).equals(msg('kept'))).toBe(true);
    await store.renameMailbox('bob', 'Old', 'New');
    await expect(store.read('bob', 'Old', m.uid)).rejects.toBeInstanceOf(NoSuchMailboxError);
    expect((await store.read('bob', 'New', m.uid)).equals(msg('kept'))).toBe(true);
    await store.deleteMailbox('bob', 'New');
    await expect(store.read('bob', 'New', m.uid)).rejects.toBeInstanceOf(NoSuchMailboxError);
  });

  it('tells a watcher of another process\'s changes without being asked (IMAP IDLE needs this)', async () => {
    const { root, store } = fresh();
    for (const s of ['a', 'b']) await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg(s));
    expect(await store.list('bob', 'INBOX')).toHaveLength(2);
    const seen: StoreChange[] = [];
    const stop = store.watch((c) => seen.push(c));
    const other = new MaildirStore(root);
    stores.push(other);
    await other.clear();
    await eventually(async () => seen.length, (n) => n > 0);
    stop();
    expect(seen).toEqual([{ kind: 'expunged', account: 'bob', mailbox: 'INBOX', uids: [1, 2] }]);
  });

  it.each([
    ['ENOSPC at fsync of the file', 'writeDurable', 'ENOSPC', true],
    ['EDQUOT at fsync of the file', 'writeDurable', 'EDQUOT', true],
    ['EROFS when moving into new/', 'moveIn', 'EROFS', false],
    ['EIO at fsync of new/', 'syncDir', 'EIO', false],
    ['ENOSPC writing the envelope beside the message', 'envelope', 'ENOSPC', true],
  ] as const)('%s: StoreWriteError, and nothing is left in tmp/ or new/', async (_label, op, code, noSpace) => {
    let failing = false;
    const io: MaildirIo = {
      ...nodeIo,
      async writeDurable(path, data, mtime) {
        if (failing && (op === 'writeDurable' || (op === 'envelope' && path.includes('l7lab@transactions')))) {
          // Half the message reached tmp/ before the disk filled up.
          await fsp.writeFile(path, data.subarray(0, 5));
          throw Object.assign(new Error(`${code}: injected`), { code });
        }
        await nodeIo.writeDurable(path, data, mtime);
      },
      async moveIn(from, to) {
        if (failing && op === 'moveIn') throw Object.assign(new Error(`${code}: injected`), { code });
        await nodeIo.moveIn(from, to);
      },
      async syncDir(path) {
        if (failing && op === 'syncDir') throw Object.assign(new Error(`${code}: injected`), { code });
        await nodeIo.syncDir(path);
      },
    };
    const { root, store } = fresh(io);
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('fine'));
    failing = true;
    const err = await store.deliver({ from: 'a@b', to: ['alice@x', 'bob@x'] }, msg('lost')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as StoreWriteError).noSpace).toBe(noSpace);
    for (const acc of ['alice', 'bob']) {
      expect(readdirSync(join(root, acc, 'tmp'))).toEqual([]);
      expect(readdirSync(join(root, acc, 'new')).length).toBe(acc === 'bob' ? 1 : 0);
    }
    expect((await store.list('bob', 'INBOX')).map((m) => m.uid)).toEqual([1]);
    // Only the envelope of the message that was stored stays beside it.
    expect(readdirSync(join(root, 'l7lab@transactions'))).toEqual([`${(await store.list('bob', 'INBOX'))[0]!.id}.envelope.json`]);
    failing = false;
    const [d] = await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('again'));
    expect(d?.meta.uid).toBeGreaterThan(1);
    expect((await store.read('bob', 'INBOX', d!.meta.uid)).equals(msg('again'))).toBe(true);
  });

  it('forgets the envelope of a message POP3 or IMAP deleted everywhere, once it is no longer fresh', async () => {
    const { root, store } = fresh();
    const [gone] = await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('gone'));
    const [kept] = await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('kept'));
    await store.saveTranscript(gone!.meta.id, { lang: 'en', events: [] });
    await store.remove('bob', 'INBOX', [gone!.meta.uid]);
    const dir = join(root, 'l7lab@transactions');
    // Just written: it could be a delivery whose copies are not linked yet, so it stays.
    expect(await keepNewest(store, 10)).toEqual([]);
    // The transcript is a line of the envelope's file: one file per transaction.
    expect(readdirSync(dir)).toHaveLength(2);
    const files = new TransactionFiles(root, nodeIo, async () => undefined);
    expect(await files.removeOrphans(new Set([kept!.meta.id]), 60_000, Date.now() + 120_000)).toBe(1);
    expect(readdirSync(dir)).toEqual([`${kept!.meta.id}.envelope.json`]);
  });

  it('makes the envelope directory again when it is gone (a hand-cleaned Maildir), and keeps the envelope', async () => {
    const { root, store } = fresh();
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('first'));
    await fsp.rm(join(root, 'l7lab@transactions'), { recursive: true });
    const [d] = await store.deliver({ from: 'c@d', to: ['bob@x'] }, msg('second'));
    expect((await store.transaction(d!.meta.id))?.envelope).toEqual({ from: 'c@d', to: ['bob@x'] });
    expect(readdirSync(join(root, 'l7lab@transactions'))).toEqual([`${d!.meta.id}.envelope.json`]);
  });

  it('keeps account directories inside the root whatever the local part', async () => {
    const { root, store } = fresh();
    const ds = await store.deliver({ from: 'a@b', to: ['"../../evil"@x', '.hidden@x', 'a/b@x', 'ok.name@x'] }, msg('odd'));
    expect(ds.map((d) => d.account)).toEqual(['"../../evil"', '.hidden', 'a/b', 'ok.name']);
    for (const name of readdirSync(root)) expect(name.includes('/') || name === '..').toBe(false);
    expect(readdirSync(root).filter((n) => !n.startsWith('.l7lab')).sort()).toEqual(['%22..%2F..%2Fevil%22', '%2Ehidden', 'a%2Fb', 'l7lab@transactions', 'ok.name']);
    expect(await store.accounts()).toEqual(['"../../evil"', '.hidden', 'a/b', 'ok.name']);
  });
});
