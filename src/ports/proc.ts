import { dualStackUntold, formatIpv6 } from './address.js';
import type { Family, Transport } from './types.js';

/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6} (Linux, proc(5)). Each row is one socket:
 *
 *   sl  local_address rem_address   st ... uid  timeout inode
 *    1: 0100007F:09DD 00000000:0000 0A ... 65534        0 22733 ...
 *
 * The address is the kernel's 32-bit words printed in the machine's byte order (so
 * 127.0.0.1 reads 0100007F on little-endian x86), the port is plain hex. State 0A is TCP
 * LISTEN; an unconnected UDP socket is state 07 (TCP_CLOSE, the kernel reuses TCP's names)
 * with no peer. uid owns the socket; inode is what /proc/<pid>/fd links name: socket:[inode].
 */
export interface ProcSocket {
  protocol: Transport;
  family: Family;
  address: string;
  port: number;
  uid: number;
  inode: number;
  dualStack: boolean | null;
}

export type Endianness = 'LE' | 'BE';

const TCP_LISTEN = '0A';
const UDP_UNCONNECTED = '07';

/** The address bytes in network order: each 32-bit word is reversed on little-endian machines. */
export function procAddressBytes(hex: string, endian: Endianness): Uint8Array | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let word = 0; word < hex.length / 8; word++) {
    for (let b = 0; b < 4; b++) {
      const from = endian === 'LE' ? 3 - b : b;
      bytes[word * 4 + b] = parseInt(hex.slice(word * 8 + from * 2, word * 8 + from * 2 + 2), 16);
    }
  }
  return bytes;
}

function parseAddress(text: string, endian: Endianness): { address: string; port: number } | null {
  const [hex = '', portHex = ''] = text.split(':');
  const bytes = procAddressBytes(hex, endian);
  if (!bytes || !/^[0-9A-Fa-f]{4}$/.test(portHex)) return null;
  const address = bytes.length === 4 ? bytes.join('.') : formatIpv6(bytes);
  return { address, port: parseInt(portHex, 16) };
}

const isSpace = (code: number) => code === 32 || code === 9;

/**
 * The st column (the fourth field) of a row, found without splitting it: on a busy machine
 * most rows are connections (thousands in TIME_WAIT), and only listeners are parsed whole.
 */
function stateOf(line: string): string {
  let i = 0;
  for (let field = 0; field < 3; field++) {
    while (i < line.length && isSpace(line.charCodeAt(i))) i++;
    while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  }
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  const start = i;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  return line.slice(start, i);
}

function parseRow(line: string, protocol: Transport, family: Family, endian: Endianness): ProcSocket | null {
  if (stateOf(line) !== (protocol === 'tcp' ? TCP_LISTEN : UDP_UNCONNECTED)) return null;
  const f = line.trim().split(/\s+/);
  if (f.length < 10 || !/^\d+:$/.test(f[0] as string)) return null;
  const local = parseAddress(f[1] as string, endian);
  const remote = parseAddress(f[2] as string, endian);
  if (!local || !remote || local.port === 0) return null;
  const listening = protocol === 'tcp' ? f[3] === TCP_LISTEN : f[3] === UDP_UNCONNECTED && remote.port === 0;
  if (!listening) return null;
  const uid = Number(f[7]);
  const inode = Number(f[9]);
  if (!Number.isInteger(uid) || !Number.isInteger(inode)) return null;
  return { protocol, family, ...local, uid, inode, dualStack: dualStackUntold(family, local.address) };
}

export function parseProcNet(text: string, protocol: Transport, family: Family, endian: Endianness): ProcSocket[] {
  const out: ProcSocket[] = [];
  for (const line of text.split('\n')) {
    const row = parseRow(line, protocol, family, endian);
    if (row) out.push(row);
  }
  return out;
}

/** /etc/passwd (passwd(5)): `name:password:uid:...` -> uid to name. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid) && !users.has(Number(uid))) users.set(Number(uid), name);
  }
  return users;
}

/** `socket:[22733]` -> 22733 (the target of a /proc/<pid>/fd link to a socket). */
export function socketInode(link: string): number | null {
  // Most fds are files and pipes: no regular expression for them.
  if (!link.startsWith('socket:[')) return null;
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}
