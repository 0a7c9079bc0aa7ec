import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => ({ store: new MemoryStore(), cleanup: async () => undefined }));

describe('MemoryStore', () => {
  it('keeps its own copy of the bytes, so a caller reusing its buffer changes nothing', async () => {
    const store = new MemoryStore();
    const raw = Buffer.from('Subject: a\r\n\r\nbody\r\n');
    await store.deliver({ from: 'a@b', to: ['bob@b'] }, raw);
    raw.fill(0x41);
    const back = await store.read('bob', 'INBOX', 1);
    expect(back.toString()).toBe('Subject: a\r\n\r\nbody\r\n');
    back.fill(0x42);
    expect((await store.read('bob', 'INBOX', 1)).toString()).toBe('Subject: a\r\n\r\nbody\r\n');
  });

  it('treats an account that only logged in as existing, with an empty INBOX', async () => {
    const store = new MemoryStore();
    expect((await store.status('Alice', 'INBOX')).messages).toBe(0);
    expect(await store.accounts()).toEqual(['alice']);
  });
});
