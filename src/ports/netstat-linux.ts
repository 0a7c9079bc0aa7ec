import { dualStackUntold, normaliseHost, splitColon } from './address.js';
import { listening, type Family, type ListeningSocket, type Transport } from './types.js';

/**
 * Parser for Linux net-tools `netstat -W -ltnup` / `netstat -W -ltnp`:
 *
 *   Proto Recv-Q Send-Q Local Address   Foreign Address  State   PID/Program name
 *   tcp        0      0 127.0.0.1:2525  0.0.0.0:*        LISTEN  11580/mail srv
 *   tcp6       0      0 :::2143         :::*             LISTEN  11580/mail srv
 *   udp        0      0 0.0.0.0:5353    0.0.0.0:*                -
 *
 * IPv6 has no brackets (the port follows the last colon); UDP rows leave State empty; the
 * program name may hold spaces; `-` means the process could not be read (not permitted).
 * netstat shows one process per socket even when several share it.
 */
const ROW = /^(tcp6?|udp6?)\s+\d+\s+\d+\s+(\S+)\s+\S+\s+(?:([A-Z][A-Z0-9_]*)\s+)?(.*?)\s*$/;

function parseProgram(text: string): { pid: number | null; process: string | null } {
  const m = /^(\d+)\/(.*)$/.exec(text);
  if (!m) return { pid: null, process: null };
  return { pid: Number(m[1]), process: m[2] ? m[2] : null };
}

function parseRow(line: string): ListeningSocket | null {
  const m = ROW.exec(line);
  if (!m) return null;
  const [, proto = '', local = '', state, program = ''] = m;
  const protocol: Transport = proto.startsWith('tcp') ? 'tcp' : 'udp';
  if (protocol === 'tcp' ? state !== 'LISTEN' : state !== undefined) return null;
  const hp = splitColon(local);
  if (!hp || hp.port === null || hp.port === 0) return null;
  const family: Family = proto.endsWith('6') ? 6 : 4;
  const address = normaliseHost(hp.host, family);
  return listening({ protocol, family, address, port: hp.port, dualStack: dualStackUntold(family, address), ...parseProgram(program) });
}

export function parseNetstatLinux(text: string): ListeningSocket[] {
  return text.split(/\r?\n/).flatMap((line) => parseRow(line) ?? []);
}
