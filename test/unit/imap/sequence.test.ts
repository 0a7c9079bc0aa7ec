import { describe, expect, it } from 'vitest';
import { ImapParseError } from '../../../src/protocols/imap/parser.js';
import {
  formatSequenceSet,
  inSequenceSet,
  isSequenceSet,
  outOfRange,
  parseSequenceSet,
  resolveSequenceNumbers,
  resolveUids,
} from '../../../src/protocols/imap/sequence.js';

describe('parseSequenceSet', () => {
  it.each([
    ['1', [{ from: 1, to: 1 }]],
    ['*', [{ from: '*', to: '*' }]],
    ['1:*', [{ from: 1, to: '*' }]],
    ['*:4', [{ from: '*', to: 4 }]],
    ['2,4:7', [{ from: 2, to: 2 }, { from: 4, to: 7 }]],
    ['5:3', [{ from: 5, to: 3 }]],
    ['4294967295', [{ from: 4294967295, to: 4294967295 }]],
  ])('%s', (text, set) => {
    expect(parseSequenceSet(text)).toEqual(set);
    expect(isSequenceSet(text)).toBe(true);
  });

  it.each(['', '0', '1:0', '01', ',1', '1,', '1::2', '1:2:3', 'a', '1-3', '4294967296', '**', '1:**', ' 1', '$'])('%j is refused', (text) => {
    expect(() => parseSequenceSet(text)).toThrow(ImapParseError);
    expect(isSequenceSet(text)).toBe(false);
  });
});

describe('resolveSequenceNumbers', () => {
  it.each<[string, number, number[]]>([
    ['1:*', 0, []],
    ['*', 0, []],
    ['1', 0, []],
    ['1:*', 3, [1, 2, 3]],
    ['*', 5, [5]],
    ['5:3', 9, [3, 4, 5]],
    ['*:4', 6, [4, 5, 6]],
    ['*:4', 2, [2]],
    ['2,4:7', 10, [2, 4, 5, 6, 7]],
    ['2,4:7', 5, [2, 4, 5]],
    ['3,1,2,2:3,*', 4, [1, 2, 3, 4]],
    ['1:4294967295', 3, [1, 2, 3]],
    ['7:9', 5, []],
  ])('%s with %i messages', (text, max, expected) => {
    expect(resolveSequenceNumbers(parseSequenceSet(text), max)).toEqual(expected);
  });

  it('tells a set that names a missing message', () => {
    expect(outOfRange(parseSequenceSet('1:*'), 0)).toBe(true);
    expect(outOfRange(parseSequenceSet('*'), 0)).toBe(true);
    expect(outOfRange(parseSequenceSet('1:*'), 1)).toBe(false);
    expect(outOfRange(parseSequenceSet('2,4:7'), 6)).toBe(true);
    expect(outOfRange(parseSequenceSet('2,4:6'), 6)).toBe(false);
  });
});

describe('resolveUids', () => {
  const uids = [3, 4, 9, 10, 11, 20];
  it.each<[string, readonly number[], number[]]>([
    ['1:*', uids, uids],
    ['*', uids, [20]],
    ['1:*', [], []],
    ['*', [], []],
    ['5:9', uids, [9]],
    ['9:5', uids, [9]],
    ['5:8', uids, []],
    ['21:*', uids, [20]],
    ['559:*', uids, [20]],
    ['11,3,4:10,10', uids, [3, 4, 9, 10, 11]],
    ['12:19', uids, []],
    ['1:4294967295', uids, uids],
  ])('%s over uids %j', (text, list, expected) => {
    expect(resolveUids(parseSequenceSet(text), list)).toEqual(expected);
  });
});

describe('inSequenceSet', () => {
  it.each<[string, number, number, boolean]>([
    ['1:*', 7, 7, true],
    ['*', 7, 7, true],
    ['*', 6, 7, false],
    ['5:3', 4, 9, true],
    ['2,4:7', 3, 9, false],
    ['21:*', 20, 20, true],
  ])('%s contains %i (star %i): %s', (text, n, star, expected) => {
    expect(inSequenceSet(parseSequenceSet(text), n, star)).toBe(expected);
  });
});

describe('formatSequenceSet', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[5], '5'],
    [[1, 2, 3, 7, 9, 10], '1:3,7,9:10'],
  ])('%j -> %s', (numbers, text) => {
    expect(formatSequenceSet(numbers)).toBe(text);
  });
});
