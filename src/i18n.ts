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

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (value === undefined) return detectLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new RangeError(`unknown language "${value}": use en or ja`);
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Put values into a message's `{name}` placeholders; an unknown name stays visible as `{name}`. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
