import { UsageError } from '../errors.js';
import { serveText } from './serve-texts.js';
import type { Lang } from '../i18n.js';
import { langOption, SERVE_PORTS, type Options } from './options.js';
import { DEMO_ACCOUNTS, parseUserSpec } from '../protocols/accounts.js';
import type { Protocol } from '../protocol.js';
import { defaultMailStoreDir } from '../paths.js';
import { FailRuleError, parseFailRule, type FailRule } from '../protocols/smtp/failure-rules.js';

/** `l7lab serve`'s flags, checked and with defaults applied: pure, so it is tested alone. */
export interface ServeConfig {
  host: string;
  ports: Record<Protocol, number>;
  /** null = in memory (--memory). */
  storeDir: string | null;
  users: Array<[string, string]>;
  authRequired: boolean;
  maxMessageSize: number | undefined;
  /** --max-messages: the oldest captured transactions beyond this are dropped. */
  maxMessages: number | undefined;
  output: 'transcript' | 'quiet' | 'json';
  showSecrets: boolean;
  lang: Lang;
  /** null = --no-tls: no STARTTLS, no implicit-TLS ports. */
  tls: ServeTls | null;
  /** --fail rules, parsed; --fail-file is read (and appended) by the command. */
  failRules: FailRule[];
  failFile: string | null;
  /** --fail-seed: the @N% chances repeat from run to run; null = Math.random. */
  failSeed: number | null;
}

export interface ServeTls {
  /** The user's own pair (--tls-cert/--tls-key); else the lab certificate. */
  certPath?: string;
  keyPath?: string;
  /** SMTPS, POP3S, IMAPS (RFC 8314), HTTPS (RFC 9110 4.2.2); 0 = any free port. */
  ports: Record<Exclude<Protocol, 'dns'>, number>;
  /** --login-requires-tls: SMTP PLAIN/LOGIN get 538 5.7.11, IMAP says LOGINDISABLED, POP3 USER/PASS get -ERR [AUTH] until TLS. */
  loginRequiresTls: boolean;
  /** --starttls: the plain ports offer STARTTLS/STLS too (off by default, as in Mailpit). */
  plainStarttls: boolean;
  /** SMTP submission with STARTTLS always offered, like 587 (RFC 6409, RFC 3207). */
  submissionPort: number;
}

function tlsConfig(opts: Options, lang: Lang): ServeTls | null {
  const certPath = typeof opts.tlsCert === 'string' ? opts.tlsCert : undefined;
  const keyPath = typeof opts.tlsKey === 'string' ? opts.tlsKey : undefined;
  if (opts.tls === false) {
    if (certPath || keyPath || opts.loginRequiresTls || opts.starttls) throw new UsageError(serveText(lang, 'noTlsExcludes'));
    return null;
  }
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError(serveText(lang, 'certKeyPair'));
  return {
    ...(certPath !== undefined && keyPath !== undefined ? { certPath, keyPath } : {}),
    ports: {
      smtp: portOf(opts.smtpsPort, SERVE_PORTS.implicitTls.smtp),
      pop3: portOf(opts.pop3sPort, SERVE_PORTS.implicitTls.pop3),
      imap: portOf(opts.imapsPort, SERVE_PORTS.implicitTls.imap),
      http: portOf(opts.httpsPort, SERVE_PORTS.implicitTls.http),
    },
    loginRequiresTls: Boolean(opts.loginRequiresTls),
    // Passwords only inside TLS needs a way into TLS on the plain ports too: STARTTLS.
    plainStarttls: Boolean(opts.starttls) || Boolean(opts.loginRequiresTls),
    submissionPort: portOf(opts.submissionPort, SERVE_PORTS.submission),
  };
}

/** Each --fail rule parsed; a bad one is a usage error naming it (exit 2). */
function failRules(opts: Options, lang: Lang): FailRule[] {
  const specs = Array.isArray(opts.fail) ? (opts.fail as string[]) : [];
  try {
    return specs.map((spec, i) => parseFailRule(spec, `rule ${i + 1}`));
  } catch (err) {
    if (err instanceof FailRuleError) throw new UsageError(serveText(lang, 'failBad', { reason: err.describe(lang) }));
    throw err;
  }
}

function portOf(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

export function serveConfig(opts: Options, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const lang = langOption(opts, env);
  if (opts.memory && opts.store) throw new UsageError(serveText(lang, 'memoryOrStore'));
  if (opts.quiet && opts.jsonLog) throw new UsageError(serveText(lang, 'quietOrJson'));
  const specs = Array.isArray(opts.user) ? (opts.user as string[]) : [];
  const users = specs.map((spec) => {
    const parsed = parseUserSpec(spec);
    if (!parsed) throw new UsageError(serveText(lang, 'badUser', { spec }));
    return parsed;
  });
  return {
    host: typeof opts.host === 'string' ? opts.host : '127.0.0.1',
    ports: {
      smtp: portOf(opts.smtpPort, SERVE_PORTS.plain.smtp),
      pop3: portOf(opts.pop3Port, SERVE_PORTS.plain.pop3),
      imap: portOf(opts.imapPort, SERVE_PORTS.plain.imap),
      http: portOf(opts.httpPort, SERVE_PORTS.plain.http),
      dns: portOf(opts.dnsPort, SERVE_PORTS.plain.dns),
    },
    storeDir: opts.memory ? null : typeof opts.store === 'string' ? opts.store : defaultMailStoreDir(env),
    users: users.length > 0 ? users : DEMO_ACCOUNTS.map(([n, p]) => [n, p] as [string, string]),
    authRequired: opts.auth === 'required',
    maxMessageSize: typeof opts.maxSize === 'number' ? opts.maxSize : undefined,
    maxMessages: typeof opts.maxMessages === 'number' ? opts.maxMessages : undefined,
    output: opts.jsonLog ? 'json' : opts.quiet ? 'quiet' : 'transcript',
    showSecrets: Boolean(opts.showSecrets),
    lang,
    tls: tlsConfig(opts, lang),
    failRules: failRules(opts, lang),
    failFile: typeof opts.failFile === 'string' ? opts.failFile : null,
    failSeed: typeof opts.failSeed === 'number' ? opts.failSeed : null,
  };
}

/** 127.0.0.0/8 and ::1 are this machine only; anything else can be reached from elsewhere. */
export function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1' || host === 'localhost';
}
