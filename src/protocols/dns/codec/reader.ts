import type { DnsField, DnsSection } from '../types.js';
import { DnsFormatError } from './errors.js';
import { addField } from './fields.js';
import { MAX_LABEL, MAX_NAME_WIRE } from './names.js';
import type { FieldKey, FieldSink } from './fields.js';

/** The decoder's cursor over one message: the bytes, where it is, and the fields collected so far. */
export interface Reader {
  readonly b: Uint8Array;
  pos: number;
  readonly fields: FieldSink;
}

/**
 * Pointers one name may follow. A name has at most 127 labels (255 octets), so a chain longer than
 * that only repeats pointers to pointers: bytes built to make each name cost thousands of jumps.
 */
export const MAX_POINTERS = 127;

export function need(r: Reader, n: number): void {
  if (r.pos + n > r.b.length) throw new DnsFormatError('truncated', r.pos, `${n} more octets needed`);
}

export function u16(r: Reader): number {
  need(r, 2);
  const b = r.b;
  const v = (b[r.pos]! << 8) | b[r.pos + 1]!;
  r.pos += 2;
  return v;
}

export function u32(r: Reader): number {
  need(r, 4);
  const b = r.b;
  const p = r.pos;
  r.pos += 4;
  return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
}

/**
 * One label as presentation text: printable ASCII as is, `.` and `\` escaped, anything else as
 * `\DDD` (RFC 1035 5.1; RFC 4343 2.1: any octet may appear in a label), so no byte is lost.
 */
export function labelText(b: Uint8Array, start: number, len: number): string {
  let s = '';
  for (let i = start; i < start + len; i++) {
    const c = b[i]!;
    if (c > 0x20 && c < 0x7f) s += c === 0x2e || c === 0x5c ? '\\' + String.fromCharCode(c) : String.fromCharCode(c);
    else s += '\\' + (c < 10 ? '00' : c < 100 ? '0' : '') + c;
  }
  return s;
}

/**
 * A domain name at r.pos (RFC 1035 3.1), following compression pointers (4.1.4); r.pos ends after
 * the name's first pointer or its root zero. Each pointer must point before the run of labels it
 * ends, and each jump lower than the one before (BIND's rule), so decoding always terminates.
 * Fields (one per label run, one per pointer) are reported only for the bytes at the name's place.
 */
export function readName(r: Reader, section: DnsSection, key: FieldKey): string {
  const b = r.b;
  const start = r.pos;
  let pos = start;
  let bound = start;
  let name = '';
  let wire = 1;
  let jumps = 0;
  let pointerField = -1;
  for (;;) {
    if (pos >= b.length) throw new DnsFormatError('truncated', pos, 'name runs past the end');
    const len = b[pos]!;
    if (len === 0) break;
    if (len >= 0xc0) {
      const target = pointerTarget(b, pos, bound, ++jumps);
      if (jumps === 1) {
        r.pos = pos + 2;
        if (r.fields !== null) pointerField = startPointer(r, start, pos, target, section, key, name);
      }
      bound = pos = target;
      continue;
    }
    // 0x40 and 0x80 are reserved label types (RFC 1035 4.1.4); read as a length, it would be over 63 (2.3.4)
    if (len > MAX_LABEL) throw new DnsFormatError('bad-label-type', pos, `label type 0x${(len & 0xc0).toString(16)} (as a length, ${len} is over 63)`);
    if (pos + 1 + len > b.length) throw new DnsFormatError('truncated', pos, 'label runs past the end');
    wire += len + 1;
    if (wire > MAX_NAME_WIRE) throw new DnsFormatError('name-too-long', pos, `${wire} octets`);
    const label = labelText(b, pos + 1, len);
    name = name === '' ? label : name + '.' + label;
    pos += len + 1;
  }
  if (jumps === 0) {
    r.pos = pos + 1;
    addField(r.fields, start, pos + 1 - start, section, key, name + '.');
  } else if (pointerField >= 0) settlePointer(r.fields![pointerField]!, name);
  return name;
}

/** Where the pointer at pos leads: before `bound` (the lowest place this name has been), within MAX_POINTERS jumps. */
function pointerTarget(b: Uint8Array, pos: number, bound: number, jumps: number): number {
  if (pos + 1 >= b.length) throw new DnsFormatError('truncated', pos, 'pointer cut short');
  const target = ((b[pos]! & 0x3f) << 8) | b[pos + 1]!;
  if (target >= bound) throw new DnsFormatError(target > pos ? 'forward-pointer' : 'pointer-loop', pos, `pointer to ${target}`);
  if (jumps > MAX_POINTERS) throw new DnsFormatError('too-many-pointers', pos, `over ${MAX_POINTERS} pointers in one name`);
  return target;
}

/** The label run before a pointer (if any) and the pointer itself; returns the pointer field's index. */
function startPointer(r: Reader, start: number, pos: number, target: number, section: DnsSection, key: FieldKey, prefix: string): number {
  const fields = r.fields!;
  if (pos > start) fields.push({ offset: start, length: pos - start, section, key, value: prefix });
  fields.push({ offset: pos, length: 2, section, key: 'field pointer', value: `-> ${target}|${prefix === '' ? 0 : prefix.length + 1}` });
  return fields.length - 1;
}

/** A pointer's value names its target and the suffix it stands for: `-> 12 example.test.`. */
function settlePointer(field: DnsField, name: string): void {
  const bar = field.value.lastIndexOf('|');
  const cut = Number(field.value.slice(bar + 1));
  field.value = `${field.value.slice(0, bar)} ${name.slice(cut)}.`;
}
