import { describe, expect, it } from 'vitest';
import { keysHelpTip } from '../../../src/ui/prompts.js';
import { stripAnsi } from '../../../src/ui/width.js';

describe('the select prompt footer', () => {
  const keys: Array<[string, string]> = [
    ['↑↓', 'navigate'],
    ['⏎', 'select'],
  ];
  it('is translated (issue 14: "↑↓ navigate • ⏎ select" was shown in Japanese sessions)', () => {
    expect(stripAnsi(keysHelpTip('ja')(keys))).toBe('↑↓ 移動 • ⏎ 決定');
    expect(stripAnsi(keysHelpTip('en')(keys))).toBe('↑↓ navigate • ⏎ select');
  });
});
