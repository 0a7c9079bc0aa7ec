import { detectLang, type Lang } from './i18n.js';

/**
 * commander's usage errors (and l7lab's own option-value errors) in polite Japanese. They are
 * raised before any command parses its --lang, so the language comes from argv's --lang, else
 * from LC_ALL/LC_MESSAGES/LANG. An unrecognised line stays English rather than half translated.
 */
export function usageLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg?.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === 'en' || value === 'ja') return value;
  }
  return detectLang(env);
}

/** The pieces after "is invalid." that parsePort/parsePositiveInt/parseNonNegativeInt write. */
const REASONS: [RegExp, string][] = [
  [/^invalid port "(.*)": use a number from 0 to 65535$/, 'ポートは 0 から 65535 までの数で指定してください。'],
  [/^invalid number "(.*)": use a whole number from (\d+)$/, '$2 以上の整数で指定してください。'],
  [/^Allowed choices are (.*)\.$/, '$1 のどれかを指定してください。'],
];

function reason(text: string): string | null {
  for (const [re, ja] of REASONS) if (re.test(text)) return text.replace(re, ja);
  return null;
}

function suggestion(text: string): string | null {
  if (text === '') return '';
  const m = /^ \(did you mean (.+)\?\)$/.exec(text);
  return m ? `${m[1]} のことですか？` : null;
}

const MESSAGES: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [/^missing required argument '(.+)'$/, (m) => `必須の引数 '${m[1]}' がありません。`],
  [/^unknown option '(.+?)'(.*)$/, (m) => withHint(`不明なオプション '${m[1]}' です。`, m[2] ?? '')],
  [/^unknown command '(.+?)'(.*)$/, (m) => withHint(`不明なコマンド '${m[1]}' です。`, m[2] ?? '')],
  [/^option '(.+)' argument missing$/, (m) => `オプション '${m[1]}' に値がありません。`],
  [
    /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => `${m[1] ? `'${m[1]}' の` : ''}引数が多すぎます。${m[2]} 個までのところ、${m[3]} 個あります。`,
  ],
  [
    /^option '(.+)' argument '(.*)' is invalid\. (.+)$/,
    (m) => {
      const why = reason(m[3] ?? '');
      return why === null ? null : `オプション '${m[1]}' の値 '${m[2]}' は使えません。${why}`;
    },
  ],
];

function withHint(text: string, hint: string): string | null {
  const ja = suggestion(hint);
  return ja === null ? null : `${text}${ja}`;
}

/** One usage line with its help pointer, in the learner's language. */
export function usageMessage(line: string, help: string, lang: Lang): string {
  if (lang === 'ja') {
    for (const [re, render] of MESSAGES) {
      const m = re.exec(line);
      const ja = m ? render(m) : null;
      if (ja !== null) return `${ja} (詳しくは ${help} --help をご覧ください)`;
    }
  }
  return `${line} (see ${help} --help)`;
}
