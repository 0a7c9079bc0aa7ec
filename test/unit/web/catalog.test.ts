import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../src/web/catalog.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { MailStore } from '../../../src/mailstore/types.js';

function raw(subject: string): Buffer {
  return Buffer.from(`From: a@example.com\r\nTo: bob@example.com\r\nSubject: ${subject}\r\n\r\nhi\r\n`);
}

const subjects = async (c: Catalog) => (await c.entries()).map((k) => k.entry.subject);

describe('Catalog: a listing kept until the store changes', () => {
  it('lists once per revision of a memory store, and sees every kind of change', async () => {
    const store = new MemoryStore();
    const catalog = new Catalog(store);
    await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, raw('one'));
    const first = await catalog.entries();
    expect(await catalog.entries()).toBe(first); // nothing changed: the same list, not read again
    const [d] = await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, raw('two'));
    expect(await subjects(catalog)).toEqual(['two', 'one']);
    await store.remove('bob', 'INBOX', [d!.meta.uid]);
    expect(await subjects(catalog)).toEqual(['one']);
    await store.renameMailbox('bob', 'INBOX', 'Old');
    const renamed = await catalog.entries();
    expect(renamed).not.toBe(first);
    expect(renamed.map((k) => k.entry.subject)).toEqual(['one']);
    await store.clear();
    expect(await subjects(catalog)).toEqual([]);
  });

  it('reads afresh every time from a store that offers no revision (another process may write it)', async () => {
    const memory = new MemoryStore();
    // The same store without revision(): what a Maildir shared with other processes is.
    const store = new Proxy(memory, { get: (t, p) => (p === 'revision' ? undefined : Reflect.get(t, p, t)) }) as MailStore;
    const catalog = new Catalog(store);
    await memory.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, raw('one'));
    const first = await catalog.entries();
    expect(await catalog.entries()).not.toBe(first);
    expect(await subjects(catalog)).toEqual(['one']);
  });
});
