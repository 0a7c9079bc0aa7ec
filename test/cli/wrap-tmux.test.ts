import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/width.js';
import { Terminal } from '../support/tmux.js';
import { scratch } from '../support/scratch.js';

/**
 * Issue 14 in a real terminal: text fits the window (80x24 and 120x40, English and Japanese)
 * and a command the learner must type is never split across two rows; in the tls lesson the
 * learner types STARTTLS, with the same retry choices as any command. Run `npm run build` first.
 */
const home = scratch('l7lab-wrap-').suiteDir();
let term: Terminal;

beforeAll(() => {
  term = new Terminal(home);
});

afterAll(() => {
  term.close();
});

const WORDS = {
  en: { step: 'Step', pause: /\n\? Press Enter to continue/, command: /\n\? \[laptop\] Type the command/ },
  ja: { step: 'ステップ', pause: /\n\? Enter キーで次へ/, command: /\n\? \[laptop\] コマンドを入力/ },
} as const;

/** The screen once step `n` of `total` shows a prompt matching `prompt`. */
function stepPrompt(lang: 'en' | 'ja', n: number, total: number, prompt: RegExp): Promise<string> {
  return term.waitFor(`step ${n} ${prompt}`, (text) => {
    const at = text.lastIndexOf(`${WORDS[lang].step} ${n}/${total}`);
    return at >= 0 && prompt.test(text.slice(at));
  });
}

/** Lines the tutor wrote (not the wire lines, which are never wrapped, nor inquirer's own prompt lines). */
const tutorLines = (text: string) => text.split('\n').filter((l) => !/^\s*(?:\S+ )?[CS]: /.test(l) && !/^\? /.test(l));

describe('lesson text in a real terminal', { timeout: 120_000 }, () => {
  for (const [cols, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    for (const lang of ['en', 'ja'] as const) {
      it(`smtp-basics at ${cols}x${rows} in ${lang}: every line fits, RCPT TO:<bob@example.com> is never split`, async () => {
        const w = WORDS[lang];
        // Progress of its own, so no run is offered to resume another's.
        term.start(`learn smtp-basics --lang ${lang}`, cols, rows, { XDG_STATE_HOME: join(home, `state-${cols}-${lang}`) });
        await stepPrompt(lang, 1, 14, w.pause);
        term.key('Enter');
        await stepPrompt(lang, 2, 14, w.pause);
        term.key('Enter');
        await stepPrompt(lang, 3, 14, w.command);
        term.key('Enter'); // the suggestion: EHLO
        const text = await stepPrompt(lang, 4, 14, w.command);
        const tooWide = tutorLines(text).filter((l) => displayWidth(l) > cols);
        expect(tooWide).toEqual([]);
        // Rows as shown: wherever the step text names the command, the whole command is on that row.
        const shown = term.rows().split('\n');
        const mentions = shown.filter((r) => /RCPT|<bob@/.test(r) && !/^\s*(?:\S+ )?[CS]: /.test(r) && !/^\? /.test(r));
        expect(mentions.length).toBeGreaterThan(0);
        for (const row of mentions) expect(row).toContain('RCPT TO:<bob@example.com>');
        // The intro's long paragraph took several rows at 80, fewer at 120: it really wraps to the window.
        const intro = tutorLines(text).filter((l) => l.trim().length > 0);
        expect(Math.max(...intro.map(displayWidth))).toBeGreaterThan(cols - 20);
      });
    }
  }

  it('tls at 80x24: the learner types STARTTLS; a wrong command gets the real reply and the usual choices', async () => {
    term.start('learn tls --lang en', 80, 24);
    const w = WORDS.en;
    await stepPrompt('en', 1, 16, w.pause);
    term.key('Enter');
    await stepPrompt('en', 2, 16, w.pause);
    term.key('Enter');
    await stepPrompt('en', 3, 16, w.command);
    term.key('Enter'); // EHLO
    await stepPrompt('en', 4, 16, w.pause);
    term.key('Enter');
    await stepPrompt('en', 5, 16, w.command);
    term.key('Enter'); // AUTH PLAIN in clear
    let text = await stepPrompt('en', 6, 16, w.command);
    expect(text).toContain('type STARTTLS');
    term.type('STLS'); // POP3's name, on an SMTP connection
    text = await stepPrompt('en', 6, 16, /\n\? What now\?/);
    expect(text).toMatch(/laptop C: STLS/);
    expect(text).toMatch(/laptop S: 500 /);
    term.key('Enter'); // Try again
    await term.waitFor('a new prompt for step 6', (t) => /Try again[\s\S]*\n\? \[laptop\] Type the command[^\n]*\n?\s*$/.test(t.trimEnd() + '\n'));
    term.type('starttls');
    // The handshake's summary (version, cipher, certificate) waits to be read before step 7.
    text = await stepPrompt('en', 6, 16, w.pause);
    term.key('Enter');
    text = await stepPrompt('en', 7, 16, w.command);
    expect(text).toMatch(/laptop C: starttls/);
    expect(text).toMatch(/laptop S: 220 /);
    expect(text).toMatch(/== TLS: TLSv1\.[23]/);
    term.key('Enter'); // EHLO again, now inside TLS
    text = await stepPrompt('en', 8, 16, w.command);
    expect(text).toMatch(/laptop C: \[TLS\] EHLO laptop\.example\.com/);
  });
});
