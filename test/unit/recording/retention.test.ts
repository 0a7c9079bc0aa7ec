import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { retention } from '../../../src/recording/retention.js';
import { keepNewest, mailItems } from '../../../src/mailstore/transactions.js';

const msg = (s: string) => Buffer.from(`Subject: ${s}\r\n\r\nx\r\n`);

describe('retention (serve --max-messages)', () => {
  it('keepNewest drops the oldest transactions, every copy of each', async () => {
    const store = new MemoryStore();
    const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n));
    const [old] = await store.deliver({ from: 'a@x', to: ['bob@x', 'carol@x'] }, msg('old'), t(1));
    await store.deliver({ from: 'a@x', to: ['bob@x'] }, msg('mid'), t(2));
    await store.deliver({ from: 'a@x', to: ['carol@x'] }, msg('new'), t(3));
    expect(await keepNewest(store, 2)).toEqual([old!.meta.id]);
    expect((await mailItems(store)).map((i) => i.copies.length)).toEqual([1, 1]);
    expect(await store.transaction(old!.meta.id)).toBeNull();
    expect(await keepNewest(store, 2)).toEqual([]);
  });

  it('runs after each captured message and reports what it dropped', async () => {
    const store = new MemoryStore();
    const dropped: string[][] = [];
    let done: () => void = () => undefined;
    const sink = retention(store, 1, (ids) => {
      dropped.push(ids);
      done();
    });
    const [a] = await store.deliver({ from: 'a@x', to: ['bob@x'] }, msg('a'), new Date(1000));
    await store.deliver({ from: 'a@x', to: ['bob@x'] }, msg('b'), new Date(2000));
    const reported = new Promise<void>((resolve) => (done = resolve));
    sink({ event: 'message', protocol: 'smtp', session: 's', ids: ['x'], from: 'a@x', to: ['bob@x'], size: 1 });
    await reported;
    expect(dropped).toEqual([[a!.meta.id]]);
    expect((await mailItems(store)).map((i) => i.id)).not.toContain(a!.meta.id);
  });
});
