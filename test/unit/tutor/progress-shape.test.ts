import { describe, expect, it } from 'vitest';
import { parseProgress } from '../../../src/tutor/progress-shape.js';

/** progress.json checked by hand (no zod at start-up): the shape ProgressStore relies on, or null. */
const ok = {
  version: 1,
  last: 'pop3',
  lessons: {
    pop3: { done: ['a', 'b'], completed: false, updated: '2026-01-01T00:00:00.000Z', stats: { commands: 3, replies: { '+OK': 2 }, score: { right: 1, total: 2 } } },
    imap: { done: [], completed: false, updated: 'x', watched: true },
  },
};

describe('parseProgress', () => {
  it('accepts a valid file as it is', () => {
    expect(parseProgress(structuredClone(ok))).toStrictEqual(ok);
  });

  it('drops keys it does not know, as before', () => {
    const got = parseProgress({ ...ok, extra: 1, lessons: { pop3: { ...ok.lessons.pop3, extra: true } } });
    expect(got).toStrictEqual({ version: 1, last: 'pop3', lessons: { pop3: ok.lessons.pop3 } });
  });

  it.each([
    ['not an object', []],
    ['another version', { ...ok, version: 2 }],
    ['no lessons', { version: 1 }],
    ['a step id that is not a string', { version: 1, lessons: { pop3: { ...ok.lessons.pop3, done: [1] } } }],
    ['a count that is not a whole number', { version: 1, lessons: { pop3: { ...ok.lessons.pop3, stats: { commands: 1.5, replies: {} } } } }],
    ['a negative reply count', { version: 1, lessons: { pop3: { ...ok.lessons.pop3, stats: { commands: 1, replies: { x: -1 } } } } }],
    ['completed as a string', { version: 1, lessons: { pop3: { ...ok.lessons.pop3, completed: 'yes' } } }],
    ['last as a number', { ...ok, last: 3 }],
  ])('rejects %s', (_why, value) => {
    expect(parseProgress(value)).toBeNull();
  });
});
