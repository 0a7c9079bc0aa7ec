import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 19 (memory): the IMAP server loads its MIME half (message.ts: libmime, mailsplit,
 * iconv-lite, encoding-japanese, ~2.7 MB of heap) on first use, through message-module.ts.
 * A static import anywhere in the server's graph would load it at start again; this walks the
 * graph the way Node does (type-only imports and import() do not load a module at start).
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');
const STATIC = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+['"]([^'"]+)['"]/g;

/** Every module (src-relative) and package loaded at start by importing `entry`. */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const text = readFileSync(resolve(SRC, file), 'utf8');
    for (const [, spec] of text.matchAll(STATIC)) {
      const s = spec as string;
      if (s.startsWith('node:')) continue;
      visit(s.startsWith('.') ? relative(SRC, resolve(SRC, dirname(file), s)).replace(/\.js$/, '.ts') : s.split('/')[0] as string);
    }
  };
  visit(entry);
  return seen;
}

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
