import { UsageError } from '../errors.js';
import { parseLang, UnknownLangError, type Lang } from '../i18n.js';
import type { Protocol } from '../protocol.js';

/**
 * Flags as commander hands them over, turned into typed values once. Every command reads
 * `--lang` through `langOption`; serve's default ports live in `SERVE_PORTS`, which program.ts
 * (the flags' defaults), serve's config, its help text, its client snippets and the menu
 * all read. Imported eagerly by program.ts: keep it free of heavy dependencies.
 */
export type Options = Record<string, unknown>;

/**
 * `--lang en|ja`, else the locale (LC_ALL, LC_MESSAGES, LANG). A bad value is a usage error
 * (exit 2) said in the locale's language; `prefix` names the command (`mail: ...`).
 */
export function langOption(opts: Options, env: NodeJS.ProcessEnv = process.env, prefix = ''): Lang {
  try {
    return parseLang(typeof opts.lang === 'string' ? opts.lang : undefined, env);
  } catch (err) {
    if (err instanceof UnknownLangError) throw new UsageError(`${prefix}${err.message}`);
    throw err;
  }
}

/**
 * `l7lab serve`'s default ports: each well-known port moved above 1024 (no root needed) by
 * writing it after a 2 or as 2xxx: 25 -> 2525, 110 -> 2110, 143 -> 2143, 80 -> 2080, 53 -> 2053
 * (RFC 5321, 1939, 9051; RFC 9110 4.2.1; RFC 1035 4.2); implicit TLS like 465, 995, 993 (RFC 8314 7) and 443 (RFC 9110
 * 4.2.2: HTTPS); submission like 587 (RFC 6409 3.1).
 * ports/services.ts names the same ports (a test checks they agree).
 */
export const SERVE_PORTS: {
  readonly plain: Readonly<Record<Protocol, number>>;
  /** DNS has no implicit-TLS port here (DNS over TLS, RFC 7858, is not served). */
  readonly implicitTls: Readonly<Record<Exclude<Protocol, 'dns'>, number>>;
  readonly submission: number;
} = {
  plain: { smtp: 2525, pop3: 2110, imap: 2143, http: 2080, dns: 2053 },
  implicitTls: { smtp: 2465, pop3: 2995, imap: 2993, http: 2443 },
  submission: 2587,
};
