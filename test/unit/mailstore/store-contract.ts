import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MailboxExistsError,
  MailboxNameError,
  NoSuchMailboxError,
  NoSuchMessageError,
  type MailStore,
  type StoreChange,
} from '../../../src/mailstore/types.js';

/**
 * One behavioural suite for every MailStore: memory.ts runs it in test/unit, maildir/store.ts in
 * test/integration. `snapshot` (optional) lists what exists around the store on disk, so the
 * bad-name cases can prove nothing was created outside the root.
 */
export interface StoreFixture {
  store: MailStore;
  snapshot?: () => Promise<string[]>;
  cleanup: () => Promise<void>;
}

const msg = (subject: string, body = 'hello') =>
  Buffer.from(`From: a@example.com\r\nTo: bob@example.com\r\nSubject: ${subject}\r\n\r\n${body}\r\n`);

const BAD_NAMES = ['..', 'a/../b', '../x', '/x', '~x', 'a\0b', 'a\r\nb', 'a\nb', '*', 'a%', '', 'a//b', 'a/', './a'];

export function storeContract(label: string, make: () => Promise<StoreFixture>): void {
  describe(`MailStore contract: ${label}`, () => {
    let fx: StoreFixture;
    let store: MailStore;
    beforeEach(async () => {
      fx = await make();
      store = fx.store;
    });
    afterEach(async () => {
      await store.close();
      await fx.cleanup();
    });

    async function deliver(to: string[], subject = 'hi'): Promise<number> {
      const d = await store.deliver({ from: 'sender@example.com', to }, msg(subject));
      return (d[0] as { meta: { uid: number } }).meta.uid;
    }

    it('delivers to every recipient, unknown accounts included, by lowercased local part', async () => {
      const raw = msg('three');
      const ds = await store.deliver({ from: 'x@example.com', to: ['Alice@Example.COM', 'carol@else.org', 'bob@x.test'] }, raw);
      expect(ds.map((d) => [d.account, d.mailbox, d.recipient])).toEqual([
        ['alice', 'INBOX', 'Alice@Example.COM'],
        ['carol', 'INBOX', 'carol@else.org'],
        ['bob', 'INBOX', 'bob@x.test'],
      ]);
      expect(await store.accounts()).toEqual(['alice', 'bob', 'carol']);
      for (const d of ds) {
        const [meta] = await store.list(d.account, 'INBOX');
        expect(meta?.size).toBe(raw.length);
        expect(meta?.uid).toBe(d.meta.uid);
        expect((await store.read(d.account, 'INBOX', d.meta.uid)).equals(raw)).toBe(true);
      }
      // One transaction, one id: every copy shares it (`l7lab mail` shows one item).
      expect(new Set(ds.map((d) => d.meta.id)).size).toBe(1);
    });

    it('keeps the envelope with the transaction; APPEND and COPY make messages of their own, without one', async () => {
      const at = new Date('2026-01-02T03:04:05Z');
      const ds = await store.deliver({ from: 'shop@example.com', to: ['bob@a.test', 'audit@b.test'] }, msg('env'), at);
      const id = ds[0]!.meta.id;
      expect(await store.transaction(id)).toEqual({ id, envelope: { from: 'shop@example.com', to: ['bob@a.test', 'audit@b.test'] }, receivedAt: at, size: msg('env').length });
      const appended = await store.append('bob', 'INBOX', msg('own'));
      expect(appended.id).not.toBe(id);
      expect(await store.transaction(appended.id)).toBeNull();
      const [copied] = await store.copy('bob', 'INBOX', [ds[0]!.meta.uid], 'INBOX');
      const copy = (await store.list('bob', 'INBOX')).find((m) => m.uid === copied);
      expect(copy?.id).not.toBe(id);
    });

    it('keeps a transcript per transaction, and removeTransaction takes every copy and what was kept', async () => {
      const ds = await store.deliver({ from: 'a@x.test', to: ['bob@a.test', 'carol@b.test'] }, msg('t'));
      const other = await store.deliver({ from: 'a@x.test', to: ['bob@a.test'] }, msg('u'));
      const id = ds[0]!.meta.id;
      expect(await store.transcript(id)).toBeNull();
      const events = [{ event: 'connect' as const, protocol: 'smtp' as const, session: 'smtp-1', remote: '127.0.0.1:1' }];
      await store.saveTranscript(id, { lang: 'en', events });
      expect(await store.transcript(id)).toEqual({ lang: 'en', events });
      expect(await store.removeTransaction(id)).toBe(2);
      expect((await store.list('bob', 'INBOX')).map((m) => m.id)).toEqual([other[0]!.meta.id]);
      expect(await store.list('carol', 'INBOX')).toEqual([]);
      expect(await store.transaction(id)).toBeNull();
      expect(await store.transcript(id)).toBeNull();
      await store.clear();
      expect(await store.transaction(other[0]!.meta.id)).toBeNull();
    });

    it('stores a message once per account when two recipients share a local part', async () => {
      const ds = await store.deliver({ from: '', to: ['bob@a.test', 'BOB@b.test'] }, msg('dup'));
      expect(ds).toHaveLength(2);
      expect(ds[0]?.meta.uid).toBe(ds[1]?.meta.uid);
      expect(await store.list('bob', 'INBOX')).toHaveLength(1);
    });

    it('keeps the bytes exactly: bare LF, NUL-free binary and 8-bit text come back unchanged', async () => {
      const raw = Buffer.concat([Buffer.from('Subject: x\r\n\r\nline\nbare\r\n'), Buffer.from([0xe3, 0x81, 0x82, 0xff, 0x0d, 0x0a])]);
      const [d] = await store.deliver({ from: 'a@b', to: ['bob@b'] }, raw);
      expect((await store.read('bob', 'INBOX', d!.meta.uid)).equals(raw)).toBe(true);
      expect(d!.meta.size).toBe(raw.length);
    });

    it('gives strictly ascending UIDs and never reuses one after remove or clear', async () => {
      const uids = [await deliver(['bob@x']), await deliver(['bob@x']), await deliver(['bob@x'])];
      expect(uids).toEqual([1, 2, 3]);
      await store.remove('bob', 'INBOX', [3]);
      expect(await deliver(['bob@x'])).toBe(4);
      await store.clear();
      expect(await deliver(['bob@x'])).toBe(5);
      expect((await store.list('bob', 'INBOX')).map((m) => m.uid)).toEqual([5]);
      expect((await store.status('bob', 'INBOX')).uidNext).toBe(6);
    });

    it('keeps UIDVALIDITY stable, and a deleted then re-created mailbox gets a new one', async () => {
      await store.createMailbox('bob', 'Archive');
      const first = (await store.status('bob', 'Archive')).uidValidity;
      await store.append('bob', 'Archive', msg('a'));
      expect((await store.status('bob', 'Archive')).uidValidity).toBe(first);
      expect(first).toBeGreaterThan(0);
      await store.deleteMailbox('bob', 'Archive');
      await store.createMailbox('bob', 'Archive');
      const again = await store.status('bob', 'Archive');
      expect(again.uidValidity).not.toBe(first);
      expect(again.messages).toBe(0);
    });

    it('round-trips flags: canonical system flags, keywords, no \\Recent, sorted, unseen counted', async () => {
      const uid = await deliver(['bob@x']);
      await deliver(['bob@x']);
      expect((await store.status('bob', 'INBOX')).unseen).toBe(2);
      await store.setFlags('bob', 'INBOX', uid, ['\\seen', '$Label', '\\Recent', '\\FLAGGED', '$label', '\\Draft', '\\Answered', '\\Deleted']);
      const [meta] = await store.list('bob', 'INBOX');
      expect(meta?.flags).toEqual(['$Label', '\\Answered', '\\Deleted', '\\Draft', '\\Flagged', '\\Seen']);
      expect((await store.status('bob', 'INBOX')).unseen).toBe(1);
      await store.setFlags('bob', 'INBOX', uid, ['\\Flagged']);
      expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Flagged']);
      await store.setFlags('bob', 'INBOX', 999, ['\\Seen']);
      await expect(store.read('bob', 'INBOX', 999)).rejects.toBeInstanceOf(NoSuchMessageError);
    });

    it('appends with flags and internal date, and refuses a mailbox that does not exist', async () => {
      const date = new Date('2024-02-03T04:05:06.000Z');
      const meta = await store.append('bob', 'inbox', msg('app'), ['\\Seen', 'work'], date);
      expect(meta.uid).toBe(1);
      const [listed] = await store.list('bob', 'INBOX');
      expect(listed?.internalDate.toISOString()).toBe(date.toISOString());
      expect(listed?.flags).toEqual(['\\Seen', 'work']);
      await expect(store.append('bob', 'Nope', msg('x'))).rejects.toBeInstanceOf(NoSuchMailboxError);
    });

    it('copies with flags and date into new UIDs, all or nothing', async () => {
      const a = await deliver(['bob@x'], 'one');
      const b = await deliver(['bob@x'], 'two');
      await store.setFlags('bob', 'INBOX', b, ['\\Seen']);
      await store.createMailbox('bob', 'Saved');
      expect(await store.copy('bob', 'INBOX', [b, a], 'Saved')).toEqual([1, 2]);
      const saved = await store.list('bob', 'Saved');
      expect(saved.map((m) => m.flags)).toEqual([['\\Seen'], []]);
      expect((await store.read('bob', 'Saved', 1)).toString()).toContain('Subject: two');
      expect(saved[0]?.id).not.toBe((await store.list('bob', 'INBOX'))[1]?.id);
      await expect(store.copy('bob', 'INBOX', [a, 77], 'Saved')).rejects.toBeInstanceOf(NoSuchMessageError);
      expect(await store.list('bob', 'Saved')).toHaveLength(2);
      await expect(store.copy('bob', 'INBOX', [a], 'Missing')).rejects.toBeInstanceOf(NoSuchMailboxError);
      expect(await store.list('bob', 'INBOX')).toHaveLength(2);
    });

    it('creates superiors, refuses duplicates, and treats INBOX case-insensitively', async () => {
      await store.createMailbox('bob', 'Work/Projects/2024');
      expect(await store.listMailboxes('bob')).toEqual(['INBOX', 'Work', 'Work/Projects', 'Work/Projects/2024']);
      await expect(store.createMailbox('bob', 'Work')).rejects.toBeInstanceOf(MailboxExistsError);
      await expect(store.createMailbox('bob', 'inbox')).rejects.toBeInstanceOf(MailboxExistsError);
      await deliver(['bob@x']);
      expect(await store.list('bob', 'iNbOx')).toHaveLength(1);
      expect((await store.status('bob', 'Inbox')).name).toBe('INBOX');
      await store.createMailbox('bob', 'inbox/Sub');
      expect(await store.listMailboxes('bob')).toContain('INBOX/Sub');
      expect((await store.listMailboxes('bob')).filter((n) => n.toUpperCase() === 'INBOX')).toEqual(['INBOX']);
    });

    it('renames a mailbox with its inferiors and messages, keeping its UIDVALIDITY', async () => {
      await store.createMailbox('bob', 'Old/Child');
      await store.append('bob', 'Old', msg('kept'), ['\\Flagged']);
      const v = (await store.status('bob', 'Old')).uidValidity;
      await store.renameMailbox('bob', 'Old', 'New/Place');
      expect(await store.listMailboxes('bob')).toEqual(['INBOX', 'New', 'New/Place', 'New/Place/Child']);
      expect((await store.status('bob', 'New/Place')).uidValidity).toBe(v);
      const [m] = await store.list('bob', 'New/Place');
      expect(m?.flags).toEqual(['\\Flagged']);
      expect((await store.read('bob', 'New/Place', m!.uid)).toString()).toContain('Subject: kept');
      await expect(store.status('bob', 'Old')).rejects.toBeInstanceOf(NoSuchMailboxError);
      await expect(store.renameMailbox('bob', 'New', 'INBOX')).rejects.toBeInstanceOf(MailboxExistsError);
      await expect(store.renameMailbox('bob', 'Gone', 'X')).rejects.toBeInstanceOf(NoSuchMailboxError);
      await expect(store.renameMailbox('bob', 'New', 'New/Place/Deeper')).rejects.toThrow();
    });

    it('renaming INBOX moves its messages out and leaves INBOX empty but present', async () => {
      await deliver(['bob@x'], 'one');
      await deliver(['bob@x'], 'two');
      await store.renameMailbox('bob', 'INBOX', 'Old Mail');
      expect((await store.list('bob', 'Old Mail')).length).toBe(2);
      expect(await store.list('bob', 'INBOX')).toEqual([]);
      expect(await deliver(['bob@x'])).toBe(3);
    });

    it('deletes a mailbox but never INBOX', async () => {
      await store.createMailbox('bob', 'Trash');
      await store.append('bob', 'Trash', msg('bin'));
      await store.deleteMailbox('bob', 'Trash');
      expect(await store.listMailboxes('bob')).toEqual(['INBOX']);
      await expect(store.deleteMailbox('bob', 'Trash')).rejects.toBeInstanceOf(NoSuchMailboxError);
      await expect(store.deleteMailbox('bob', 'inbox')).rejects.toBeInstanceOf(MailboxNameError);
    });

    it.each(BAD_NAMES)('rejects the mailbox name %j everywhere and creates nothing', async (bad) => {
      await store.createMailbox('bob', 'Ok');
      const before = fx.snapshot ? await fx.snapshot() : [];
      await expect(store.createMailbox('bob', bad)).rejects.toBeInstanceOf(MailboxNameError);
      await expect(store.renameMailbox('bob', 'Ok', bad)).rejects.toBeInstanceOf(MailboxNameError);
      await expect(store.append('bob', bad, msg('x'))).rejects.toBeInstanceOf(MailboxNameError);
      await expect(store.setSubscribed('bob', bad, true)).rejects.toBeInstanceOf(MailboxNameError);
      expect(await store.listMailboxes('bob')).toEqual(['INBOX', 'Ok']);
      if (fx.snapshot) expect(await fx.snapshot()).toEqual(before);
    });

    it('accepts awkward but legal names (dots, spaces, percent-free UTF-8) and lists them back', async () => {
      const names = ['a.b', 'Sent Items', '日本語', '.hidden', 'x.y/z.w'];
      for (const n of names) await store.createMailbox('bob', n);
      for (const n of names) {
        await store.append('bob', n, msg(n));
        expect(await store.list('bob', n)).toHaveLength(1);
      }
      expect(await store.listMailboxes('bob')).toEqual(['.hidden', 'INBOX', 'Sent Items', 'a.b', 'x.y', 'x.y/z.w', '日本語']);
    });

    it('gives one POP3 session the maildrop lock at a time and takes it back on release', () => {
      const release = store.lockMaildrop('Bob');
      expect(release).toBeTypeOf('function');
      expect(store.lockMaildrop('bob')).toBeNull();
      const other = store.lockMaildrop('alice');
      expect(other).not.toBeNull();
      release!();
      release!();
      const again = store.lockMaildrop('bob');
      expect(again).not.toBeNull();
      expect(store.lockMaildrop('bob')).toBeNull();
      again!();
      other!();
    });

    it('tells watchers about every change, and a throwing watcher harms nobody', async () => {
      const seen: StoreChange[] = [];
      store.watch(() => {
        throw new Error('bad watcher');
      });
      const stop = store.watch((c) => seen.push(c));
      const uid = await deliver(['bob@x']);
      await store.setFlags('bob', 'INBOX', uid, ['\\Seen']);
      await store.setFlags('bob', 'INBOX', uid, ['\\Seen']);
      await store.createMailbox('bob', 'Box');
      await store.append('bob', 'Box', msg('b'));
      await store.remove('bob', 'INBOX', [uid, 42]);
      stop();
      await deliver(['bob@x']);
      expect(seen).toEqual([
        { kind: 'added', account: 'bob', mailbox: 'INBOX', uid },
        { kind: 'flags', account: 'bob', mailbox: 'INBOX', uid, flags: ['\\Seen'] },
        { kind: 'mailboxes', account: 'bob' },
        { kind: 'added', account: 'bob', mailbox: 'Box', uid: 1 },
        { kind: 'expunged', account: 'bob', mailbox: 'INBOX', uids: [uid] },
      ]);
    });

    it('clears every message of every account, telling watchers, keeping mailboxes', async () => {
      await deliver(['bob@x', 'alice@y']);
      await deliver(['carol@z']);
      await store.createMailbox('bob', 'Keep');
      await store.append('bob', 'Keep', msg('k'));
      const seen: StoreChange[] = [];
      store.watch((c) => seen.push(c));
      await store.clear();
      for (const acc of ['alice', 'bob', 'carol']) expect(await store.list(acc, 'INBOX')).toEqual([]);
      expect(await store.list('bob', 'Keep')).toEqual([]);
      expect(await store.listMailboxes('bob')).toEqual(['INBOX', 'Keep']);
      expect(seen.filter((c) => c.kind === 'expunged')).toHaveLength(4);
    });

    it('finds a message by its id or a unique prefix of it', async () => {
      const [d] = await store.deliver({ from: 'a@b', to: ['dave@x'] }, msg('find me'));
      const id = d!.meta.id;
      expect(id.length).toBeGreaterThanOrEqual(8);
      expect((await store.findById(id))?.meta.uid).toBe(d!.meta.uid);
      const byPrefix = await store.findById(id.slice(0, 8));
      expect([byPrefix?.account, byPrefix?.mailbox]).toEqual(['dave', 'INBOX']);
      expect(await store.findById('zz-not-an-id')).toBeNull();
      expect(await store.findById('')).toBeNull();
    });

    it('keeps subscriptions per account', async () => {
      await store.createMailbox('bob', 'News');
      await store.setSubscribed('bob', 'News', true);
      await store.setSubscribed('bob', 'inbox', true);
      expect(await store.subscriptions('bob')).toEqual(['INBOX', 'News']);
      expect(await store.subscriptions('alice')).toEqual([]);
      await store.setSubscribed('bob', 'News', false);
      expect(await store.subscriptions('bob')).toEqual(['INBOX']);
    });
  });
}
