import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';
import { squash } from '../support/text.js';
import { Terminal } from '../support/tmux.js';

/**
 * A real terminal at 80 columns: tmux runs `l7lab learn mime`. The learner greets with HELO
 * where the step wants EHLO and is led back (EHLO again, RFC 5321 4.1.4), sends the first
 * message with Enter alone (the computed encoded word, QP and base64 go out in it), then for the
 * SMTPUTF8 message types MAIL FROM without its parameters: the server takes it (250), the lesson
 * says what was missing, shows the way back (RSET, RFC 5321 4.1.1.5), and the step's own command
 * then works. Every wait polls the pane for a bounded time. Run `npm run build` first.
 */
const dir = scratch('l7lab-mime-tmux-');
const terms: Terminal[] = [];

function open(lang: 'en' | 'ja'): Terminal {
  const term = new Terminal(dir.suiteDir());
  terms.push(term);
  term.start(`learn mime --lang ${lang}`, 80, 50);
  return term;
}

afterAll(() => {
  for (const t of terms) t.close();
});

const HEAD = { en: (n: number) => `Step ${n}/`, ja: (n: number) => `ステップ ${n}/` };
/** Any open prompt: the last line on screen is a question not yet answered (or a menu under one). */
const OPEN = /\n\? [^\n]*(\n[❯ ] [^\n]*)*(\n\s*↑↓[^\n]*)?\s*$/;
const COMMAND = { en: /\n\? \[laptop\] Type the command[^\n]*\s*$/, ja: /\n\? \[laptop\] コマンドを入力[^\n]*\s*$/ };
const WHAT_NOW = { en: /\n\? What now\?[\s\S]*$/, ja: /\n\? どうしますか？[\s\S]*$/ };

function promptOf(term: Terminal, lang: 'en' | 'ja', n: number, prompt: RegExp): Promise<string> {
  return term.waitFor(`step ${n} prompt ${prompt}`, (text) => {
    const at = text.lastIndexOf(HEAD[lang](n));
    return at >= 0 && prompt.test(text.slice(at));
  });
}

/** Enter at every prompt of steps 1..last: pauses, suggested commands, "send the prepared message". */
async function enterThrough(term: Terminal, lang: 'en' | 'ja', first: number, last: number): Promise<void> {
  for (let n = first; n <= last; n++) {
    // A step may ask twice (the data step's menu); Enter until the next step's header shows.
    for (let i = 0; i < 3; i++) {
      const text = await term.waitFor(`step ${n} open`, (t) => t.includes(HEAD[lang](n + 1)) || OPEN.test(t.slice(t.lastIndexOf(HEAD[lang](n)))));
      if (text.includes(HEAD[lang](n + 1))) break;
      term.key('Enter');
      await term.waitFor(`step ${n} answered`, (t) => t.includes(HEAD[lang](n + 1)) || !OPEN.test(t.slice(t.lastIndexOf(HEAD[lang](n)))));
    }
  }
}

describe('l7lab learn mime in a real terminal (tmux, 80 columns)', () => {
  it('en: HELO for EHLO is led back with EHLO; MAIL FROM without SMTPUTF8 gets 250, what it lacks, the way back (RSET), then the step goes on', async () => {
    const term = open('en');
    await enterThrough(term, 'en', 1, 4);
    // Step 5 wants EHLO; HELO is a real command (RFC 5321 4.1.1.1) that greets without extensions.
    await promptOf(term, 'en', 5, COMMAND.en);
    term.type('HELO laptop.example');
    let text = await promptOf(term, 'en', 5, WHAT_NOW.en);
    expect(text).toContain('"HELO" is a command too, but this step asks for EHLO.');
    term.key('Down', 'Enter'); // Show how to get back: EHLO again (RFC 5321 4.1.4)
    text = await promptOf(term, 'en', 5, COMMAND.en);
    expect(squash(text)).toContain(squash('Way out: type EHLO laptop.example.'));
    term.key('Enter');
    await enterThrough(term, 'en', 6, 13);
    text = await promptOf(term, 'en', 14, COMMAND.en);
    expect(term.lines()).toContain('laptop C: Subject: =?UTF-8?B?5Lya6K2w44Gu6LOH5paZ?=');
    expect(term.lines()).toMatch(/laptop S: 250 2\.0\.0 Ok: queued as/);

    term.type('MAIL FROM:<alice@example.com>');
    text = await promptOf(term, 'en', 14, WHAT_NOW.en);
    expect(text).toMatch(/laptop S: 250 2\.1\.0 Ok/);
    expect(squash(text)).toContain(squash('Right command, but MAIL needs more: MAIL FROM:<alice@example.com> BODY=8BITMIME SMTPUTF8.'));

    term.key('Down', 'Enter'); // Show how to get back
    text = await promptOf(term, 'en', 14, COMMAND.en);
    expect(squash(text)).toContain(squash('Way out: type RSET.'));
    term.type('RSET');
    text = await term.waitFor('back on the path', (t) => /Back on the path/.test(t) && COMMAND.en.test(t));
    expect(text).toMatch(/laptop S: 250 2\.0\.0 Ok/);
    term.key('Enter'); // the step's own command, suggested
    text = await promptOf(term, 'en', 15, COMMAND.en);
    expect(text).toMatch(/laptop C: MAIL FROM:<alice@example\.com> BODY=8BITMIME SMTPUTF8/);

    term.type(':quit');
    text = await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t));
    expect(text).toContain('EXIT:0');
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 120_000);

  it('ja: the same miss is explained in Japanese', async () => {
    const term = open('ja');
    await enterThrough(term, 'ja', 1, 13);
    await promptOf(term, 'ja', 14, COMMAND.ja);
    term.type('MAIL FROM:<alice@example.com>');
    const text = await promptOf(term, 'ja', 14, WHAT_NOW.ja);
    expect(squash(text)).toContain(squash('コマンドは合っていますが、MAIL には続きが必要です: MAIL FROM:<alice@example.com> BODY=8BITMIME SMTPUTF8'));
    term.key('Down', 'Enter');
    expect(squash(await promptOf(term, 'ja', 14, COMMAND.ja))).toContain('RSET');
    term.type(':quit');
    expect(await term.waitFor('the lesson to stop', (t) => /EXIT:\d+/.test(t))).toContain('EXIT:0');
  }, 120_000);
});
