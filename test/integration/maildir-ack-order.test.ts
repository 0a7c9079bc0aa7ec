import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { nodeIo, type MaildirIo } from '../../src/mailstore/maildir/io.js';
import { StoreWriteError } from '../../src/mailstore/types.js';
import { scratch } from '../support/scratch.js';

/**
 * When a delivery resolves (and so SMTP says 250), the directory fsyncs that make its names
 * durable have finished: new/ of every recipient and the envelope's directory. They run side
 * by side and are shared by deliveries of the same moment (write.ts, io.ts coalesceSyncDir),
 * so an fsync held open here must hold every delivery that waits for it.
 */
const { tempDir } = scratch('l7lab-ack-order-');

const msg = (s: string) => Buffer.from(`Subject: ${s}\r\n\r\nbody ${s}\r\n`);

/** nodeIo whose directory fsyncs wait until released, recording each directory asked for. */
function heldIo() {
  const asked: string[] = [];
  const waiting: Array<() => void> = [];
  let holding = true;
  const io: MaildirIo = {
    ...nodeIo,
    async syncDir(path) {
      asked.push(path);
      if (holding) await new Promise<void>((release) => waiting.push(release));
      await nodeIo.syncDir(path);
    },
  };
  const releaseAll = () => {
    holding = false;
    for (const release of waiting.splice(0)) release();
  };
  return { io, asked, waiting, releaseAll };
}

/** Let the event loop and the thread pool run until `done()` or about a second has passed. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('MaildirStore: acknowledgement only after the directory fsyncs', () => {
  it('a delivery waits for new/ of each recipient and the envelope directory, which are fsynced side by side', async () => {
    const root = join(tempDir(), 'mail');
    const held = heldIo();
    const store = new MaildirStore(root, { io: held.io });
    try {
      let resolved = false;
      const delivery = store.deliver({ from: 'a@b', to: ['alice@x', 'bob@x'] }, msg('one')).then((d) => ((resolved = true), d));
      await until(() => held.waiting.length >= 3);
      // All three directory fsyncs are asked for at once (none waits for another) ...
      expect(held.asked.map((p) => p.slice(root.length + 1)).sort()).toEqual(['alice/new', 'bob/new', 'l7lab@transactions']);
      // ... the copies are already linked, but the delivery is not acknowledged while any is open.
      expect(readdirSync(join(root, 'bob', 'new'))).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(resolved).toBe(false);
      held.releaseAll();
      const copies = await delivery;
      expect(copies.map((c) => c.account).sort()).toEqual(['alice', 'bob']);
      expect(await store.transaction(copies[0]!.meta.id)).toMatchObject({ envelope: { from: 'a@b' } });
    } finally {
      held.releaseAll();
      await store.close();
    }
  });

  it('releases the folder lock beside the directory fsyncs, and resolves only when both are done', async () => {
    const root = join(tempDir(), 'mail');
    const held = heldIo();
    const store = new MaildirStore(root, { io: held.io });
    const lock = () => readdirSync(join(root, 'bob')).filter((n) => n.endsWith('.lock'));
    try {
      let resolved = false;
      const delivery = store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('one')).then(() => (resolved = true));
      await until(() => held.waiting.length >= 2);
      // The fsyncs are held open, yet the lock taken for the commit goes: it does not wait for them.
      await until(() => lock().length === 0);
      expect(lock()).toEqual([]);
      expect(resolved).toBe(false);
      held.releaseAll();
      await delivery;
      expect(lock()).toEqual([]);
    } finally {
      held.releaseAll();
      await store.close();
    }
  });

  it('deliveries of the same moment share the next fsync of a directory, and none resolves before it', async () => {
    const root = join(tempDir(), 'mail');
    const held = heldIo();
    const store = new MaildirStore(root, { io: held.io });
    try {
      const done: boolean[] = [false, false, false];
      const deliveries = [0, 1, 2].map((i) => store.deliver({ from: 'a@b', to: ['bob@x'] }, msg(`m${i}`)).then(() => (done[i] = true)));
      await until(() => held.asked.filter((p) => p.endsWith('new')).length >= 1 && held.waiting.length >= 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(done).toEqual([false, false, false]);
      // Three deliveries, but at most two fsyncs of bob/new (the running one, and the next one shared by the rest).
      held.releaseAll();
      await Promise.all(deliveries);
      expect(held.asked.filter((p) => p.endsWith(join('bob', 'new'))).length).toBeLessThanOrEqual(2);
      expect((await store.list('bob', 'INBOX')).length).toBe(3);
    } finally {
      held.releaseAll();
      await store.close();
    }
  });

  it('a failing fsync of the envelope directory undoes the copies: no 250, nothing left in new/', async () => {
    const root = join(tempDir(), 'mail');
    const io: MaildirIo = {
      ...nodeIo,
      async syncDir(path) {
        if (path.endsWith('l7lab@transactions')) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        await nodeIo.syncDir(path);
      },
    };
    const store = new MaildirStore(root, { io });
    try {
      const err = await store.deliver({ from: 'a@b', to: ['bob@x'] }, msg('lost')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreWriteError);
      expect(await store.list('bob', 'INBOX')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
