import type { ListeningSocket } from './types.js';

/**
 * One row per socket and process. lsof lists a socket once per file descriptor (a process
 * that dup()ed it shows twice) and ss once per descriptor in its users list: those collapse.
 * The same port on IPv4 and on IPv6 is two sockets and stays two rows; one socket shared by
 * two processes (a pre-forked server) is two rows, one per pid. When two sources' rows
 * collapse, a known value wins over null.
 */
function key(s: ListeningSocket): string {
  return [s.protocol, s.family, s.address, s.port, s.pid ?? '-'].join('|');
}

function combine(a: ListeningSocket, b: ListeningSocket): ListeningSocket {
  return {
    ...a,
    process: a.process ?? b.process,
    user: a.user ?? b.user,
    dualStack: a.dualStack ?? b.dualStack,
  };
}

/** Sorted by port, then tcp before udp, IPv4 before IPv6, address, pid (unknown last). */
export function compareSockets(a: ListeningSocket, b: ListeningSocket): number {
  return (
    a.port - b.port ||
    a.protocol.localeCompare(b.protocol) ||
    a.family - b.family ||
    a.address.localeCompare(b.address) ||
    (a.pid ?? Number.MAX_SAFE_INTEGER) - (b.pid ?? Number.MAX_SAFE_INTEGER)
  );
}

export function mergeSockets(rows: readonly ListeningSocket[]): ListeningSocket[] {
  const byKey = new Map<string, ListeningSocket>();
  for (const row of rows) {
    const k = key(row);
    const seen = byKey.get(k);
    byKey.set(k, seen ? combine(seen, row) : row);
  }
  return [...byKey.values()].sort(compareSockets);
}
