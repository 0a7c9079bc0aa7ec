import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { MailboxExistsError, MailboxNameError, NoSuchMailboxError, type MailStore, type StoreChange } from '../../src/mailstore/types.js';
import { scratch } from '../support/scratch.js';

/**
 * The mailbox policy (src/mailstore/mailboxes.ts) is written once; this one table runs against
 * both stores, so the memory store of lessons and the Maildir of `serve` answer CREATE, DELETE
 * and RENAME alike. Each row: mailboxes made first, messages appended, one operation, and what
 * must hold after it (an error and nothing changed, or the new list of mailboxes).
 */
type Op = ['create', string] | ['delete', string] | ['rename', string, string];

interface Row {
  case: string;
  /** Mailboxes created before the operation (superiors too), and messages appended per mailbox. */
  given: string[];
  /** Then deleted again (their inferiors stay). */
  dropped?: string[];
  messages?: Record<string, number>;
  op: Op;
  /** The operation is refused with this error, and nothing changes. */
  refused?: new (...args: never[]) => Error;
  /** The mailboxes after a successful operation. */
  after?: string[];
  /** Message counts after, per mailbox. */
  counts?: Record<string, number>;
  /** [before, after]: the mailbox keeps its UIDVALIDITY under its new name (RFC 3501 2.3.1.1). */
  keeps?: Array<[string, string]>;
}

const ROWS: Row[] = [
  // RFC 3501 6.3.3 CREATE
  { case: 'CREATE makes the superiors a name needs', given: [], op: ['create', 'a/b/c'], after: ['INBOX', 'a', 'a/b', 'a/b/c'] },
  { case: 'CREATE beside an existing superior makes only the new name', given: ['a'], messages: { a: 2 }, op: ['create', 'a/b'], after: ['INBOX', 'a', 'a/b'], counts: { a: 2, 'a/b': 0 }, keeps: [['a', 'a']] },
  { case: 'CREATE of an existing name is refused', given: ['a/b'], op: ['create', 'a/b'], refused: MailboxExistsError },
  { case: 'CREATE of a superior made before is refused', given: ['a/b'], op: ['create', 'a'], refused: MailboxExistsError },
  { case: 'CREATE INBOX is refused, in any case', given: [], op: ['create', 'inBox'], refused: MailboxExistsError },
  { case: 'CREATE under INBOX names it INBOX', given: [], op: ['create', 'inbox/Sub'], after: ['INBOX', 'INBOX/Sub'] },
  // RFC 3501 6.3.4 DELETE
  { case: 'DELETE removes the mailbox and its messages', given: ['a'], messages: { a: 2 }, op: ['delete', 'a'], after: ['INBOX'] },
  { case: 'DELETE leaves the inferiors in place', given: ['a/b'], messages: { 'a/b': 1 }, op: ['delete', 'a'], after: ['INBOX', 'a/b'], counts: { 'a/b': 1 }, keeps: [['a/b', 'a/b']] },
  { case: 'DELETE INBOX is refused', given: [], messages: { INBOX: 1 }, op: ['delete', 'Inbox'], refused: MailboxNameError },
  { case: 'DELETE of a name that does not exist is refused', given: ['a'], op: ['delete', 'b'], refused: NoSuchMailboxError },
  // RFC 3501 6.3.5 RENAME
  { case: 'RENAME moves the messages and keeps UIDVALIDITY', given: ['a'], messages: { a: 2 }, op: ['rename', 'a', 'b'], after: ['INBOX', 'b'], counts: { b: 2 }, keeps: [['a', 'b']] },
  {
    case: 'RENAME renames the inferiors with it',
    given: ['a/x/y', 'ab'],
    messages: { 'a/x': 1, 'a/x/y': 2 },
    op: ['rename', 'a', 'b'],
    after: ['INBOX', 'ab', 'b', 'b/x', 'b/x/y'],
    counts: { 'b/x': 1, 'b/x/y': 2, ab: 0 },
    keeps: [['a', 'b'], ['a/x', 'b/x'], ['a/x/y', 'b/x/y'], ['ab', 'ab']],
  },
  { case: 'RENAME creates the superiors of the new name', given: ['a'], op: ['rename', 'a', 'x/y/z'], after: ['INBOX', 'x', 'x/y', 'x/y/z'], keeps: [['a', 'x/y/z']] },
  { case: 'RENAME onto an existing name is refused', given: ['a', 'b'], op: ['rename', 'a', 'b'], refused: MailboxExistsError },
  { case: 'RENAME onto INBOX is refused', given: ['a'], op: ['rename', 'a', 'INBOX'], refused: MailboxExistsError },
  // "x" deleted, "x/c" outlives it: "a" may become "x", but "a/c" may not become "x/c".
  { case: 'RENAME whose inferior would land on an existing name is refused whole', given: ['a/c', 'x/c'], dropped: ['x'], messages: { a: 1 }, op: ['rename', 'a', 'x'], refused: MailboxExistsError },
  { case: 'RENAME of a name that does not exist is refused', given: [], op: ['rename', 'a', 'b'], refused: NoSuchMailboxError },
  { case: 'RENAME into its own inferior is refused', given: ['a'], op: ['rename', 'a', 'a/b'], refused: MailboxNameError },
  {
    case: 'RENAME INBOX moves its messages and leaves INBOX empty, its inferiors unaffected',
    given: ['INBOX/kept'],
    messages: { INBOX: 3, 'INBOX/kept': 1 },
    op: ['rename', 'INBOX', 'Old/Mail'],
    after: ['INBOX', 'INBOX/kept', 'Old', 'Old/Mail'],
    counts: { INBOX: 0, 'Old/Mail': 3, 'INBOX/kept': 1 },
    keeps: [['INBOX', 'INBOX'], ['INBOX/kept', 'INBOX/kept']],
  },
];

