import { describe, expect, it } from 'vitest';
import { lookup } from '../../../src/explain/lookup.js';
import { renderLookup } from '../../../src/explain/view.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { renderLine } from '../../../src/ui/transcript-view.js';
import { displayWidth, stripAnsi } from '../../../src/ui/width.js';

/**
 * The views that print explanations go through the one wrapper (issue 14, item 4): the
 * transcript (lessons and the practice shell) and `l7lab explain`. Off a terminal the width is 80.
 */
const widest = (text: string) => Math.max(...stripAnsi(text).split('\n').map(displayWidth));

describe('explanations wrap to the terminal under their indent', () => {
  const long =
    'Turn this cleartext connection into a TLS one: after 220 the client starts the handshake, everything that follows is encrypted, and the client must say EHLO again.';

  it('in the transcript, continuation lines keep the explanation indent (they lost it before)', () => {
    for (const lang of ['en', 'ja'] as const) {
      const out = stripAnsi(renderLine({ direction: 'client', text: 'STARTTLS', who: 'laptop', explanation: long, layer: 'L7' }, { lang, layers: true }));
      const lines = out.split('\n');
      expect(widest(out)).toBeLessThanOrEqual(80);
      expect(lines.length).toBeGreaterThan(2);
      const indent = /^( +)/.exec(lines[1] ?? '')?.[1]?.length ?? 0;
      for (const l of lines.slice(2)) expect(l.startsWith(' '.repeat(indent))).toBe(true);
    }
  });

  it('in `l7lab explain`, in both languages, a long meaning stays within 80 columns', () => {
    for (const lang of ['en', 'ja'] as const) {
      for (const [protocol, term] of [
        ['smtp', 'STARTTLS'],
        ['pop3', 'APOP'],
        ['imap', 'IDLE'],
        ['smtp', '550'],
      ] as const) {
        const out = renderLookup(lookup(KNOWLEDGE[protocol], term), lang);
        expect(out).not.toBeNull();
        const rows = stripAnsi(out ?? '').split('\n').filter((l) => !/^ {4}[CS]: /.test(l));
        expect(Math.max(...rows.map(displayWidth))).toBeLessThanOrEqual(80);
      }
    }
  });
});
