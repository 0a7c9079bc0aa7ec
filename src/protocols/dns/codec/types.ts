import { OPCODES, RCODES, RR_TYPES } from '../types.js';
import type { RrTypeName } from '../types.js';

/**
 * Numbers <-> mnemonics for types, classes, opcodes and rcodes. An unknown type is `TYPE65` and an
 * unknown class `CLASS3` (RFC 3597 5); both forms are also read back.
 */

const TYPE_BY_NUMBER = new Map<number, RrTypeName>(
  (Object.entries(RR_TYPES) as Array<[RrTypeName, number]>).map(([name, n]) => [n, name]),
);

/** Types the lab does not serve but a learner may meet in dig output (RFC 3596, 2782, 4034, 8659, 9460). */
const MORE_TYPES: Record<string, number> = { SRV: 33, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, HTTPS: 65, SVCB: 64, CAA: 257, AXFR: 252, IXFR: 251 };
const MORE_BY_NUMBER = new Map<number, string>(Object.entries(MORE_TYPES).map(([name, n]) => [n, name]));

export function typeName(type: number): string {
  return TYPE_BY_NUMBER.get(type) ?? MORE_BY_NUMBER.get(type) ?? `TYPE${type}`;
}

/** A type mnemonic or `TYPEn` (case-insensitive) to its number; null if neither. */
export function typeNumber(name: string): number | null {
  const upper = name.toUpperCase();
  const known = (RR_TYPES as Record<string, number>)[upper] ?? MORE_TYPES[upper];
  if (known !== undefined) return known;
  return generic(upper, 'TYPE');
}

/** Classes (RFC 1035 3.2.4, CH and HS 3.2.4, NONE RFC 2136, ANY 3.2.5). */
const CLASSES: Record<string, number> = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 };
const CLASS_BY_NUMBER = new Map<number, string>(Object.entries(CLASSES).map(([name, n]) => [n, name]));

export function className(cls: number): string {
  return CLASS_BY_NUMBER.get(cls) ?? `CLASS${cls}`;
}

export function classNumber(name: string): number | null {
  const upper = name.toUpperCase();
  return CLASSES[upper] ?? generic(upper, 'CLASS');
}

const RCODE_BY_NUMBER = new Map<number, string>(Object.entries(RCODES).map(([name, n]) => [n, name]));
/** The rest of the IANA rcode registry a learner may see (RFC 2136 2.2, RFC 6891 9 BADVERS). */
const MORE_RCODES: Record<number, string> = { 6: 'YXDOMAIN', 7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE', 16: 'BADVERS' };

export function rcodeName(rcode: number): string {
  return RCODE_BY_NUMBER.get(rcode) ?? MORE_RCODES[rcode] ?? `RCODE${rcode}`;
}

const OPCODE_BY_NUMBER = new Map<number, string>(Object.entries(OPCODES).map(([name, n]) => [n, name]));

export function opcodeName(opcode: number): string {
  return OPCODE_BY_NUMBER.get(opcode) ?? `OPCODE${opcode}`;
}

function generic(upper: string, prefix: string): number | null {
  if (!upper.startsWith(prefix)) return null;
  const digits = upper.slice(prefix.length);
  if (!/^\d{1,5}$/.test(digits)) return null;
  const n = Number(digits);
  return n <= 0xffff ? n : null;
}
