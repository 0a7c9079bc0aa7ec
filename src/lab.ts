import type { Lang } from './i18n.js';
import { MemoryStore } from './mailstore/memory.js';
import type { MailStore } from './mailstore/types.js';
import { Accounts, DEMO_ACCOUNTS } from './protocols/accounts.js';
import type { HttpApp } from './protocols/http/types.js';
import type { DnsHierarchy, LabDns } from './protocols/dns/hierarchy.js';
import type { RecursiveFactory } from './protocols/dns/recursive.js';
import type { RecentRegistry } from './protocols/imap/recent.js';
import type { Address } from './protocols/server.js';
import type { FailureRules } from './protocols/smtp/failure-rules.js';
import { PROTOCOLS, type Protocol } from './protocol.js';
import { TranscriptHub, type TranscriptSink } from './protocols/transcript.js';
import { AuthBrake } from './protocols/auth-delay.js';
import { loadServers, type ServerModules } from './lab-modules.js';

/**
 * The lab: SMTP, POP3, IMAP and HTTP on one mail store, and the DNS hierarchy, on 127.0.0.1
 * unless told otherwise (DNS's authoritative servers on 127.0.0.2..4), on the ports asked for or
 * on ephemeral ones (port 0). Lessons, the practice shell and
 * `serve` all start the same lab; its hub carries every server's transcript.
 */
export interface LabOptions {
  host?: string;
  ports?: Partial<Record<Protocol, number>>;
  store?: MailStore;
  accounts?: Accounts;
  lang?: Lang;
  protocols?: Protocol[];
  authRequired?: boolean;
  maxMessageSize?: number;
  sink?: TranscriptSink;
  tls?: LabTls;
  /** Keep each captured message's SMTP transcript (masked) in the store, for `mail show --transcript`. */
  keepTranscripts?: boolean;
  /** Failure on demand for SMTP (serve's --fail, a lesson's failRules, the magic addresses). */
  smtpFailures?: FailureRules;
  /** A command line's deadline for SMTP, POP3 and IMAP (COMMAND_LINE_DEADLINE_MS); tests shorten it. */
  commandDeadlineMs?: number;
  /** The brake on password guessing all three mail servers share (auth-delay.ts); tests inject one with their own clock. */
  authBrake?: AuthBrake;
  /** What the HTTP server serves; without one, the web inbox, its JSON API and the lesson pages over the lab's store (web/). */
  httpApp?: HttpApp;
  /** The recursive DNS server's handler; without one, the lab's resolver (protocols/dns/resolver/handler.ts). */
  dnsRecursive?: RecursiveFactory;
}

/** What the lab starts and stops: LineServer (SMTP, POP3, IMAP, HTTP) and the DNS hierarchy alike. */
export interface LabServer {
  listen(port: number, host: string): Promise<Address>;
  close(): Promise<void>;
}

/**
 * TLS for the lab: with a certificate, the cleartext ports offer STARTTLS/STLS, and each
 * protocol named in `implicitPorts` also gets an implicit-TLS port (SMTPS, POP3S, IMAPS,
 * RFC 8314; 0 = any free port).
 */
export interface LabTls {
  cert: string;
  key: string;
  implicitPorts?: Partial<Record<Protocol, number>>;
  /** Passwords only inside TLS: SMTP PLAIN/LOGIN get 538 5.7.11, IMAP says LOGINDISABLED. */
  loginRequiresTls?: boolean;
  /**
   * The cleartext ports offer STARTTLS/STLS (default true: lessons and the practice shell
   * teach it). `serve` turns it off by default, as Mailpit does, so an app's opportunistic
   * STARTTLS never meets the lab's self-signed certificate on the plain port.
   */
  plainStarttls?: boolean;
  /** An SMTP submission port that always offers STARTTLS (like 587, RFC 6409 and RFC 3207); 0 = any free port. */
  submissionPort?: number;
}

export interface Lab {
  store: MailStore;
  accounts: Accounts;
  hub: TranscriptHub;
  endpoints: Partial<Record<Protocol, Address>>;
  /** The implicit-TLS ports (SMTPS, POP3S, IMAPS), when started with `tls.implicitPorts`. */
  tlsEndpoints: Partial<Record<Protocol, Address>>;
  /** The SMTP submission port with STARTTLS, when started with `tls.submissionPort`. */
  submission?: Address;
  /**
   * The lab DNS when it runs: the recursive server (also `endpoints.dns`), the root and every
   * authoritative server with the address its zones give it and where it really listens.
   */
  dns?: LabDns;
  /** Stop every server (a message in flight may finish), then close the store. */
  close(): Promise<void>;
}

/** A port the lab could not bind, so `serve` can say who holds it. */
export class PortInUseError extends Error {
  constructor(
    readonly protocol: Protocol,
    readonly host: string,
    readonly port: number,
    readonly code: string,
    /** The implicit-TLS port (SMTPS, POP3S, IMAPS) of that protocol. */
    readonly implicitTls = false,
  ) {
    super(`${protocol.toUpperCase()}${implicitTls ? 'S' : ''} port ${port} on ${host} is not available (${code})`);
    this.name = 'PortInUseError';
  }
}

interface Shared {
  store: MailStore;
  accounts: Accounts;
  hub: TranscriptHub;
  /** One \Recent registry for the IMAP and IMAPS servers on the same store (RFC 3501 2.3.2), made with the first of them. */
  recent?: RecentRegistry;
  /** Failed logins per client address, across SMTP, POP3 and IMAP (auth-delay.ts). */
  authBrake: AuthBrake;
  /** The DNS hierarchy once started: its addresses become Lab.dns. */
  dns?: DnsHierarchy;
}

