import { describe, expect, it } from 'vitest';
import { loadedAtStart } from '../../support/static-imports.js';

/**
 * Issue 19 (start-up): :qp and :word need libmime, which loads iconv-lite and
 * encoding-japanese (~0.8 MB of code, ~70 ms of a lesson's first screen). shell-helpers.ts
 * imports them on the first :qp or :word, so a lesson's input steps and the practice shell
 * start without them; a static import anywhere in their graph would bring the cost back.
 */
const MIME = ['practice/mime-helper-view.ts', 'practice/mime-helpers.ts', 'protocols/imap/message.ts', 'libmime', 'libqp'];

describe('the colon helpers at start', () => {
  for (const entry of ['tutor/steps/send.ts', 'tutor/steps/data.ts', 'tutor/steps/connection.ts', 'practice/shell.ts']) {
    it(`${entry} reaches the helpers but not the MIME libraries`, () => {
      const loaded = loadedAtStart(entry);
      expect(loaded.has('practice/shell-helpers.ts')).toBe(true);
      expect(MIME.filter((m) => loaded.has(m))).toEqual([]);
    });
  }
});
