import { familyOf, normaliseHost, splitColon } from './address.js';
import { listening, type ListeningSocket, type Transport } from './types.js';

/**
 * Parser for `ss -H -ltnup` / `ss -H -ltnp` (iproute2). With more than one socket type ss
 * starts each row with a Netid column, with one type it does not:
 *
 *   tcp LISTEN 0 16 127.0.0.1:2525 0.0.0.0:* users:(("mail srv",pid=11580,fd=4),("mail srv",pid=11580,fd=3))
 *   udp UNCONN 0 0 [::]:5353 [::]:* users:(("worker",pid=11623,fd=7),("python3",pid=11581,fd=7))
 *   LISTEN 0 128 0.0.0.0:2024 0.0.0.0:*
 *
 * ss prints an IPv6 wildcard that also takes IPv4 as `*` and an IPv6-only one as `[::]`, so
 * dual-stack is known. Without permission the `users:` part is missing: pid stays null.
 * ss reports no user: the prober fills it in from /proc.
 */

const STATES = new Set(['LISTEN', 'UNCONN']);

/** Every `("name",pid=N,fd=M)` of a users:(...) list; one socket may be held by several processes. */
export function parseSsUsers(text: string): Array<{ process: string; pid: number }> {
  const out: Array<{ process: string; pid: number }> = [];
  for (const m of text.matchAll(/\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g)) {
    out.push({ process: m[1] as string, pid: Number(m[2]) });
  }
  return out;
}

function parseRow(line: string, defaultProtocol: Transport): ListeningSocket[] {
  const fields = line.trim().split(/\s+/);
  let protocol = defaultProtocol;
  if (fields[0] === 'tcp' || fields[0] === 'udp') protocol = fields.shift() as Transport;
  const [state, , , local = ''] = fields;
  if (!state || !STATES.has(state)) return [];
  const hp = splitColon(local);
  if (!hp || hp.port === null || hp.port === 0) return [];
  const wildcardStar = hp.host === '*' || hp.host.startsWith('*%');
  const family = wildcardStar ? 6 : familyOf(hp.host);
  const base = {
    protocol,
    family,
    address: normaliseHost(hp.host, family),
    port: hp.port,
    dualStack: wildcardStar,
  } as const;
  const users = parseSsUsers(fields.slice(5).join(' '));
  if (users.length === 0) return [listening(base)];
  return users.map((u) => listening({ ...base, pid: u.pid, process: u.process }));
}

/** `defaultProtocol` names the type when ss printed no Netid column (one type asked for). */
export function parseSs(text: string, defaultProtocol: Transport = 'tcp'): ListeningSocket[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() && !/^(Netid|State)\s/.test(line))
    .flatMap((line) => parseRow(line, defaultProtocol));
}
