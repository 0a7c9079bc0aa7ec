import { describe, expect, it } from 'vitest';
import { describeAll, eachDescribed } from '../../../src/commands/mail-list.js';
import type { Described } from '../../../src/commands/mail.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { mailItems, type MailItem } from '../../../src/mailstore/transactions.js';
import type { MailStore } from '../../../src/mailstore/types.js';

const N = 40;

/** A store whose reads finish in reverse order: the last message asked for is read first. */
function reversedReads(store: MemoryStore): MailStore {
  const slow = async <T>(uid: number, value: Promise<T>): Promise<T> => {
    const v = await value;
    await new Promise((r) => setTimeout(r, (N - uid) * 2));
    return v;
  };
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'read') return (a: string, m: string, uid: number) => slow(uid, target.read(a, m, uid));
      if (key === 'readHead') return undefined;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('mail list: rows as they come', () => {
  it('hands every item over once, in the list order, however the reads finish', async () => {
    const memory = new MemoryStore();
    for (let i = 0; i < N; i++) {
      const text = `From: bob@lab.example\r\nTo: alice@lab.example\r\nSubject: message ${i}\r\n\r\nHi.\r\n`;
      await memory.deliver({ from: 'bob@lab.example', to: ['alice@lab.example'] }, Buffer.from(text), new Date(Date.UTC(2026, 0, 1, 0, i)));
    }
    const store = reversedReads(memory);
    const items = await mailItems(store);
    const seen: string[] = [];
    await eachDescribed(store, items, (d) => seen.push(d.summary.subject));
    expect(seen).toEqual(items.map((_, i) => `message ${i}`));
    expect((await describeAll(store, items)).map((d) => d.item.id)).toEqual(items.map((i) => i.id));
  });

  it('hands rows described at once and rows waited for over in the list order, and a failed read fails the list', async () => {
    const memory = new MemoryStore();
    for (let i = 0; i < N; i++) {
      const text = `From: bob@lab.example\r\nTo: alice@lab.example\r\nSubject: message ${i}\r\n\r\nHi.\r\n`;
      await memory.deliver({ from: 'bob@lab.example', to: ['alice@lab.example'] }, Buffer.from(text), new Date(Date.UTC(2026, 0, 1, 0, i)));
    }
    const items = await mailItems(memory);
    const described = await describeAll(memory, items);
    // Every third row at once, the others later and in reverse: what a list with a few files read the slow way sees.
    const mixed = (item: MailItem) => {
      const i = items.indexOf(item);
      const d = described[i] as Described;
      return i % 3 === 0 ? d : new Promise<Described>((r) => setTimeout(() => r(d), (N - i) * 2));
    };
    const seen: string[] = [];
    await eachDescribed(memory, items, (d) => seen.push(d.summary.subject), mixed);
    expect(seen).toEqual(items.map((_, i) => `message ${i}`));
    // A read that fails while rows before it are still awaited: the list fails with it, and nothing is left unhandled.
    const failing = (item: MailItem) => (items.indexOf(item) === 20 ? Promise.reject(new Error('disk gone')) : mixed(item));
    await expect(eachDescribed(memory, items, () => undefined, failing)).rejects.toThrow('disk gone');
  });
});

