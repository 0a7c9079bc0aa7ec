import { describe, expect, it } from 'vitest';
import { loadedAtStart } from '../../support/static-imports.js';

/**
 * Issue 19 (memory): `serve --quiet` idle does not build the explanation tables (protocols/
 * registry.ts and every protocol's knowledge/, ~2.3 MB of heap). The live log (serve-view.ts)
 * is imported by serve.ts only when a log is written, and the web transcript API imports the
 * explaining edge on its first request. A static import anywhere in serve's graph would load
 * them at start again; this walks the graph the way Node does (test/support/static-imports.ts).
 */
describe('serve at start', () => {
  const loaded = loadedAtStart('commands/serve.ts');

  it('walks a real graph (the lab, the banner and the web app are in it)', () => {
    expect(loaded.has('lab.ts')).toBe(true);
    expect(loaded.has('commands/serve-banner.ts')).toBe(true);
    expect(loaded.has('web/api-transcript.ts')).toBe(true);
  });

  it('does not load the explanation tables or the live log', () => {
    const heavy = ['protocols/registry.ts', 'explain/event.ts', 'explain/kept-transcript.ts', 'commands/serve-view.ts', 'protocols/dns/knowledge/index.ts', 'protocols/http/knowledge/index.ts', 'protocols/imap/knowledge/index.ts'];
    expect(heavy.filter((m) => loaded.has(m))).toEqual([]);
  });
});
