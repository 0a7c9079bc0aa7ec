/** The two languages lessons and CLI messages are written in. */
export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];

/** A text in every language; lessons and knowledge tables use this shape. */
export type Localized = Record<Lang, string>;

/** LC_ALL overrides LC_MESSAGES overrides LANG (POSIX locale precedence); ja* -> Japanese. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Thrown for a --lang value that is neither en nor ja; `lang` is the language to say so in (from the locale). */
export class UnknownLangError extends RangeError {
  constructor(
    readonly value: string,
    readonly lang: Lang,
  ) {
    super(localize(UNKNOWN_LANG, lang, { value }));
    this.name = 'UnknownLangError';
  }
}

const UNKNOWN_LANG: Localized = {
  en: 'unknown language "{value}": use en or ja',
  ja: '言語 "{value}" には対応していません。en か ja を指定してください',
};

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (value === undefined) return detectLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new UnknownLangError(value, detectLang(env));
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Put values into a message's `{name}` placeholders; an unknown name stays visible as `{name}`. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The one localized-message helper: a text in the learner's language with its `{name}` placeholders filled. */
export function localize(text: Localized, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(text[lang], vars);
}

/** A table of messages as one `(lang, key, vars)` function, so each table's keys are checked by the compiler. */
export function messages<K extends string>(table: Readonly<Record<K, Localized>>): (lang: Lang, key: K, vars?: Record<string, string | number>) => string {
  return (lang, key, vars = {}) => localize(table[key], lang, vars);
}

/**
 * A system error (file system, sockets) as the reason part of a message. Node words it in
 * English (`EACCES: permission denied, mkdir '/x'`); under Japanese only its code and path
 * stay, which read the same in any language (`EACCES /x`).
 */
export function systemReason(err: unknown, lang: Lang): string {
  const e = err as Partial<NodeJS.ErrnoException> | null;
  const message = err instanceof Error ? err.message : String(err);
  if (lang === 'en' || typeof e?.code !== 'string') return message;
  return typeof e.path === 'string' ? `${e.code} ${e.path}` : e.code;
}
