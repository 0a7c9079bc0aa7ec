import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVE_TEXTS } from '../../../src/commands/serve-texts.js';
import { SCOPE_LEGEND } from '../../../src/ports/report.js';
import { SERVICES } from '../../../src/ports/services.js';

/**
 * Every Japanese sentence a learner reads is in the polite style (〜ます, 〜です), never the
 * plain one (〜した。, 〜ない。, 〜だ。, 〜する。): issue 21 item 5 found both mixed.
 * A parenthetical aside at the end, `(… を含む)`, is left to the sentence around it.
 */
const SRC = fileURLToPath(new URL('../../../src', import.meta.url));
const JA = /[\u3040-\u30ff\u4e00-\u9fff]/;
const POLITE = /(ます|です|ません|ました|でした|ましょう|ください|でしょう|ませんか)$/;
/** A sentence that ends on a verb, adjective or copula in its plain form. */
const PLAIN = /[うくぐすつぬぶむるただい]$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The string literals of a source file ('…', "…", `…`). */
function literals(source: string): string[] {
  const lit = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  return [...source.matchAll(lit)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function isPlain(sentence: string): boolean {
  const core = sentence.trim().replace(/\s*[(（][^()（）]*[)）]$/, '').replace(/[\s」』]+$/, '');
  return PLAIN.test(core) && !POLITE.test(core);
}

/** Sentences ended by 。 that end plain. */
function plainSentences(text: string): string[] {
  return text.split('。').slice(0, -1).filter(isPlain);
}

describe('Japanese messages are polite', () => {
  it('no sentence ending in 。 in any ja string of src/ is in the plain style', () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      literals(readFileSync(file, 'utf8'))
        .filter((s) => JA.test(s))
        .flatMap((s) => plainSentences(s).map((sentence) => `${file.slice(SRC.length + 1)}: ${sentence}。`)),
    );
    expect(found).toEqual([]);
  });

  it('the ports and serve tables end polite even without a 。 (services, scope legend, serve banner)', () => {
    const texts = [...SERVICES.map((s) => s.description.ja), ...Object.values(SCOPE_LEGEND).map((t) => t.ja), ...Object.values(SERVE_TEXTS).map((t) => t.ja)];
    expect(texts.filter((t) => isPlain(t.replace(/。$/, '')) || plainSentences(t).length > 0)).toEqual([]);
  });

  it('the check itself: catches the plain endings the issue names, passes polite ones', () => {
    for (const plain of ['見つからなかった。', 'ポート 53 で待ち受けているものはない。', 'これは平文だ。', 'サーバーに送る。', 'ログインした。']) expect(plainSentences(plain)).toHaveLength(1);
    for (const polite of ['見つかりませんでした。', 'ものはありません。', '平文です。', 'サーバーに送ります。', '確認してください。', 'Web 通信。', '削除します (通常は除く)。']) expect(plainSentences(polite)).toEqual([]);
  });
});
