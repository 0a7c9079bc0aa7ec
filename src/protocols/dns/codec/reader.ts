import type { DnsField, DnsSection } from '../types.js';
import { DnsFormatError } from './errors.js';
import { addField } from './fields.js';
import type { FieldKey, FieldSink } from './fields.js';

/** The decoder's cursor over one message: the bytes, where it is, and the fields collected so far. */
export interface Reader {
  readonly b: Uint8Array;
  pos: number;
  readonly fields: FieldSink;
}

/** A name may have at most 255 octets on the wire, counting lengths and the root's zero (RFC 1035 2.3.4, 3.1). */
export const MAX_NAME_WIRE = 255;
/** A label has at most 63 octets (RFC 1035 2.3.4). */
export const MAX_LABEL = 63;

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
  let jumped = false;
  let pointerField = -1;
  for (;;) {
    if (pos >= b.length) throw new DnsFormatError('truncated', pos, 'name runs past the end');
    const len = b[pos]!;
    if (len === 0) {
      if (!jumped) {
        r.pos = pos + 1;
        addField(r.fields, start, pos + 1 - start, section, key, name + '.');
      } else if (pointerField >= 0) settlePointer(r.fields![pointerField]!, name);
      return name;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= b.length) throw new DnsFormatError('truncated', pos, 'pointer cut short');
      const target = ((len & 0x3f) << 8) | b[pos + 1]!;
      if (target >= bound) {
        throw new DnsFormatError(target > pos ? 'forward-pointer' : 'pointer-loop', pos, `pointer to ${target}`);
      }
      if (!jumped) {
        r.pos = pos + 2;
        jumped = true;
        if (r.fields !== null) pointerField = startPointer(r, start, pos, target, section, key, name);
      }
      bound = target;
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new DnsFormatError('bad-label-type', pos, `label type 0x${(len & 0xc0).toString(16)}`);
    if (pos + 1 + len > b.length) throw new DnsFormatError('truncated', pos, 'label runs past the end');
    wire += len + 1;
    if (wire > MAX_NAME_WIRE) throw new DnsFormatError('name-too-long', pos, `${wire} octets`);
    const label = labelText(b, pos + 1, len);
    name = name === '' ? label : name + '.' + label;
    pos += len + 1;
  }
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
