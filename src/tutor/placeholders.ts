import { PROTOCOLS } from '../protocol.js';

/**
 * `{name}` placeholders in lesson commands and texts, filled with this session's real values:
 * captures from replies (`{timestamp}`), compute results, `{password.alice}` from the lab's
 * accounts, `{port.smtp}` (`{port.https}`: the implicit-TLS port) and `{host}` from the lab. Names start with a letter, so IMAP's
 * literal notation `{12}` in a text is left alone.
 */
const PLACEHOLDER = /\{([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)?)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** `{port.http}`, and with an `s` the implicit-TLS port: `{port.https}`, `{port.imaps}`. */
const PORT = new RegExp(`^port\\.(${PROTOCOLS.join('|')})s?$`);

/** Names every lesson may use without capturing them first. */
export function isBuiltin(name: string): boolean {
  return name === 'host' || /^password\.[a-z0-9_-]+$/.test(name) || PORT.test(name);
}

export type Lookup = (name: string) => string | undefined;

/** Fill every placeholder; unknown ones stay visible as `{name}` so a mistake shows. */
export function fill(template: string, lookup: Lookup): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole);
}
