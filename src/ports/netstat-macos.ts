import { familyOf, normaliseHost, splitDot } from './address.js';
import { listening, type Family, type ListeningSocket, type Transport } from './types.js';

/**
 * Parser for macOS `netstat -anv -p tcp` and `netstat -anv -p udp`. Addresses are BSD style
 * (`127.0.0.1.2525`, `*.22`, `::1.631`, `*.*`); `tcp46`/`udp46` is an IPv6 socket that also
 * takes IPv4. The columns after the addresses changed between macOS releases, so the header
 * decides where the owner is:
 *
 *   older:  (state)  rhiwat shiwat    pid   epid  state  options ...
 *   newer:  (state)  rxbytes txbytes rhiwat shiwat  process:pid  state  options ...
 *
 * In the `process:pid` layout the (possibly truncated) process name may hold spaces and
 * parentheses (`Google Chrome:66713`), so the pid is the last `:digits` before the hex fields.
 */
interface Layout {
  /** Position of the pid (or process:pid) column counted from the first column after (state). */
  ownerAt: number;
  named: boolean;
}

function layoutOf(header: string): Layout | null {
  const after = header.split('(state)')[1];
  if (after === undefined) return null;
  const names = after.trim().split(/\s+/);
  const named = names.indexOf('process:pid');
  if (named >= 0) return { ownerAt: named, named: true };
  const pid = names.indexOf('pid');
  return pid >= 0 ? { ownerAt: pid, named: false } : null;
}

function owner(rest: string[], layout: Layout): { pid: number | null; process: string | null } {
  if (!layout.named) {
    const pid = Number(rest[layout.ownerAt]);
    return Number.isInteger(pid) ? { pid, process: null } : { pid: null, process: null };
  }
  const m = /^(.*):(\d+)(?:\s|$)/.exec(rest.slice(layout.ownerAt).join(' '));
  if (!m) return { pid: null, process: null };
  return { pid: Number(m[2]), process: m[1] ? m[1] : null };
}

function parseRow(line: string, layout: Layout | null): ListeningSocket | null {
  const fields = line.trim().split(/\s+/);
  const m = /^(tcp|udp)(4|6|46)$/.exec(fields[0] ?? '');
  if (!m || fields.length < 5) return null;
  const protocol = m[1] as Transport;
  const state = protocol === 'tcp' ? fields[5] : undefined;
  if (protocol === 'tcp' && state !== 'LISTEN') return null;
  if (protocol === 'udp' && fields[4] !== '*.*') return null;
  const hp = splitDot(fields[3] as string);
  if (!hp || hp.port === null || hp.port === 0) return null;
  const family: Family = m[2] === '4' ? 4 : hp.host === '*' ? 6 : m[2] === '46' ? 6 : familyOf(hp.host);
  const address = normaliseHost(hp.host, family);
  // macOS names a dual-stack socket tcp46/udp46, so tcp6/udp6 is IPv6 only.
  const dualStack = m[2] === '46';
  const rest = fields.slice(protocol === 'tcp' ? 6 : 5);
  return listening({ protocol, family, address, port: hp.port, dualStack, ...(layout ? owner(rest, layout) : {}) });
}

export function parseNetstatMacos(text: string): ListeningSocket[] {
  const rows: ListeningSocket[] = [];
  let layout: Layout | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('Proto')) layout = layoutOf(line);
    else {
      const row = parseRow(line, layout);
      if (row) rows.push(row);
    }
  }
  return rows;
}
