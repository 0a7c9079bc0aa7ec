import type { Address } from '../server.js';
import type { TranscriptSink } from '../transcript.js';
import { isLoopback, type RecursiveFactory } from './recursive.js';
import { labRecursive } from './resolver/handler.js';
import type { RateLimit } from './rate-limit.js';
import { createDnsServer, type DnsServer } from './server.js';
import { createAuthority } from './session.js';
import { AUTHORITATIVE_SERVERS, LAB_ZONES, zonesOf, type AuthoritativeSpec, type ZoneSpec } from './zones.js';

/**
 * The whole lab DNS: each authoritative server of zones.ts on its own loopback address (root
 * 127.0.0.2, TLDs 127.0.0.3, the zones 127.0.0.4), all on one port, and the recursive server on
 * the lab host (127.0.0.1) at that port too. Where 127.0.0.2 cannot be bound (macOS has only
 * 127.0.0.1 configured), every authoritative server runs on 127.0.0.1 at a port of its own, the
 * resolver is told which port stands for which address, and a notice says so.
 */
export interface DnsServerInfo {
  name: string;
  role: 'root' | 'tld' | 'auth';
  /** The address the zones give this server (its glue). */
  ip: string;
  /** Where it really listens: ip:port, or 127.0.0.1:its own port in the fallback. */
  address: Address;
  zones: string[];
}

export interface LabDns {
  /** The recursive server: what `dig @127.0.0.1 -p PORT` and the lab's mail flow ask. */
  resolver: Address;
  root: Address;
  servers: DnsServerInfo[];
  /** True when the authoritative servers share 127.0.0.1 (no 127.0.0.2.. on this system). */
  fallback: boolean;
}

/** How a server binds; tests inject a failure to exercise the fallback. */
export type Binder = (server: DnsServer, port: number, host: string) => Promise<Address>;

export interface DnsHierarchyOptions {
  sink?: TranscriptSink;
  /** The recursive server's handler; without one, the lab's resolver (resolver/handler.ts). */
  recursive?: RecursiveFactory;
  rateLimit?: RateLimit | false;
  servers?: readonly AuthoritativeSpec[];
  zones?: readonly ZoneSpec[];
  bind?: Binder;
}

/** Ports tried when port 0 picked one that another loopback address already uses. */
const PORT_ATTEMPTS = 5;
const LOOPBACK = '127.0.0.1';

export class DnsHierarchy {
  private running: DnsServer[] = [];
  private lab: LabDns | null = null;

  constructor(private readonly opts: DnsHierarchyOptions = {}) {}

  get info(): LabDns {
    if (!this.lab) throw new Error('the lab DNS is not running');
    return this.lab;
  }

  /** Start every server; the recursive one on host:port (port 0: the port the first authoritative got). */
  async listen(port: number, host: string): Promise<Address> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start(port, host);
      } catch (err) {
        await this.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (port !== 0 || code !== 'EADDRINUSE' || attempt >= PORT_ATTEMPTS) throw err;
      }
    }
  }

  async close(): Promise<void> {
    const all = this.running;
    this.running = [];
    await Promise.all(all.map((s) => s.close()));
  }

  private bind(server: DnsServer, port: number, host: string): Promise<Address> {
    const bound = (this.opts.bind ?? ((s, p, h) => s.listen(p, h)))(server, port, host);
    this.running.push(server);
    return bound;
  }

  private async start(port: number, host: string): Promise<Address> {
    const specs = this.opts.servers ?? AUTHORITATIVE_SERVERS;
    const servers: DnsServerInfo[] = [];
    let fallback = false;
    // A resolver on every address (0.0.0.0, ::) would collide with 127.0.0.2:P (Linux refuses a wildcard
    // UDP bind on a port a specific address holds): then the authoritative servers take a port of their own.
    const wildcard = host === '0.0.0.0' || host === '::';
    let shared = wildcard ? 0 : port;
    for (const spec of specs) {
      const server = this.authoritative(spec);
      let address: Address;
      try {
        address = await this.bind(server, fallback ? 0 : shared, fallback ? LOOPBACK : spec.ip);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || fallback || servers.length > 0) throw err;
        fallback = true;
        this.notice(`${spec.ip} cannot be bound here (only 127.0.0.1 is loopback on this system): every DNS server runs on 127.0.0.1 at a port of its own`);
        address = await this.bind(this.authoritative(spec), 0, LOOPBACK);
      }
      if (!fallback && shared === 0) shared = address.port;
      servers.push({ name: spec.name, role: spec.role, ip: spec.ip, address, zones: [...spec.zones] });
    }
    const resolverServer = createDnsServer({ handler: this.recursiveHandler(servers, fallback), name: 'resolver', ...this.common() });
    const resolver = await this.bind(resolverServer, fallback || wildcard ? port : shared, host);
    const root = servers.find((s) => s.role === 'root')?.address ?? servers[0]!.address;
    this.lab = { resolver, root, servers, fallback };
    // One `listening` event for DNS (the resolver, like every other protocol's one port); the hierarchy in a notice.
    const where = servers.map((s) => `${s.name} ${s.address.host}:${s.address.port} (${s.zones.map((z) => z || '.').join(' ')})`);
    this.opts.sink?.({ event: 'notice', protocol: 'dns', level: 'info', text: `DNS hierarchy: ${where.join('; ')}` });
    return resolver;
  }

  private common(): { sink?: TranscriptSink; rateLimit?: RateLimit | false } {
    return { ...(this.opts.sink ? { sink: this.opts.sink } : {}), ...(this.opts.rateLimit !== undefined ? { rateLimit: this.opts.rateLimit } : {}) };
  }

  private authoritative(spec: AuthoritativeSpec): DnsServer {
    const authority = createAuthority(zonesOf(spec, this.opts.zones ?? LAB_ZONES));
    return createDnsServer({ handler: (query) => authority.answer(query), name: spec.name, announce: false, ...this.common() });
  }

  private recursiveHandler(servers: DnsServerInfo[], fallback: boolean) {
    const byIp = new Map(servers.map((s) => [s.ip, s.address]));
    const rootHints = servers.filter((s) => s.role === 'root').map((s) => ({ host: s.ip, port: s.address.port }));
    // Only the lab's own servers are ever reached (nothing leaves the machine): an address outside
    // the plan is refused here, and the walk treats it as a server that did not answer.
    const route = (server: Address): Address => {
      const known = byIp.get(server.host);
      if (known) return known;
      if (!fallback && isLoopback(server.host)) return server;
      throw new Error(`${server.host} is not a lab DNS server`);
    };
    const portOf = (ip: string): number => byIp.get(ip)?.port ?? rootHints[0]?.port ?? 0;
    return (this.opts.recursive ?? labRecursive)({ rootHints, portOf, route, ...(this.opts.sink ? { sink: this.opts.sink } : {}) });
  }

  private notice(text: string): void {
    this.opts.sink?.({ event: 'notice', protocol: 'dns', level: 'warn', text });
  }
}
