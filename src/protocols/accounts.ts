import { safeEqual } from './sasl.js';

/**
 * The lab's accounts: name -> password, kept in clear because APOP and CRAM-MD5 need the
 * shared secret itself (RFC 1939 7, RFC 2195 3: one of the weaknesses the lessons teach).
 * Names are case-insensitive and equal to the mailbox account (local part).
 */
export class Accounts {
  private readonly passwords = new Map<string, string>();

  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, password] of entries) this.set(name, password);
  }

  set(name: string, password: string): void {
    this.passwords.set(name.toLowerCase(), password);
  }

  names(): string[] {
    return [...this.passwords.keys()].sort();
  }

  /** The clear secret (for APOP and CRAM-MD5), or undefined for an unknown user. */
  secret(name: string): string | undefined {
    return this.passwords.get(name.toLowerCase());
  }

  /** True only for a known user with this password; the caller must not say which part failed. */
  verify(name: string, password: string): boolean {
    const known = this.passwords.get(name.toLowerCase());
    // Compare against something even for unknown users so both paths take similar time.
    return safeEqual(known ?? '\0unknown', password) && known !== undefined;
  }

  entries(): Array<[string, string]> {
    return [...this.passwords.entries()];
  }
}

/** The demo accounts lessons and `serve` use unless told otherwise. */
export const DEMO_ACCOUNTS: ReadonlyArray<[string, string]> = [
  ['alice', 'wonderland'],
  ['bob', 'builder'],
];

/** Parse `name:password` from `--user`. */
export function parseUserSpec(spec: string): [string, string] | null {
  const i = spec.indexOf(':');
  if (i <= 0 || i === spec.length - 1) return null;
  const name = spec.slice(0, i);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return null;
  return [name, spec.slice(i + 1)];
}
