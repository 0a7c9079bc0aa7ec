import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/width.js';
import { COMMAND, MESSAGE, PAUSE, QUERY, WHAT_NOW, lessonTerminals, promptOf } from '../support/lesson-tmux.js';
import { squash } from '../support/text.js';
import type { Terminal } from '../support/tmux.js';

/**
 * A real terminal at 80 columns: tmux runs `l7lab learn spf-dkim`, we ask the lab DNS for the
 * SPF record the wrong way first (the wrong type, then the wrong name), read why, take the hint
 * or the answer, then send alice's mail and read the SPF check of it: each step, the result and
 * the Authentication-Results field, the tutor's own lines within 80 columns. In English and in
 * Japanese. Every wait polls the pane for a bounded time. Run `npm run build` first.
 */
const terms = lessonTerminals('spf-dkim');
const open = (lang: 'en' | 'ja') => terms.open(lang);
afterAll(() => terms.closeAll());

/** Wire lines (`dns S:`, `sending C:`) are the protocol's own and may be longer; everything else fits. */
function tooWide(term: Terminal): string[] {
  return term.lines().split('\n').filter((l) => !/^(dns|sending) [CS]: /.test(l) && displayWidth(l) > 80);
}

describe('l7lab learn spf-dkim in a real terminal (tmux, 80 columns)', () => {
  it('en: the wrong record type is said, the hint leads on; alice\'s mail passes SPF, her signed mail DKIM, shown step by step', async () => {
    const term = open('en');
    await promptOf(term, 'en', 1, PAUSE.en);
    term.key('Enter');
    await promptOf(term, 'en', 2, QUERY.en);
    term.type('A example.com');
    let text = await promptOf(term, 'en', 2, WHAT_NOW.en);
    expect(squash(text)).toContain(squash('You asked for A records; this step asks for TXT: TXT example.com'));
    term.key('Down', 'Enter'); // Show a hint
    text = await promptOf(term, 'en', 2, QUERY.en);
    expect(squash(text)).toContain(squash('Hint: The type TXT, then the domain: TXT example.com'));
    term.type('TXT example.com');
    text = await promptOf(term, 'en', 3, PAUSE.en);
    expect(text).toContain('dns S: example.com. 300 IN TXT "v=spf1 ip4:127.0.0.1 -all"');
    term.key('Enter');
    for (const n of [4, 5, 6, 7]) {
      await promptOf(term, 'en', n, COMMAND.en);
      term.type(''); // the suggestion: EHLO, MAIL FROM:<alice@example.com>, RCPT TO, DATA
    }
    await promptOf(term, 'en', 8, MESSAGE.en);
    term.key('Enter'); // the prepared message; a data step asks nothing after it
    text = await promptOf(term, 'en', 9, PAUSE.en);
    expect(squash(text)).toContain(squash('MAIL FROM <alice@example.com> (from the envelope the server kept)'));
    expect(text).toContain('  dns C: TXT example.com');
    expect(text).toContain('  → spf=pass (matched ip4:127.0.0.1) ✓');
    expect(text).toMatch(/\n {2}Authentication-Results: \S+;\n {6}spf=pass smtp\.mailfrom=example\.com;\n/);
    expect(tooWide(term)).toEqual([]);
    term.key('Enter');
    // Through the spoof (10-14), what SPF does not see (15), the DKIM key (16), to the signed message (20).
    for (const n of [10, 11, 12]) {
      await promptOf(term, 'en', n, COMMAND.en);
      term.type('');
    }
    await promptOf(term, 'en', 13, MESSAGE.en);
    term.key('Enter');
    for (const n of [14, 15]) {
      await promptOf(term, 'en', n, PAUSE.en);
      term.key('Enter');
    }
    await promptOf(term, 'en', 16, QUERY.en);
    term.type('');
    for (const n of [17, 18, 19]) {
      await promptOf(term, 'en', n, COMMAND.en);
      term.type('');
    }
    await promptOf(term, 'en', 20, MESSAGE.en);
    term.key('Enter');
    text = await promptOf(term, 'en', 21, PAUSE.en);
    // The field l7lab added, each tag with its meaning in a column, then the check: pass.
    expect(text).toMatch(/\n {2}DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=example\.com; s=lab;\n/);
    expect(text).toMatch(/\n {2}d=example\.com {16}the signing domain: who takes responsibility for\n/);
    expect(text).toContain('  → dkim=pass (the body hash (bh=) matches the body) ✓');
    expect(tooWide(term)).toEqual([]);
    term.key('Enter');
    await promptOf(term, 'en', 22, COMMAND.en);
    term.type(':quit');
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 90_000);

  it('ja: the wrong name is said, the answer shows the query, and Enter sends it', async () => {
    const term = open('ja');
    await promptOf(term, 'ja', 1, PAUSE.ja);
    term.key('Enter');
    await promptOf(term, 'ja', 2, QUERY.ja);
    term.type('TXT example.net');
    let text = await promptOf(term, 'ja', 2, WHAT_NOW.ja);
    expect(squash(text)).toContain(squash('example.net について尋ねましたが、このステップで尋ねるのは example.com です: TXT example.com'));
    term.key('Down', 'Down', 'Enter'); // 答えを見る
    text = await promptOf(term, 'ja', 2, QUERY.ja);
    expect(squash(text)).toContain(squash('答え: 次の問い合わせを入力します:'));
    term.type('');
    text = await promptOf(term, 'ja', 3, PAUSE.ja);
    expect(squash(text)).toContain(squash('"v=spf1ip4:127.0.0.1-all" が example.com の SPF レコードで'));
    expect(tooWide(term)).toEqual([]);
    term.key('Enter');
    await promptOf(term, 'ja', 4, COMMAND.ja);
    term.type(':q');
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
  }, 90_000);
});
