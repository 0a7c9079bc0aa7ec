import type { DnsSection, RData } from '../types.js';
import { RR_TYPES } from '../types.js';
import { DnsFormatError } from './errors.js';
import { addField } from './fields.js';
import type { FieldKey } from './fields.js';
import { readName, u16, u32 } from './reader.js';
import type { Reader } from './reader.js';
import { copyBytes, hexBytes } from './text.js';

const utf8 = new TextDecoder('utf-8');

/**
 * RDATA of `length` octets at r.pos, by type (RFC 1035 3.3, 3.4.1; AAAA RFC 3596 2.2); any other
 * type stays bytes (RFC 3597 5). The type's parts must fill RDLENGTH exactly (RFC 1035 3.2.1).
 */
export function readRData(r: Reader, type: number, length: number, section: DnsSection): RData {
  const end = r.pos + length;
  if (end > r.b.length) throw new DnsFormatError('truncated', r.pos, `RDLENGTH ${length} runs past the end`);
  const data = readTyped(r, type, length, end, section);
  if (r.pos !== end) throw new DnsFormatError('rdata-length', r.pos, `RDLENGTH ${length} does not match the RDATA`);
  return data;
}

function readTyped(r: Reader, type: number, length: number, end: number, section: DnsSection): RData {
  switch (type) {
    case RR_TYPES.A:
      return { kind: 'A', address: readAddress(r, length, 4, section) };
    case RR_TYPES.AAAA:
      return { kind: 'AAAA', address: readAddress(r, length, 16, section) };
    case RR_TYPES.NS:
      return { kind: 'NS', name: nameWithin(r, end, section, 'field nsdname') };
    case RR_TYPES.CNAME:
      return { kind: 'CNAME', name: nameWithin(r, end, section, 'field cname') };
    case RR_TYPES.PTR:
      return { kind: 'PTR', name: nameWithin(r, end, section, 'field ptrdname') };
    case RR_TYPES.MX: {
      const preference = number(r, end, 2, section, 'field preference');
      return { kind: 'MX', preference, exchange: nameWithin(r, end, section, 'field exchange') };
    }
    case RR_TYPES.TXT:
      return { kind: 'TXT', strings: readStrings(r, end, section) };
    case RR_TYPES.SOA:
      return readSoa(r, end, section);
    default:
      return { kind: 'raw', bytes: readRaw(r, length, section) };
  }
}

function readAddress(r: Reader, length: number, size: 4 | 16, section: DnsSection): string {
  if (length !== size) throw new DnsFormatError('rdata-length', r.pos, `an address is ${size} octets, RDLENGTH says ${length}`);
  const address = size === 4 ? ipv4Text(r.b, r.pos) : ipv6Text(r.b, r.pos);
  addField(r.fields, r.pos, size, section, 'field address', address);
  r.pos += size;
  return address;
}

/** A name inside RDATA must end inside RDLENGTH; its pointers may point anywhere before it. */
function nameWithin(r: Reader, end: number, section: DnsSection, key: FieldKey): string {
  const name = readName(r, section, key);
  if (r.pos > end) throw new DnsFormatError('rdata-length', end, 'a name runs past RDLENGTH');
  return name;
}

/** A 16- or 32-bit number inside RDLENGTH (MX PREFERENCE, SOA SERIAL and timers). */
function number(r: Reader, end: number, size: 2 | 4, section: DnsSection, key: FieldKey): number {
  if (r.pos + size > end) throw new DnsFormatError('rdata-length', r.pos, 'RDLENGTH too short');
  const at = r.pos;
  const v = size === 2 ? u16(r) : u32(r);
  addField(r.fields, at, size, section, key, String(v));
  return v;
}

/** One or more <character-string>s: a length octet and that many octets (RFC 1035 3.3, 3.3.14). */
function readStrings(r: Reader, end: number, section: DnsSection): string[] {
  const strings: string[] = [];
  const b = r.b;
  if (r.pos >= end) throw new DnsFormatError('rdata-length', r.pos, 'TXT holds at least one character-string');
  do {
    const len = b[r.pos]!;
    if (r.pos + 1 + len > end) throw new DnsFormatError('rdata-length', r.pos, 'a character-string runs past RDLENGTH');
    const text = utf8.decode(b.subarray(r.pos + 1, r.pos + 1 + len));
    addField(r.fields, r.pos, 1 + len, section, 'field txt', JSON.stringify(text));
    strings.push(text);
    r.pos += 1 + len;
  } while (r.pos < end);
  return strings;
}

function readSoa(r: Reader, end: number, section: DnsSection): RData {
  const mname = nameWithin(r, end, section, 'field mname');
  const rname = nameWithin(r, end, section, 'field rname');
  return {
    kind: 'SOA', mname, rname,
    serial: number(r, end, 4, section, 'field serial'),
    refresh: number(r, end, 4, section, 'field refresh'),
    retry: number(r, end, 4, section, 'field retry'),
    expire: number(r, end, 4, section, 'field expire'),
    minimum: number(r, end, 4, section, 'field minimum'),
  };
}

function readRaw(r: Reader, length: number, section: DnsSection): Uint8Array {
  const bytes = copyBytes(r.b, r.pos, r.pos + length);
  if (length > 0) addField(r.fields, r.pos, length, section, 'field rdata', hexBytes(bytes));
  r.pos += length;
  return bytes;
}

export function ipv4Text(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** RFC 5952 4: lower-case hex, no leading zeros, the longest run (first if tied) of two or more zero groups as `::`. */
export function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
