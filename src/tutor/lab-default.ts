/**
 * The lab a lesson's steps use when they name none. Its own module, without zod: the
 * lesson runner needs the name, only the schema (schema.ts) needs the validator.
 */
export const DEFAULT_LAB = 'main';
