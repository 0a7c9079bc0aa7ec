import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/width.js';
import { PAUSE, QUERY, WHAT_NOW, lessonTerminals, promptOf } from '../support/lesson-tmux.js';
import { squash } from '../support/text.js';
import type { Terminal } from '../support/tmux.js';

/**
 * A real terminal at 80 columns: tmux runs `l7lab learn dns`, we type DNS queries like a learner,
 * wrong ones included (a typo answered NXDOMAIN, the wrong record type), read why, take the hint
 * or retry from the menu, and get the expected answers: the query's bytes field by field, the
 * MX record. In English and in Japanese. Every wait polls the pane for a bounded time
 * (test/support/tmux.ts). Run `npm run build` first (npm test does).
 */
const terms = lessonTerminals('dns');
const open = (lang: 'en' | 'ja') => terms.open(lang);
afterAll(() => terms.closeAll());

/** Through the three opening steps (two texts and the lab's endpoints) to the first query. */
async function toFirstQuery(term: Terminal, lang: 'en' | 'ja'): Promise<void> {
  for (const n of [1, 2, 3]) {
    await promptOf(term, lang, n, PAUSE[lang]);
    term.key('Enter');
  }
  await promptOf(term, lang, 4, QUERY[lang]);
}

describe('l7lab learn dns in a real terminal (tmux, 80 columns)', () => {
  it('en: a typo gets NXDOMAIN and the sentence that leads back, the hint, then the bytes and the MX record', async () => {
    const term = open('en');
    await toFirstQuery(term, 'en');
    term.type('A exmaple.test');
    let text = await promptOf(term, 'en', 4, WHAT_NOW.en);
    expect(text).toContain('dns C: A exmaple.test');
    expect(text).toMatch(/dns S: ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: \d+/);
    expect(squash(text)).toContain(squash('You asked about exmaple.test; this step asks about example.test: A example.test'));
    expect(squash(text)).toContain(squash('exmaple.test does not exist in the lab (NXDOMAIN): check the spelling.'));

    term.key('Down', 'Enter'); // Show a hint
    text = await promptOf(term, 'en', 4, QUERY.en);
    expect(squash(text)).toContain(squash('Hint: The type first, then the name: A example.test'));
    term.type('A example.test');
    text = await promptOf(term, 'en', 5, QUERY.en);
    // The query's bytes, one field a row, each row whole within 80 columns (RFC 1035 4.1.1, 4.1.2).
    expect(text).toMatch(/\n {2}0000 {2}[0-9a-f]{2} [0-9a-f]{2} +field id = \d+\n/);
    expect(text).toMatch(/\n {2}000c {2}07 65 78 61 6d 70 6c 65 {2}field qname = example\.test\.\n/);
    expect(text).toMatch(/dns S: example\.test\. 300 IN A 127\.0\.0\.1/);

    term.type('A example.test'); // the wrong type for the MX step
    text = await promptOf(term, 'en', 5, WHAT_NOW.en);
    expect(squash(text)).toContain(squash('You asked for A records; this step asks for MX: MX example.test'));
    term.key('Enter'); // Try again
    await term.waitFor('a fresh query prompt', (t) => QUERY.en.test(t));
    term.type('MX example.test');
    text = await promptOf(term, 'en', 6, QUERY.en);
    expect(text).toMatch(/dns S: example\.test\. 300 IN MX 10 mail\.example\.test\./);
    // The tutor's own words (the lesson, the hex rows, the explanations) fit the 80 columns; only wire lines may be longer.
    const own = term.lines().split('\n').filter((l) => !/^dns [CS]: /.test(l));
    expect(own.filter((l) => displayWidth(l) > 80)).toEqual([]);

    term.type(':quit');
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 90_000);

  it('ja: the same lesson and the same ways out, in Japanese', async () => {
    const term = open('ja');
    await toFirstQuery(term, 'ja');
    term.type('MX example.test');
    let text = await promptOf(term, 'ja', 4, WHAT_NOW.ja);
    expect(squash(text)).toContain(squash('MX レコードを尋ねましたが、このステップで尋ねるのは A です: A example.test'));
    term.key('Down', 'Down', 'Enter'); // 答えを見る
    text = await promptOf(term, 'ja', 4, QUERY.ja);
    expect(squash(text)).toContain(squash('答え: 次の問い合わせを入力します:'));
    term.type('MX');
    text = await term.waitFor('the parse error', (t) => squash(t).includes(squash('どの名前ですか？ MX の後に名前を入力してください。')));
    term.type('');
    text = await promptOf(term, 'ja', 5, QUERY.ja);
    expect(text).toMatch(/dns S: example\.test\. 300 IN A 127\.0\.0\.1/);
    term.type(':q');
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
  }, 90_000);
});
