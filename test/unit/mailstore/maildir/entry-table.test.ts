import { describe, expect, it } from 'vitest';
import { EntryTable } from '../../../../src/mailstore/maildir/entry-table.js';
import type { Entry } from '../../../../src/mailstore/maildir/folder-index.js';
import { internFlags } from '../../../../src/mailstore/maildir/folder-index.js';

/** The folder index's columns (issue 19, memory) answer as the two Maps of objects did. */
function entry(uid: number, over: Partial<Entry> = {}): Entry {
  const base = `1700000000.M${uid}P1.host,S=${100 + uid}`;
  return { uid, base, name: `${base}:2,S`, sub: 'cur', size: 100 + uid, date: 1_700_000_000_000 + uid, flags: internFlags(['\\Seen']), other: '', id: undefined, ...over };
}

describe('EntryTable', () => {
  it('gives back each field as set, finds by UID and by base, keeps UID order', () => {
    const t = new EntryTable();
    const a = entry(3, { sub: 'new', name: '1700000000.M3P1.host,S=103', flags: internFlags([]) });
    [entry(1), entry(2, { other: 'P', name: `${entry(2).base}:2,PS` }), a].forEach((e) => t.set(e));
    expect(t.size).toBe(3);
    expect(t.get(3)).toEqual(a);
    expect(t.get(2)).toMatchObject({ name: `${entry(2).base}:2,PS`, other: 'P' });
    expect(t.get(4)).toBeUndefined();
    expect(t.uidOf(a.base)).toBe(3);
    expect([...t.keys()]).toEqual([1, 2, 3]);
    expect(t.inNew(3)).toBe(true);
    expect(t.inNew(1)).toBe(false);
    expect(t.inNew(9)).toBe(false);
  });

  it('a copy handed out changes nothing until it is set again', () => {
    const t = new EntryTable();
    t.set(entry(1));
    const e = t.get(1) as Entry;
    e.flags = internFlags(['\\Flagged']);
    expect(t.get(1)?.flags).toEqual(['\\Seen']);
    t.set(e);
    expect(t.get(1)?.flags).toEqual(['\\Flagged']);
  });

  it('keeps a name that does not begin with its base whole', () => {
    const t = new EntryTable();
    t.set(entry(1, { name: 'odd-name:2,S' }));
    expect(t.get(1)?.name).toBe('odd-name:2,S');
  });

  it('a lower UID set late is put in order; deleted rows are gone and compacted away', () => {
    const t = new EntryTable();
    for (let uid = 2; uid <= 300; uid++) t.set(entry(uid));
    t.set(entry(1));
    expect([...t.keys()].slice(0, 3)).toEqual([1, 2, 3]);
    for (let uid = 1; uid <= 250; uid++) t.delete(uid);
    expect(t.size).toBe(50);
    expect(t.get(100)).toBeUndefined();
    expect(t.uidOf(entry(100).base)).toBeUndefined();
    expect(t.get(251)).toEqual(entry(251));
    const facts: number[] = [];
    t.eachFact((uid, size) => facts.push(uid, size));
    expect(facts.slice(0, 4)).toEqual([251, 351, 252, 352]);
    expect(facts).toHaveLength(100);
  });

  it('keeps an id for a base once told, and forgets it with the message', () => {
    const t = new EntryTable();
    t.set(entry(1));
    expect(t.idFor(entry(1).base)).toBeUndefined();
    t.setId(1, 'abc');
    expect(t.idFor(entry(1).base)).toBe('abc');
    expect(t.get(1)?.id).toBe('abc');
    t.delete(1);
    expect(t.idFor(entry(1).base)).toBeUndefined();
  });
});
