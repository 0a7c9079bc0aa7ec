import { SYSTEM_FLAGS, type SystemFlag } from './types.js';

/**
 * Flags as the store keeps them (RFC 3501 2.3.2): system flags in their canonical spelling,
 * keywords as given, duplicates dropped case-insensitively, sorted. \Recent is never stored:
 * it belongs to one session, so each IMAP session works it out itself. Other "\" names are
 * not flags a client may set (RFC 3501 2.3.2 reserves them), so they are dropped.
 */
const SYSTEM_BY_LOWER = new Map<string, SystemFlag>(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));

export function normalizeFlags(flags: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const flag of flags) {
    if (flag.length === 0) continue;
    const lower = flag.toLowerCase();
    if (flag.startsWith('\\')) {
      const system = SYSTEM_BY_LOWER.get(lower);
      if (system) seen.set(lower, system);
      continue;
    }
    if (!seen.has(lower)) seen.set(lower, flag);
  }
  return [...seen.values()].sort();
}

export function isSeen(flags: readonly string[]): boolean {
  return flags.includes('\\Seen');
}

export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
