import { describe, expect, it } from 'vitest';
import { isoMillis } from '../../../src/mailstore/iso-time.js';

describe('isoMillis (the times a packed transcript keeps as numbers)', () => {
  it('reads every toISOString text back to its milliseconds, the 29th to the 31st and years before 1970 included', () => {
    const times = [0, -1, 951_782_400_000, 951_868_799_999, 1_709_164_800_000, 1_767_225_599_999, 4_102_444_800_000];
    for (let i = 0; i < 2000; i++) times.push(Math.floor(((i * 7919) % 2000) * 2_000_000_000 + i * 86_399_999));
    for (const ms of times) expect(isoMillis(new Date(ms).toISOString())).toBe(ms);
  });

  it('gives null for a text toISOString would not write again, so the packer keeps the text as it was', () => {
    const notRoundTrips = [
      '2026-02-30T00:00:00.000Z',
      '2026-02-29T00:00:00.000Z',
      '2026-04-31T12:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:60:00.000Z',
      '2026-01-01T00:00:60.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-13-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-01 00:00:00.000Z',
      '2026-01-01T00:00:00.000z',
      '2026-01-01T00:00:00Z',
      '+002026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000+00:00',
      '2026-0a-01T00:00:00.000Z',
      'yesterday',
      '',
    ];
    for (const t of notRoundTrips) expect([t, isoMillis(t)]).toEqual([t, null]);
  });
});
