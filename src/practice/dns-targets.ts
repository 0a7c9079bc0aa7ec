import { isIP } from 'node:net';
import type { LabDns } from '../protocols/dns/hierarchy.js';
import { parseTarget, showTarget, type Target } from './target.js';

/**
 * Where `practice dns` sends a question: the default server (the lab's resolver, or --connect),
 * and the servers `@name` can name: the lab's root, TLD and zone servers. Pure.
 */
export interface DnsServerEntry {
  /** `a.root.test`, `ns.example.test`...: what `@name` matches (without the final dot). */
  name: string;
  /** The address the zones give it (its glue): what referrals and `@127.0.0.3` name. */
  ip: string;
  /** Where it really listens (in the macOS fallback, 127.0.0.1 at a port of its own). */
  host: string;
  port: number;
  /** `root`, `tld`, `resolver`, `auth`: `@root` and `@tld` match it. */
  role: string;
}

export interface DnsTargets {
  /** Where a question goes without @: the lab's resolver or the --connect server. */
  default: Target;
  /** The lab's servers; empty when not the lab. */
  servers: readonly DnsServerEntry[];
  /** The port an `@address` without a port is asked at: the lab's one DNS port, or 53 (RFC 1035 4.2). */
  port: number;
}

export type ServerChoice = { ok: true; target: Target; label: string } | { ok: false; names: string };

const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** What naming the lab's servers needs of Lab.dns (a lesson's lab gives the same, `ip` optional). */
export type LabDnsNames = Pick<LabDns, 'resolver'> & { servers: ReadonlyArray<{ name: string; role: string; ip?: string; address: LabDns['resolver'] }> };

/** The lab's servers as the shell (and a lesson) names them: the resolver first, then root, TLD and zone servers. */
export function labTargets(dns: LabDnsNames): DnsTargets {
  const resolver = { name: 'resolver', role: 'resolver', ip: dns.resolver.host, host: dns.resolver.host, port: dns.resolver.port };
  const servers = dns.servers.map((s) => ({ name: s.name, role: s.role, ip: s.ip ?? s.address.host, host: s.address.host, port: s.address.port }));
  return { default: { host: dns.resolver.host, port: dns.resolver.port }, servers: [resolver, ...servers], port: dns.resolver.port };
}

/** `@root`, `@tld`, `@a.root.test`, `@127.0.0.2`, `@127.0.0.2:5353`, `@::1`, `@[::1]:5353`; null = the default. */
export function chooseServer(spec: string | null, t: DnsTargets): ServerChoice {
  if (spec === null) {
    const named = t.servers.find((s) => s.host === t.default.host && s.port === t.default.port);
    return { ok: true, target: t.default, label: named ? `${named.name} ${showTarget(t.default)}` : showTarget(t.default) };
  }
  const wanted = bare(spec);
  const byRole = t.servers.find((s) => s.role === wanted) ?? t.servers.find((s) => bare(s.name) === wanted);
  if (byRole) return { ok: true, target: { host: byRole.host, port: byRole.port }, label: `${byRole.name} ${showTarget(byRole)}` };
  if (isIP(spec) !== 0) {
    // A lab server's address names it, so the learner sees which server that is.
    const known = t.servers.find((s) => s.ip === spec);
    if (known) return { ok: true, target: { host: known.host, port: known.port }, label: `${known.name} ${showTarget(known)}` };
    const target = { host: spec, port: t.port };
    return { ok: true, target, label: showTarget(target) };
  }
  const withPort = parseTarget(spec);
  if (withPort && isIP(withPort.host) !== 0) return { ok: true, target: withPort, label: showTarget(withPort) };
  return { ok: false, names: t.servers.map((s) => `@${s.name}`).join(', ') || '@<address>' };
}

/** Names `@` completes to: roles and the lab's server names. */
export function serverWords(t: DnsTargets): string[] {
  return [...new Set([...t.servers.map((s) => s.role), ...t.servers.map((s) => s.name)])].map((n) => `@${n}`);
}
