import { DnsFormatError } from './errors.js';
import { escapedOctet, MAX_LABEL, MAX_NAME_WIRE, nameWireLength } from './names.js';

/**
 * The encoder's one buffer: a scratch area as large as any DNS message (65535 octets, the TCP
 * length prefix's limit, RFC 1035 4.2.2) reused by every encode, and the names written so far with
 * their offsets, for compression (RFC 1035 4.1.4). encodeMessage copies out what it wrote.
 */
export interface Writer {
  buf: Uint8Array;
  pos: number;
  /** Name suffix (as written, case kept) -> offset of its first occurrence; only offsets a pointer can reach. */
  names: Map<string, number>;
}

export const MAX_MESSAGE = 65535;
/** A pointer holds 14 bits of offset (RFC 1035 4.1.4). */
const MAX_POINTER = 0x3fff;

const scratch = new Uint8Array(MAX_MESSAGE);

/** A writer on the one buffer: encoding is synchronous, so one buffer serves every call. (A fresh small Map measured faster than clearing a shared one.) */
export function newWriter(): Writer {
  return { buf: scratch, pos: 0, names: new Map() };
}

export function room(w: Writer, n: number): void {
  if (w.pos + n > MAX_MESSAGE) throw new DnsFormatError('bad-value', w.pos, `a DNS message holds at most ${MAX_MESSAGE} octets`);
}

export function put16(w: Writer, v: number): void {
  room(w, 2);
  w.buf[w.pos] = v >>> 8;
  w.buf[w.pos + 1] = v & 0xff;
  w.pos += 2;
}

export function put32(w: Writer, v: number): void {
  room(w, 4);
  const b = w.buf;
  const p = w.pos;
  b[p] = v >>> 24;
  b[p + 1] = (v >>> 16) & 0xff;
  b[p + 2] = (v >>> 8) & 0xff;
  b[p + 3] = v & 0xff;
  w.pos += 4;
}

export function putBytes(w: Writer, bytes: Uint8Array): void {
  room(w, bytes.length);
  w.buf.set(bytes, w.pos);
  w.pos += bytes.length;
}

/**
 * A presentation name (labels joined by dots, `\.` `\\` `\DDD` escapes, RFC 1035 5.1; '' or '.' is
 * the root) in wire form: length-prefixed labels and a zero (3.1). With `compress`, the longest
 * suffix already written becomes a pointer to it (4.1.4). Labels over 63 octets and names over 255
 * are refused (2.3.4).
 */
export function putName(w: Writer, name: string, compress: boolean): void {
  const n = name.length;
  if (name === '.') name = '';
  // A name of 84 characters or fewer is at most 3 * 84 + 2 < 255 octets even in UTF-8.
  if (n > 84 && nameWireLength(name) > MAX_NAME_WIRE) throw new DnsFormatError('name-too-long', w.pos, `${name} is over 255 octets`);
  let i = 0;
  while (i < name.length) {
    const suffix = i === 0 ? name : name.slice(i);
    if (compress) {
      const at = w.names.get(suffix);
      if (at !== undefined) {
        put16(w, 0xc000 | at);
        return;
      }
    }
    if (w.pos <= MAX_POINTER && !w.names.has(suffix)) w.names.set(suffix, w.pos);
    i = putLabel(w, name, i);
  }
  room(w, 1);
  w.buf[w.pos++] = 0;
}

/** One label from name[i..] up to an unescaped dot; returns the index after that dot. */
function putLabel(w: Writer, name: string, i: number): number {
  room(w, MAX_LABEL + 5);
  const lenAt = w.pos;
  const b = w.buf;
  const n = name.length;
  let p = lenAt + 1;
  while (i < n) {
    const c = name.charCodeAt(i);
    if (c === 0x2e) break;
    if (c === 0x5c) {
      const d = escapedOctet(name, i);
      b[p++] = d.octet;
      i = d.next;
    } else if (c < 0x80) {
      b[p++] = c;
      i++;
    } else {
      const cp = name.codePointAt(i)!;
      p = putUtf8(b, p, cp);
      i += cp > 0xffff ? 2 : 1;
    }
    if (p - lenAt - 1 > MAX_LABEL) throw new DnsFormatError('label-too-long', lenAt, 'a label is at most 63 octets');
  }
  const len = p - lenAt - 1;
  if (len === 0) throw new DnsFormatError('bad-value', lenAt, `empty label in ${JSON.stringify(name)}`);
  b[lenAt] = len;
  w.pos = p;
  return i + 1;
}

/** A non-ASCII character as UTF-8 (labels are octets, RFC 2181 11; IDNs belong in A-labels, RFC 5890). */
function putUtf8(b: Uint8Array, p: number, cp: number): number {
  if (cp < 0x800) {
    b[p++] = 0xc0 | (cp >> 6);
  } else if (cp < 0x10000) {
    b[p++] = 0xe0 | (cp >> 12);
    b[p++] = 0x80 | ((cp >> 6) & 0x3f);
  } else {
    b[p++] = 0xf0 | (cp >> 18);
    b[p++] = 0x80 | ((cp >> 12) & 0x3f);
    b[p++] = 0x80 | ((cp >> 6) & 0x3f);
  }
  b[p++] = 0x80 | (cp & 0x3f);
  return p;
}
