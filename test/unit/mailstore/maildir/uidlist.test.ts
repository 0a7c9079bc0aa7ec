import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UidList } from '../../../../src/mailstore/maildir/uidlist.js';
import { scratch } from '../../../support/scratch.js';

/** The UID list read line by line in place (issue 19, memory) keeps what the old pattern kept. */
const { tempDir } = scratch('l7lab-uidlist-');

describe('UidList reading', () => {
  it('reads well-formed records, skips the malformed and an unfinished last line', async () => {
    const path = join(tempDir(), 'l7lab-uidlist');
    const lines = [
      '3 V42 N9',
      '1 S10 T1700000000001 :a.one',
      '2 S20 T1700000000002 :b.two,S=20',
      'x S1 T1 :bad-uid',
      '4 S T1 :no-size',
      '5 S1 T1 :',
      '6 S1 T1 :carriage\r',
      '7 S1T1 :no-space',
      '3 S30 T1700000000003 :c.three',
      '8 S1 T1 :unfinished',
    ];
    writeFileSync(path, lines.join('\n'));
    const list = new UidList(path);
    expect(await list.refresh()).toBe(true);
    expect(list.uidValidity).toBe(42);
    expect([...list.byBase.values()]).toEqual([
      { uid: 1, size: 10, date: 1700000000001, base: 'a.one' },
      { uid: 2, size: 20, date: 1700000000002, base: 'b.two,S=20' },
      { uid: 3, size: 30, date: 1700000000003, base: 'c.three' },
    ]);
    expect(list.nextUid).toBe(9);
    expect(list.byBase.has('unfinished')).toBe(false);
  });

  it('a file without a valid header yields nothing', async () => {
    const path = join(tempDir(), 'l7lab-uidlist');
    writeFileSync(path, '2 V1 N1\n1 S1 T1 :a\n');
    const list = new UidList(path);
    expect(await list.refresh()).toBe(false);
    expect(list.byBase.size).toBe(0);
  });

  it('appended lines are read on the next refresh; a base seen again takes the later line', async () => {
    const path = join(tempDir(), 'l7lab-uidlist');
    writeFileSync(path, '3 V1 N1\n1 S1 T1 :a\n');
    const list = new UidList(path);
    await list.refresh();
    writeFileSync(path, '3 V1 N1\n1 S1 T1 :a\n2 S2 T2 :b\n5 S5 T5 :a\n');
    await list.refresh();
    expect(list.byBase.get('a')).toEqual({ uid: 5, size: 5, date: 5, base: 'a' });
    expect(list.byBase.get('b')?.uid).toBe(2);
    expect(list.nextUid).toBe(6);
  });
});