/** How a port speaks TLS: from the first byte, by STARTTLS on request, or not at all. */
type TlsMode = 'implicit' | 'starttls' | 'plain';

function tlsModeOf(opts: LabOptions, implicit: boolean): TlsMode {
  if (implicit) return 'implicit';
  return opts.tls && opts.tls.plainStarttls !== false ? 'starttls' : 'plain';
}

/** A module loadServers() loaded for this protocol (it loads every protocol the lab starts). */
function loaded<T>(module: T | undefined): T {
  if (module === undefined) throw new Error('lab: a server module was not loaded');
  return module;
}

function createServer(protocol: Protocol, opts: LabOptions, shared: Shared, mode: TlsMode, m: ServerModules): LabServer {
  const deadline = opts.commandDeadlineMs !== undefined ? { commandDeadlineMs: opts.commandDeadlineMs } : {};
  const common = { store: shared.store, accounts: shared.accounts, sink: shared.hub.emit, authBrake: shared.authBrake, ...deadline } as const;
  const tls = opts.tls && mode !== 'plain' ? { tls: { cert: opts.tls.cert, key: opts.tls.key, implicit: mode === 'implicit' } } : {};
  const loginRequiresTls = opts.tls?.loginRequiresTls ?? false;
  switch (protocol) {
    case 'smtp':
      return loaded(m.smtp).createSmtpServer({
        ...common,
        ...tls,
        loginRequiresTls,
        authRequired: opts.authRequired ?? false,
        ...(opts.smtpFailures ? { failures: opts.smtpFailures } : {}),
        ...(opts.maxMessageSize !== undefined ? { maxMessageSize: opts.maxMessageSize } : {}),
      });
    case 'pop3':
      return loaded(m.pop3).createPop3Server({ ...common, ...tls, loginRequiresTls });
    case 'imap':
      shared.recent ??= new (loaded(m.imap).RecentRegistry)();
      return loaded(m.imap).createImapServer({ ...common, ...tls, loginRequiresTls, recent: shared.recent });
    case 'http': {
      // No STARTTLS in HTTP: TLS only on the implicit (HTTPS) port (RFC 9110 4.2.2).
      const https = opts.tls && mode === 'implicit' ? { tls: { cert: opts.tls.cert, key: opts.tls.key } } : {};
      const app = opts.httpApp ?? loaded(loaded(m.http).createWebApp)({ store: shared.store, lang: opts.lang ?? 'en' });
      return loaded(m.http).createHttpServer({ app, sink: shared.hub.emit, ...https });
    }
    case 'dns':
      // The authoritative servers on 127.0.0.2.. and the recursive one on the lab host, one port (hierarchy.ts).
      shared.dns = new (loaded(m.dns).DnsHierarchy)({ sink: shared.hub.emit, ...(opts.dnsRecursive ? { recursive: opts.dnsRecursive } : {}) });
      return shared.dns;
  }
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const store = opts.store ?? new MemoryStore();
  const accounts = opts.accounts ?? new Accounts(DEMO_ACCOUNTS);
  const hub = new TranscriptHub();
  if (opts.sink) hub.add(opts.sink);
  if (opts.keepTranscripts) hub.add((await import('./recording/transcript-recorder.js')).transcriptRecorder(store, opts.lang ?? 'en'));
  const host = opts.host ?? '127.0.0.1';
  const servers: LabServer[] = [];
  const endpoints: Partial<Record<Protocol, Address>> = {};
  const tlsEndpoints: Partial<Record<Protocol, Address>> = {};
  const shared: Shared = { store, accounts, hub, authBrake: opts.authBrake ?? new AuthBrake() };
  const protocols = opts.protocols ?? PROTOCOLS;
  // Only the servers this lab runs are loaded, all at once (a lesson on POP3 loads no DNS; lab-modules.ts).
  const modules = await loadServers(protocols, opts.httpApp === undefined);
  const closeAll = async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
  const start = async (protocol: Protocol, port: number, mode: TlsMode): Promise<Address> => {
    const server = createServer(protocol, opts, shared, mode, modules);
    try {
      const address = await server.listen(port, host);
      servers.push(server);
      return address;
    } catch (err) {
      await closeAll();
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new PortInUseError(protocol, host, port, code, mode === 'implicit');
    }
  };
  for (const protocol of protocols) {
    endpoints[protocol] = await start(protocol, opts.ports?.[protocol] ?? 0, tlsModeOf(opts, false));
    const implicitPort = opts.tls?.implicitPorts?.[protocol];
    // No DNS over TLS in the lab (RFC 7858 gives it its own port, 853): DNS has no implicit-TLS twin.
    if (implicitPort !== undefined && protocol !== 'dns') tlsEndpoints[protocol] = await start(protocol, implicitPort, 'implicit');
  }
  const submissionPort = opts.tls?.submissionPort;
  const submission = submissionPort !== undefined && protocols.includes('smtp') ? await start('smtp', submissionPort, 'starttls') : undefined;
  let closed: Promise<void> | null = null;
  return {
    store,
    accounts,
    hub,
    endpoints,
    tlsEndpoints,
    ...(submission ? { submission } : {}),
    ...(shared.dns ? { dns: shared.dns.info } : {}),
    close() {
      closed ??= closeAll().then(() => store.close());
      return closed;
    },
  };
}
