/**
 * What every source of listening sockets (lsof, ss, netstat, /proc) is parsed into.
 * A value a source cannot tell is null, never guessed: `l7lab ports` must not make up
 * a pid, a process name or a user.
 */
export type Transport = 'tcp' | 'udp';
export type Family = 4 | 6;
/** Who can reach the socket: this machine only, every interface, or one interface's network. */
export type Scope = 'loopback' | 'all' | 'interface';
export type BackendName = 'lsof' | 'ss' | 'netstat' | 'proc';
export const BACKEND_NAMES: readonly BackendName[] = ['lsof', 'ss', 'netstat', 'proc'];

/** One listening socket as held by one process (a socket shared by two processes is two). */
export interface ListeningSocket {
  protocol: Transport;
  family: Family;
  /** Normalised: `0.0.0.0` and `::` for wildcards, IPv6 without brackets, `%zone` kept. */
  address: string;
  port: number;
  pid: number | null;
  process: string | null;
  user: string | null;
  /**
   * An IPv6 wildcard socket that also accepts IPv4 (IPV6_V6ONLY off): `*:22` in ss,
   * `tcp46` in macOS netstat. null when the source cannot tell.
   */
  dualStack: boolean | null;
}

/** Builds a row with the fields a source did not report set to null. */
export function listening(row: Pick<ListeningSocket, 'protocol' | 'family' | 'address' | 'port'> & Partial<ListeningSocket>): ListeningSocket {
  return {
    protocol: row.protocol,
    family: row.family,
    address: row.address,
    port: row.port,
    pid: row.pid ?? null,
    process: row.process ?? null,
    user: row.user ?? null,
    dualStack: row.dualStack ?? null,
  };
}
