import { describe, expect, it } from 'vitest';
import type { LessonContext } from '../../../src/tutor/context.js';
import { askLine } from '../../../src/tutor/lesson-helpers.js';
import { stripAnsi } from '../../../src/ui/width.js';
import { scriptedPrompts } from './scripted-prompts.js';

/** A context with only what askLine uses: the language, the prompts and the output. */
function ctxWith(lines: string[], lang: 'en' | 'ja' = 'en'): { ctx: LessonContext; printed: string[] } {
  const printed: string[] = [];
  const ctx = { lang, quiet: false, prompts: scriptedPrompts(lines), write: (t: string) => void printed.push(stripAnsi(t)) } as unknown as LessonContext;
  return { ctx, printed };
}

describe('a lesson prompt answers :qp and :word itself (the mime lesson uses them)', () => {
  it('prints their results and asks again; the next line is what goes out', async () => {
    const { ctx, printed } = ctxWith([':word 件名', ':qp -d Caf=C3=A9', ':help', 'Subject: =?UTF-8?B?5Lu25ZCN?=']);
    expect(await askLine(ctx, 'C:', undefined)).toBe('Subject: =?UTF-8?B?5Lu25ZCN?=');
    expect(printed[0]).toContain('=?UTF-8?B?5Lu25ZCN?=');
    expect(printed[1]).toContain('decoded (quoted-printable, RFC 2045 6.7): Café');
    expect(printed[2]).toContain(':qp [-d] <text>');
    expect(printed[2]).toContain(':word [-q|-d] <text>');
  });

  it('in Japanese too', async () => {
    const { ctx, printed } = ctxWith([':word -d =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=', 'QUIT'], 'ja');
    await askLine(ctx, 'C:', undefined);
    expect(printed[0]).toContain('デコード結果: テスト');
  });
});
