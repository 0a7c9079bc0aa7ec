import { describe, expect, it } from 'vitest';
import { dnsMsg } from '../../../src/practice/dns-messages.js';
import { displayWidth } from '../../../src/ui/width.js';

/** practice dns's :help is a table: it must fit 80 columns in both languages, wide Japanese characters counted twice. */
describe('practice dns words', () => {
  it.each(['en', 'ja'] as const)(':help fits 80 columns (%s)', (lang) => {
    const lines = dnsMsg(lang, 'help').split('\n');
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });
});
