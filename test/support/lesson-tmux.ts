import { scratch } from './scratch.js';
import { Terminal } from './tmux.js';

/**
 * What the tmux tests of a lesson share: a terminal per language running `l7lab learn <id>` at
 * 80 columns, the prompts a lesson shows (in English and Japanese), and waiting for step n's
 * prompt. Each suite calls `lessonTerminals` once, at module level (scratch registers its hooks).
 */
export type Lang = 'en' | 'ja';

export const HEAD = { en: (n: number) => `Step ${n}/`, ja: (n: number) => `ステップ ${n}/` };
export const PAUSE = { en: /\n\? Press Enter to continue\s*$/, ja: /\n\? Enter キーで次へ\s*$/ };
export const QUERY = { en: /\n\? Type the query \(Enter alone sends: [^\n]*\)\s*$/, ja: /\n\? 問い合わせを入力（Enter だけで送信: [^\n]*）\s*$/ };
export const COMMAND = { en: /\n\? (?:\[\w+\] )?Type the command[^\n]*\s*$/, ja: /\n\? (?:\[\w+\] )?コマンドを入力[^\n]*\s*$/ };
export const MESSAGE = { en: /\n\? The message text:[\s\S]*$/, ja: /\n\? メッセージ本文:[\s\S]*$/ };
export const WHAT_NOW = { en: /\n\? What now\?[\s\S]*$/, ja: /\n\? どうしますか？[\s\S]*$/ };

export function lessonTerminals(lesson: string): { open(lang: Lang): Terminal; closeAll(): void } {
  const dir = scratch(`l7lab-${lesson}-tmux-`);
  const terms: Terminal[] = [];
  return {
    open(lang) {
      const term = new Terminal(dir.suiteDir());
      terms.push(term);
      term.start(`learn ${lesson} --lang ${lang}`, 80, 50);
      return term;
    },
    closeAll() {
      for (const t of terms) t.close();
    },
  };
}

/** The text after the last header of step `n`, once it ends with an open prompt matching `prompt`. */
export function promptOf(term: Terminal, lang: Lang, n: number, prompt: RegExp): Promise<string> {
  return term.waitFor(`step ${n} prompt ${prompt}`, (text) => {
    const at = text.lastIndexOf(HEAD[lang](n));
    return at >= 0 && prompt.test(text.slice(at));
  });
}
