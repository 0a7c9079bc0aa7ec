import type { Lang } from '../i18n.js';
import type { KnowledgeRef } from './transcript.js';

/**
 * Small pieces every protocol's describe (key -> text) uses: own-key table lookup, a key's param
 * as text, the gap between two sentences, and a text's first sentence, in either language.
 */

/** Own keys only: a name from the wire must never reach Object.prototype. */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A key's param as text ('' when absent). */
export function param(ref: KnowledgeRef, name: string): string {
  const v = ref.params?.[name];
  return v === undefined ? '' : String(v);
}

/** Between two sentences: a space in English, nothing after a Japanese 。. */
export const gap = (lang: Lang): string => (lang === 'ja' ? '' : ' ');

/** The first sentence of a text (English ". ", Japanese "。"). */
export function firstSentence(text: string): string {
  const ja = text.indexOf('。');
  if (ja >= 0) return text.slice(0, ja + 1);
  const en = text.indexOf('. ');
  return en >= 0 ? text.slice(0, en + 1) : text;
}
