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

/**
 * The order localeCompare gives (ICU's root collation: `:` `.` `%` before digits before
 * letters) for what addresses are made of, without its cost: the first localeCompare loads
 * ICU's collator, ~10 ms of `ports --json`. Anything else (an upper-case zone name) still
 * goes to localeCompare, so the order is the same as before.
 */
const RANK = ':.%0123456789abcdefghijklmnopqrstuvwxyz';

export function compareAddresses(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = RANK.indexOf(a[i] as string);
    const y = RANK.indexOf(b[i] as string);
    if (x < 0 || y < 0) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

/** Sorted by port, then tcp before udp, IPv4 before IPv6, address, pid (unknown last). */
export function compareSockets(a: ListeningSocket, b: ListeningSocket): number {
  return (
    a.port - b.port ||
    (a.protocol === b.protocol ? 0 : a.protocol === 'tcp' ? -1 : 1) ||
    a.family - b.family ||
    compareAddresses(a.address, b.address) ||
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
