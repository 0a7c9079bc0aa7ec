/**
 * Text without any white space. Lesson and shell output is wrapped to the terminal (ui/wrap.ts):
 * English breaks at spaces, Japanese between characters, so a sentence is compared squashed.
 */
export const squash = (text: string): string => text.replace(/\s+/g, '');

/** Every `{ en, ja }` text anywhere in a parsed lesson file, per language (what the learner reads). */
export function textsOf(node: unknown, into: { en: string[]; ja: string[] } = { en: [], ja: [] }): { en: string[]; ja: string[] } {
  if (Array.isArray(node)) for (const n of node) textsOf(n, into);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.en === 'string' && typeof o.ja === 'string') {
      into.en.push(o.en);
      into.ja.push(o.ja);
    } else for (const v of Object.values(o)) textsOf(v, into);
  }
  return into;
}
