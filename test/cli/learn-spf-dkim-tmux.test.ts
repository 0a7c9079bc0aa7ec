import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/width.js';
import { scratch } from '../support/scratch.js';
import { squash } from '../support/text.js';
import { Terminal } from '../support/tmux.js';

/**
 * A real terminal at 80 columns: tmux runs `l7lab learn spf-dkim`, we ask the lab DNS for the
 * SPF record the wrong way first (the wrong type, then the wrong name), read why, take the hint
 * or the answer, then send alice's mail and read the SPF check of it: each step, the result and
 * the Authentication-Results field, the tutor's own lines within 80 columns. In English and in
 * Japanese. Every wait polls the pane for a bounded time. Run `npm run build` first.
 */
const dir = scratch('l7lab-spf-dkim-tmux-');
const terms: Terminal[] = [];

function open(lang: 'en' | 'ja'): Terminal {
  const term = new Terminal(dir.suiteDir());
  terms.push(term);
  term.start(`learn spf-dkim --lang ${lang}`, 80, 50);
  return term;
}

afterAll(() => {
  for (const t of terms) t.close();
});

const HEAD = { en: (n: number) => `Step ${n}/`, ja: (n: number) => `ステップ ${n}/` };
const PAUSE = { en: /\n\? Press Enter to continue\s*$/, ja: /\n\? Enter キーで次へ\s*$/ };
const QUERY = { en: /\n\? Type the query \(Enter alone sends: [^\n]*\)\s*$/, ja: /\n\? 問い合わせを入力（Enter だけで送信: [^\n]*）\s*$/ };
const COMMAND = { en: /\n\? (?:\[\w+\] )?Type the command[^\n]*\s*$/, ja: /\n\? (?:\[\w+\] )?コマンドを入力[^\n]*\s*$/ };
const MESSAGE = { en: /\n\? The message text:[\s\S]*$/, ja: /\n\? メッセージ本文:[\s\S]*$/ };
const WHAT_NOW = { en: /\n\? What now\?[\s\S]*$/, ja: /\n\? どうしますか？[\s\S]*$/ };

/** The text after the last header of step `n`, once it ends with an open prompt matching `prompt`. */
function promptOf(term: Terminal, lang: 'en' | 'ja', n: number, prompt: RegExp): Promise<string> {
  return term.waitFor(`step ${n} prompt ${prompt}`, (text) => {
    const at = text.lastIndexOf(HEAD[lang](n));
    return at >= 0 && prompt.test(text.slice(at));
  });
}

/** Wire lines (`dns S:`, `sending C:`) are the protocol's own and may be longer; everything else fits. */
function tooWide(term: Terminal): string[] {
  return term.lines().split('\n').filter((l) => !/^(dns|sending) [CS]: /.test(l) && displayWidth(l) > 80);
}

describe('l7lab learn spf-dkim in a real terminal (tmux, 80 columns)', () => {
  it('en: the wrong record type is said, the hint leads on; then alice\'s mail passes SPF, shown step by step', async () => {
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
    expect(text).toMatch(/\n {2}Authentication-Results: \S+;\n {6}spf=pass smtp\.mailfrom=alice@example\.com\n/);
    expect(tooWide(term)).toEqual([]);
    term.key('Enter');
    await promptOf(term, 'en', 10, COMMAND.en);
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
