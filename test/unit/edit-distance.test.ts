import { describe, expect, it } from 'vitest';
import { closeEnough, editDistance } from '../../src/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['ports', 'ports', 0],
    ['prots', 'ports', 2],
    ['port', 'ports', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('suggests only near misses', () => {
    expect(closeEnough('prots', 2)).toBe(true);
    expect(closeEnough('xyzzy', 5)).toBe(false);
    expect(closeEnough('application-layr', 5)).toBe(true);
  });
});