const msg = (n: number) => Buffer.from(`From: a@example.com\r\nSubject: ${n}\r\n\r\nbody ${n}\r\n`);

function run(store: MailStore, op: Op): Promise<void> {
  if (op[0] === 'create') return store.createMailbox('bob', op[1]);
  if (op[0] === 'delete') return store.deleteMailbox('bob', op[1]);
  return store.renameMailbox('bob', op[1], op[2]);
}

async function counts(store: MailStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await store.listMailboxes('bob')) out[name] = (await store.list('bob', name)).length;
  return out;
}

async function validities(store: MailStore): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const name of await store.listMailboxes('bob')) out.set(name, (await store.status('bob', name)).uidValidity);
  return out;
}

const { tempDir } = scratch('l7lab-mailboxes-');
const STORES: Array<[string, () => MailStore]> = [
  ['MemoryStore', () => new MemoryStore()],
  ['MaildirStore', () => new MaildirStore(join(tempDir(), 'store'))],
];

describe.each(STORES)('mailbox policy (RFC 3501 6.3.3-6.3.5) on %s', (_label, open) => {
  let store: MailStore;
  let changes: StoreChange[];
  beforeEach(() => {
    store = open();
    changes = [];
  });
  afterEach(() => store.close());

  it.each(ROWS)('$case', async (row) => {
    for (const name of row.given) await store.createMailbox('bob', name);
    for (const name of row.dropped ?? []) await store.deleteMailbox('bob', name);
    for (const [name, n] of Object.entries(row.messages ?? {})) for (let i = 0; i < n; i++) await store.append('bob', name, msg(i));
    const before = { counts: await counts(store), validities: await validities(store) };
    store.watch((c) => changes.push(c));
    if (row.refused) {
      await expect(run(store, row.op)).rejects.toBeInstanceOf(row.refused);
      expect(await counts(store)).toEqual(before.counts);
      expect(await validities(store)).toEqual(before.validities);
      expect(changes).toEqual([]);
      return;
    }
    await run(store, row.op);
    expect(await store.listMailboxes('bob')).toEqual(row.after);
    const now = await counts(store);
    for (const [name, n] of Object.entries(row.counts ?? {})) expect(now[name], name).toBe(n);
    const v = await validities(store);
    for (const [from, to] of row.keeps ?? []) expect(v.get(to), `${from} -> ${to}`).toBe(before.validities.get(from));
    expect(changes.filter((c) => c.kind === 'mailboxes')).toEqual([{ kind: 'mailboxes', account: 'bob' }]);
  });

  it('a re-created name gets a new UIDVALIDITY, never the deleted one (RFC 3501 2.3.1.1)', async () => {
    await store.createMailbox('bob', 'a');
    const old = (await store.status('bob', 'a')).uidValidity;
    await store.deleteMailbox('bob', 'a');
    await store.createMailbox('bob', 'a');
    expect((await store.status('bob', 'a')).uidValidity).toBeGreaterThan(old);
  });
});
