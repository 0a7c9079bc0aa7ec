import { dualStackUntold, familyOf, normaliseHost, splitColon } from './address.js';
import { listening, type Family, type ListeningSocket, type Transport } from './types.js';

/**
 * Parser for lsof's default (column) output, as printed by
 * `lsof +c 0 -nP -w -iTCP -sTCP:LISTEN` and `lsof +c 0 -nP -w -iUDP` on Linux and macOS:
 *
 *   COMMAND       PID   USER   FD   TYPE DEVICE SIZE/OFF NODE NAME
 *   mail\x20srv 11580 nobody    3u  IPv4  22733      0t0  TCP 127.0.0.1:2525 (LISTEN)
 *
 * lsof escapes unprintable bytes and spaces in COMMAND as `\xNN` (lsof(8), OUTPUT), so the
 * first column never holds a space. Columns are found from the right: TYPE (IPv4/IPv6) and
 * NODE (TCP/UDP) anchor the row, NAME is the rest. USER is the column after PID (or after
 * TID/TASKCMD when lsof prints them).
 */

/** `mail\x20srv` -> `mail srv`; a run of escapes is one UTF-8 byte sequence (`\xe3\x83\xa1` -> `メ`). */
export function unescapeLsof(text: string): string {
  return text.replace(/(?:\\x[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('utf8'));
}

interface Layout {
  /** Index of USER among the whitespace-separated fields. */
  user: number;
}

function layoutOf(header: string): Layout {
  const names = header.trim().split(/\s+/);
  const user = names.indexOf('USER');
  return { user: user > 1 ? user : 2 };
}

function parseName(name: string, protocol: Transport, family: Family): Omit<ListeningSocket, 'pid' | 'process' | 'user'> | null {
  const [local = '', state] = name.split(/\s+/);
  if (protocol === 'tcp' && state !== undefined && state !== '(LISTEN)') return null;
  // A UDP socket with a peer (`a:1->b:2`) is a client, not a listener.
  if (local.includes('->')) return null;
  const hp = splitColon(local);
  if (!hp || hp.port === null || hp.port === 0) return null;
  const fam: Family = hp.host === '*' ? family : familyOf(hp.host);
  const address = normaliseHost(hp.host, fam);
  return { protocol, family: fam, address, port: hp.port, dualStack: dualStackUntold(fam, address) };
}

function parseRow(line: string, layout: Layout): ListeningSocket | null {
  const fields = line.trim().split(/\s+/);
  const pid = Number(fields[1]);
  if (fields.length < 6 || !Number.isInteger(pid)) return null;
  // NODE is the first TCP/UDP after a TYPE of IPv4/IPv6; everything after it is NAME.
  const typeAt = fields.findIndex((f, i) => i > layout.user && (f === 'IPv4' || f === 'IPv6'));
  const nodeAt = fields.findIndex((f, i) => i > typeAt && (f === 'TCP' || f === 'UDP'));
  if (typeAt < 0 || nodeAt < 0) return null;
  const protocol: Transport = fields[nodeAt] === 'TCP' ? 'tcp' : 'udp';
  const parsed = parseName(fields.slice(nodeAt + 1).join(' '), protocol, fields[typeAt] === 'IPv6' ? 6 : 4);
  if (!parsed) return null;
  const user = fields[layout.user];
  return listening({ ...parsed, pid, process: unescapeLsof(fields[0] as string), user: user ?? null });
}

export function parseLsof(text: string): ListeningSocket[] {
  const rows: ListeningSocket[] = [];
  let layout: Layout = { user: 2 };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('COMMAND')) layout = layoutOf(line);
    else if (line.trim()) {
      const row = parseRow(line, layout);
      if (row) rows.push(row);
    }
  }
  return rows;
}
