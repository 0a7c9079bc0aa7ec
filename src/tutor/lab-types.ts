import type { FailureRules } from '../protocols/smtp/failure-rules.js';
import type { Lang } from '../i18n.js';
import type { MailStore } from '../mailstore/types.js';
import type { Accounts } from '../protocols/accounts.js';
import type { TranscriptHub } from '../protocols/transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * The part of src/lab.ts the tutor uses. The runner takes a `StartLab` function, so tests
 * can hand it a small stand-in and the real lab stays one dynamic import away.
 */
export interface TutorLabOptions {
  host?: string;
  lang?: Lang;
  protocols?: Protocol[];
  authRequired?: boolean;
  /** The lab certificate: STARTTLS/STLS offered. */
  tls?: { cert: string; key: string; loginRequiresTls?: boolean; implicitPorts?: Partial<Record<Protocol, number>> };
  /** SMTP failure on demand (the lab config's failRules, and the magic addresses). */
  smtpFailures?: FailureRules;
}

/** Where the lab DNS listens: its recursive resolver, and each authoritative server by name and role (root, tld, auth). */
export interface TutorLabDns {
  resolver: { host: string; port: number };
  /** `ip` is the address the zones give a server (its glue); `address` where it really listens (they differ in the macOS fallback). */
  servers: ReadonlyArray<{ name: string; role: string; ip?: string; address: { host: string; port: number } }>;
}

export interface TutorLab {
  store: MailStore;
  accounts: Accounts;
  hub: TranscriptHub;
  endpoints: Partial<Record<Protocol, { host: string; port: number }>>;
  /** The implicit-TLS ports (HTTPS, SMTPS, ...), when asked for with `tls.implicitPorts`. */
  tlsEndpoints?: Partial<Record<Protocol, { host: string; port: number }>>;
  /** The lab DNS, when the lab runs it. */
  dns?: TutorLabDns;
  close(): Promise<void>;
}

export type StartLab = (opts: TutorLabOptions) => Promise<TutorLab>;
