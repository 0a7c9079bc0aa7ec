/**
 * Text without any white space. Lesson and shell output is wrapped to the terminal (ui/wrap.ts):
 * English breaks at spaces, Japanese between characters, so a sentence is compared squashed.
 */
export const squash = (text: string): string => text.replace(/\s+/g, '');
