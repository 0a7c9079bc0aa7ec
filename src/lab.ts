import type { Lang } from './i18n.js';
import { MemoryStore } from './mailstore/memory.js';
import type { MailStore } from './mailstore/types.js';
import { Accounts, DEMO_ACCOUNTS } from './protocols/accounts.js';
import { createImapServer } from './protocols/imap/server.js';
import { createPop3Server } from './protocols/pop3/server.js';
import type { Address, LineServer } from './protocols/server.js';
import { createSmtpServer } from './protocols/smtp/server.js';
import { TranscriptHub, type Protocol, type TranscriptSink } from './protocols/transcript.js';

/**
 * The lab: SMTP, POP3 and IMAP on one mail store, on 127.0.0.1 unless told otherwise,
 * on the ports asked for or on ephemeral ones (port 0). Lessons, the practice shell and
 * `serve` all start the same lab; its hub carries every server's transcript.
 */
export const PROTOCOLS: readonly Protocol[] = ['smtp', 'pop3', 'imap'];

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
}

export interface Lab {
  store: MailStore;
  accounts: Accounts;
  hub: TranscriptHub;
  endpoints: Partial<Record<Protocol, Address>>;
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
  ) {
    super(`${protocol.toUpperCase()} port ${port} on ${host} is not available (${code})`);
    this.name = 'PortInUseError';
  }
}

function createServer(protocol: Protocol, opts: LabOptions, store: MailStore, accounts: Accounts, hub: TranscriptHub): LineServer {
  const common = { store, accounts, sink: hub.emit, lang: opts.lang ?? 'en' } as const;
  switch (protocol) {
    case 'smtp':
      return createSmtpServer({
        ...common,
        authRequired: opts.authRequired ?? false,
        ...(opts.maxMessageSize !== undefined ? { maxMessageSize: opts.maxMessageSize } : {}),
      });
    case 'pop3':
      return createPop3Server(common);
    case 'imap':
      return createImapServer(common);
  }
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const store = opts.store ?? new MemoryStore();
  const accounts = opts.accounts ?? new Accounts(DEMO_ACCOUNTS);
  const hub = new TranscriptHub();
  if (opts.sink) hub.add(opts.sink);
  const host = opts.host ?? '127.0.0.1';
  const servers: LineServer[] = [];
  const endpoints: Partial<Record<Protocol, Address>> = {};
  const closeAll = async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
  for (const protocol of opts.protocols ?? PROTOCOLS) {
    const server = createServer(protocol, opts, store, accounts, hub);
    const port = opts.ports?.[protocol] ?? 0;
    try {
      endpoints[protocol] = await server.listen(port, host);
    } catch (err) {
      await closeAll();
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new PortInUseError(protocol, host, port, code);
    }
    servers.push(server);
  }
  let closed: Promise<void> | null = null;
  return {
    store,
    accounts,
    hub,
    endpoints,
    close() {
      closed ??= closeAll().then(() => store.close());
      return closed;
    },
  };
}
