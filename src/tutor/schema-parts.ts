import { z } from 'zod';

/**
 * The pieces every step schema is made of (schema.ts, schema-query.ts): texts in both languages,
 * ids and names, OSI layers, patterns and captures.
 */
const text = z.string().trim().min(1, 'empty text');
export const localized = z.strictObject({ en: text, ja: text });
export type LocalizedText = z.infer<typeof localized>;

export const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and "-"');
export const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use a lowercase name such as laptop');
export const layer = z.enum(['L5', 'L6', 'L7']);
/** A JavaScript regular expression; checked to compile by the checker. */
export const pattern = z.string().min(1, 'empty pattern');
export const captures = z.record(name, pattern);

export const base = { id, title: localized.optional() };
