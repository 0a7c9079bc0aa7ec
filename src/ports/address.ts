import type { Family, Scope } from './types.js';

/**
 * Socket addresses as the tools print them, and what they mean for reachability.
 * Forms seen in real output: `127.0.0.1:25`, `[::1]:25`, `*:25`, `:::25` and `fd00::2:25`
 * (Linux netstat, no brackets), `127.0.0.53%lo:53` and `[fe80::1]%eth0:546` (ss, bound to a
 * device), `127.0.0.1.25`, `*.25`, `fe80::1%lo0.25` (BSD/macOS netstat, port after the last dot).
 */
export interface HostPort {
  /** As printed, brackets removed; `*` for a wildcard. */
  host: string;
  /** null for `*` (an unconnected peer). */
  port: number | null;
}

function toPort(text: string): number | null | undefined {
  if (text === '*') return null;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** `host:port` with the port after the last colon; the host may be bracketed and carry `%zone`. */
export function splitColon(text: string): HostPort | null {
  const cut = text.lastIndexOf(':');
  if (cut < 0) return null;
  const port = toPort(text.slice(cut + 1));
  if (port === undefined) return null;
  let host = text.slice(0, cut);
  const bracketed = /^\[([^\]]*)\](%\S+)?$/.exec(host);
  if (bracketed) host = `${bracketed[1]}${bracketed[2] ?? ''}`;
  return host ? { host, port } : null;
}

/** `host.port` (BSD netstat): the port after the last dot, `*.*` for no peer. */
export function splitDot(text: string): HostPort | null {
  const cut = text.lastIndexOf('.');
  if (cut < 0) return null;
  const port = toPort(text.slice(cut + 1));
  if (port === undefined) return null;
  const host = text.slice(0, cut);
  return host ? { host, port } : null;
}

export function familyOf(host: string): Family {
  return host.includes(':') ? 6 : 4;
}

/** `*` becomes the family's wildcard; IPv6 is lower-cased; a zone (`%eth0`) is kept. */
export function normaliseHost(host: string, family: Family): string {
  if (host === '*') return family === 6 ? '::' : '0.0.0.0';
  const [addr = '', zone] = splitZone(host);
  const base = addr === '*' ? (family === 6 ? '::' : '0.0.0.0') : family === 6 ? addr.toLowerCase() : addr;
  return zone === null ? base : `${base}%${zone}`;
}

function splitZone(address: string): [string, string | null] {
  const cut = address.indexOf('%');
  return cut < 0 ? [address, null] : [address.slice(0, cut), address.slice(cut + 1)];
}

function isLoopback(addr: string): boolean {
  const v4 = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return /^127\.\d+\.\d+\.\d+$/.test(v4) || addr === '::1';
}

/**
 * Can other machines reach it? Loopback: only this machine. A wildcard: every interface
 * (and so every network the machine is on). Anything else, or a wildcard tied to one device
 * (`0.0.0.0%eth0`), is one interface's network.
 */
export function classifyScope(address: string): Scope {
  const [addr, zone] = splitZone(address);
  if (isLoopback(addr)) return 'loopback';
  if ((addr === '0.0.0.0' || addr === '::') && zone === null) return 'all';
  return 'interface';
}

/** RFC 5952 text form of 16 address bytes: lower case, longest run of zero groups as `::`. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 6).every((g, i) => (i < 5 ? g === 0 : g === 0xffff))) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/**
 * Dual-stack for a source that does not say: an IPv4 socket or an IPv6 socket bound to one
 * address never is; an IPv6 wildcard may be (it depends on IPV6_V6ONLY), so that is unknown.
 */
export function dualStackUntold(family: Family, address: string): boolean | null {
  return family === 6 && address.split('%')[0] === '::' ? null : false;
}
