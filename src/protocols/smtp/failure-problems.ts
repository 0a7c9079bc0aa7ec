import { localize, type Lang, type Localized } from '../../i18n.js';

/**
 * Why a failure rule (`--fail stage:pattern=action[ @N%]`) was refused, as data: a kind and its
 * values. The same words in English and Japanese; the CLI says them in the user's language
 * (FailRuleError's own message is the English one, for logs and tests).
 */
export type FailProblemKind = 'stage' | 'no-action' | 'pattern' | 'delay-form' | 'delay-max' | 'not-action' | 'not-failure' | 'auth-535' | 'enhanced-class' | 'probability';

export interface FailProblem {
  kind: FailProblemKind;
  vars?: Record<string, string | number>;
}

const PROBLEMS: Record<FailProblemKind, Localized> = {
  stage: { en: 'it must begin with a stage: {stages}', ja: '先頭に段階を書いてください: {stages}' },
  'no-action': { en: 'the action is missing after "="', ja: '「=」の後に動作がありません' },
  pattern: { en: 'the pattern must be one word, such as * or *@bounce.test', ja: 'パターンは * や *@bounce.test のように 1 語で書いてください' },
  'delay-form': { en: 'a delay is "delay <n>s" or "delay <n>ms"', ja: '遅延は「delay <n>s」か「delay <n>ms」と書きます' },
  'delay-max': { en: 'a delay may be at most {seconds}s', ja: '遅延は最大 {seconds} 秒です' },
  'not-action': {
    en: '"{text}" is not an action: use a reply code such as 550 or 451 4.3.0, "delay 3s" or "drop"',
    ja: '「{text}」は動作ではありません: 550 や 451 4.3.0 のような応答コード、「delay 3s」、「drop」のいずれかを使ってください',
  },
  'not-failure': {
    en: '{code} is not a failure: use a 4xx (temporary) or 5xx (permanent) code',
    ja: '{code} は失敗の応答ではありません: 4xx（一時的）か 5xx（恒久的）のコードを使ってください',
  },
  'auth-535': {
    en: '535 is what a wrong password gets anyway: simulate 454 or another code',
    ja: '535 は誤ったパスワードにいつも返される応答です: 454 など別のコードを模擬してください',
  },
  // RFC 3463 2 and RFC 2034 4: the enhanced code's class repeats the reply code's first digit.
  'enhanced-class': {
    en: 'enhanced code {enhanced} must begin with {digit}, as {code} does (RFC 3463 2, RFC 2034 4)',
    ja: '拡張ステータスコード {enhanced} は {code} と同じく {digit} で始まる必要があります（RFC 3463 2、RFC 2034 4）',
  },
  probability: { en: '@{text}% is not a probability: use @1% to @100%', ja: '@{text}% は確率ではありません: @1% から @100% までを使ってください' },
};

const FRAME: Localized = {
  en: '{where}invalid failure rule "{rule}": {problem}; write stage:pattern=action, e.g. rcpt:*@bounce.test=550 5.1.1',
  ja: '{where}失敗ルール「{rule}」は使えません: {problem}。stage:pattern=action の形で書いてください（例: rcpt:*@bounce.test=550 5.1.1）',
};
const LINE: Localized = { en: 'line {line}: ', ja: '{line} 行目: ' };

/** One line saying what is wrong with `rule` and how to write one, in `lang`. */
export function failRuleMessage(rule: string, problem: FailProblem, lang: Lang, line?: number): string {
  const where = line ? localize(LINE, lang, { line }) : '';
  return localize(FRAME, lang, { where, rule, problem: localize(PROBLEMS[problem.kind], lang, problem.vars ?? {}) });
}
