/**
 * Every AuthStep key of the engine, in English and Japanese, and the one function that renders a
 * step in the learner's language (the engine never translates: DESIGN.md "One transcript").
 */
import { DKIM_TEXTS } from './messages-dkim.js';
import { DMARC_TEXTS } from './messages-dmarc.js';
import { SPF_TEXTS } from './messages-spf.js';
import type { AuthStep, AuthText } from './types.js';

export type { AuthText } from './types.js';

export const AUTH_TEXTS: Readonly<Record<string, AuthText>> = { ...SPF_TEXTS, ...DKIM_TEXTS, ...DMARC_TEXTS };

/** A step in `lang`, its {params} filled in; an unknown key shows as itself (a test keeps every key known). */
export function authStepText(step: AuthStep, lang: 'en' | 'ja'): string {
  const text = AUTH_TEXTS[step.key]?.[lang] ?? step.key;
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => step.params[name] ?? whole);
}
