import type { DnsHeader } from '../types.js';
import { className, opcodeName, rcodeName, typeName } from './types.js';

/** The values the decoder writes into fields: data for the hex view, language-neutral. */

/** The flags word's parts, RFC 1035 4.1.1 order: `qr=1 opcode=QUERY aa=0 tc=0 rd=1 ra=0 z=0 rcode=NOERROR`. */
export function flagsText(h: DnsHeader): string {
  return `qr=${bit(h.qr)} opcode=${opcodeName(h.opcode)} aa=${bit(h.aa)} tc=${bit(h.tc)} rd=${bit(h.rd)} ra=${bit(h.ra)} z=${h.z} rcode=${rcodeName(h.rcode)}`;
}

export function typeText(type: number): string {
  return typeName(type);
}

export function classText(cls: number): string {
  return className(cls);
}

function bit(v: boolean): string {
  return v ? '1' : '0';
}
