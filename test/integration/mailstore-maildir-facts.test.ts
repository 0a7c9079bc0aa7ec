import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { scratch } from '../support/scratch.js';

/**
 * MaildirStore.eachFact (issue 19: what IMAP's SELECT keeps, without a MessageMeta per message)
 * reports exactly what list() does: the same messages, in ascending UID order, with the same
 * size, internal date and flags.
 */
const { tempDir } = scratch('l7lab-maildir-facts-');
const msg = (subject: string) => Buffer.from(`From: a@example.com\r\nSubject: ${subject}\r\n\r\nbody of ${subject}\r\n`);

describe('MaildirStore.eachFact', () => {
  const stores: MaildirStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('agrees with list() after appends, a flag change and an expunge', async () => {
    const store = new MaildirStore(join(tempDir(), 'store'));
    stores.push(store);
    const uids: number[] = [];
    for (const s of ['one', 'two', 'three', 'four']) uids.push((await store.append('bob', 'INBOX', msg(s), s === 'two' ? ['\\Seen'] : [], new Date(Date.UTC(2025, 0, 1 + uids.length)))).uid);
    await store.setFlags('bob', 'INBOX', uids[2] as number, ['\\Flagged', 'work']);
    await store.remove('bob', 'INBOX', [uids[0] as number]);
    const facts: Array<[number, number, number, readonly string[]]> = [];
    await store.eachFact('bob', 'INBOX', (uid, size, date, flags) => facts.push([uid, size, date, flags]));
    const listed = (await store.list('bob', 'INBOX')).map((m) => [m.uid, m.size, m.internalDate.getTime(), m.flags]);
    expect(facts).toEqual(listed);
    expect(facts.map((f) => f[0])).toEqual(uids.slice(1));
    expect(facts[1]?.[3]).toEqual(['\\Flagged', 'work']);
  });
});
