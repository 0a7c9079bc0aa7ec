import { describe, expect, it } from 'vitest';
import { loadedAtStart } from '../../support/static-imports.js';

/**
 * Issue 19 (memory): the IMAP server loads its MIME half (message.ts: libmime, mailsplit,
 * iconv-lite, encoding-japanese, ~2.7 MB of heap) on first use, through message-module.ts.
 * A static import anywhere in the server's graph would load it at start again; this walks the
 * graph the way Node does (test/support/static-imports.ts).
 */
describe('the IMAP server at start', () => {
  const loaded = loadedAtStart('protocols/imap/server.ts');

  it('walks a real graph (the session and the selected mailbox are in it)', () => {
    expect(loaded.has('protocols/imap/session.ts')).toBe(true);
    expect(loaded.has('protocols/imap/selected-mailbox.ts')).toBe(true);
    expect(loaded.has('protocols/imap/message-module.ts')).toBe(true);
  });

  it('does not load the MIME parser or its libraries', () => {
    const heavy = ['protocols/imap/message.ts', 'protocols/imap/mime/tree.ts', 'libmime', '@zone-eu', 'libqp', 'libbase64', 'nodemailer'];
    expect(heavy.filter((m) => loaded.has(m))).toEqual([]);
  });
});
