import { describe, expect, it } from 'vitest';
import { liveLogText } from '../../../src/commands/serve-view.js';

describe('serve live log', () => {
  const drop = { event: 'disconnect', protocol: 'smtp', session: 'smtp-3', remote: '127.0.0.1:5000', reason: 'dropped by l7lab rule 2 (simulated failure)' } as const;

  it('explains a simulated drop, which has no reply line of its own (en and ja)', () => {
    const en = liveLogText(drop, { showSecrets: false, lang: 'en' }) ?? '';
    expect(en).toContain('smtp-3 closed (dropped by l7lab rule 2 (simulated failure))');
    expect(en).toMatch(/the server hung up without a reply, .*retries later, which is how duplicates happen \(RFC 1047\)/);
    expect(liveLogText(drop, { showSecrets: false, lang: 'ja' })).toMatch(/サーバーが応答せずに接続を切った/);
  });

  it('an ordinary close stays one line', () => {
    expect(liveLogText({ ...drop, reason: 'quit' }, { showSecrets: false, lang: 'en' })?.split('\n')).toHaveLength(1);
  });
});
