import { describe, expect, it } from 'vitest';
import { FlagTable, MessageColumns } from '../../../src/protocols/imap/message-columns.js';

/** Messages with UIDs 1, 3, 5, ... (gaps, as after expunges: RFC 3501 2.3.1.1). */
function columns(n: number): MessageColumns {
  const cols = new MessageColumns();
  for (let k = 0; k < n; k++) {
    cols.push(2 * k + 1, 100 + k, Date.UTC(2025, 0, 1) + k * 1000, k % 3 === 0 ? ['\\Seen'] : []);
  }
  return cols;
}

describe('MessageColumns', () => {
  it('keeps every fact of every message past the growth of its arrays', () => {
    const cols = columns(1000);
    expect(cols.count).toBe(1000);
    expect([cols.uid(0), cols.uid(999)]).toEqual([1, 1999]);
    expect(cols.size(500)).toBe(600);
    expect(cols.date(2)).toBe(Date.UTC(2025, 0, 1) + 2000);
    expect(cols.flags(3)).toEqual(['\\Seen']);
    expect(cols.flags(4)).toEqual([]);
  });

  it('finds a UID by binary search, and -1 for a UID that is not there', () => {
    const cols = columns(100);
    expect(cols.indexOf(1)).toBe(0);
    expect(cols.indexOf(199)).toBe(99);
    expect(cols.indexOf(101)).toBe(50);
    expect(cols.indexOf(2)).toBe(-1);
    expect(cols.indexOf(1000)).toBe(-1);
    expect(new MessageColumns().indexOf(1)).toBe(-1);
  });

  it('renumbers on remove: the rest keep their order and their own facts (RFC 3501 7.4.1)', () => {
    const cols = columns(10);
    cols.setFlags(9, ['\\Flagged']);
    cols.remove(new Set([1, 7, 9]));
    expect(cols.uids()).toEqual([3, 5, 11, 13, 15, 17, 19]);
    expect(cols.size(2)).toBe(105);
    expect(cols.flags(6)).toEqual(['\\Flagged']);
    expect(cols.indexOf(11)).toBe(2);
  });

  it('tracks what the client heard apart from what the store has', () => {
    const cols = columns(2);
    cols.setFlags(1, ['\\Answered']);
    expect(cols.flagId(1)).not.toBe(cols.toldId(1));
    cols.tell(1);
    expect(cols.flagId(1)).toBe(cols.toldId(1));
  });
});

describe('FlagTable', () => {
  it('gives equal lists one number and one frozen array', () => {
    const t = new FlagTable();
    const a = t.idOf(['\\Seen', 'work']);
    expect(t.idOf(['\\Seen', 'work'])).toBe(a);
    expect(t.idOf([])).toBe(0);
    expect(t.idOf(['\\Seen'])).not.toBe(a);
    expect(Object.isFrozen(t.list(a))).toBe(true);
    expect(t.list(a)).toEqual(['\\Seen', 'work']);
  });

  it('answers which lists have a flag, and the keywords in use', () => {
    const t = new FlagTable();
    const seen = t.idOf(['\\Seen']);
    const work = t.idOf(['\\Seen', 'work']);
    const todo = t.idOf(['todo']);
    const has = t.having('\\Seen');
    expect([has[0], has[seen], has[work], has[todo]]).toEqual([false, true, true, false]);
    expect([...t.keywordsOf([seen, work])]).toEqual(['work']);
    expect([...t.keywordsOf([todo, work])].sort()).toEqual(['todo', 'work']);
  });
});
