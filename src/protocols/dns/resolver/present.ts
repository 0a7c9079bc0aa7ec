/**
 * The resolver's own transcript lines: the upstream query (`? example.test. IN MX @127.0.0.2 (root)`)
 * and the reply's header in one line; records are the codec's presentRecord.
 */
import { presentName } from '../codec/names.js';
import { presentFlags, presentStatus } from '../codec/present.js';
import { typeName } from '../codec/types.js';
import type { DnsMessage, DnsTransport } from '../types.js';

/**
 * The upstream question, the server and which zone's server it is, as dig would be asked it:
 * `? example.test. IN MX @127.0.0.2 (root)`, with ` +tcp` when it goes over TCP.
 */
export function queryLine(name: string, type: number, host: string, zone: string, transport: DnsTransport = 'udp'): string {
  const tcp = transport === 'tcp' ? ' +tcp' : '';
  return `? ${presentName(name)} IN ${typeName(type)} @${host} (${zone === '' ? 'root' : presentName(zone)})${tcp}`;
}

/** The reply's header as one line: `;; opcode: QUERY, status: NOERROR, id: 7, flags: qr aa`. */
export function headerLine(m: DnsMessage): string {
  return `;; ${presentStatus(m.header, m.edns)}, ${presentFlags(m.header)}`;
}

/** The flags as words, for the knowledge params: `qr aa`. */
export function flagWords(h: DnsMessage['header']): string {
  return presentFlags(h).replace(/^flags: ?/, '');
}
