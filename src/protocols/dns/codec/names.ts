import { DnsFormatError } from './errors.js';
import type { DnsFormatReason } from './errors.js';

/**
 * Names as the lab writes them: presentation text without the final dot ('' is the root), labels
 * joined by dots, with `\.`, `\\` and `\DDD` escapes for octets that are not plain text (RFC 1035
 * 5.1). Comparison ignores ASCII case only (RFC 4343 3).
 */

/** A label has at most 63 octets (RFC 1035 2.3.4). */
export const MAX_LABEL = 63;
/** A name has at most 255 octets on the wire, length octets and the root's zero included (RFC 1035 2.3.4). */
export const MAX_NAME_WIRE = 255;

/** `\DDD` (decimal) or `\X` at name[i]; the octet and the index after the escape. */
export function escapedOctet(name: string, i: number): { octet: number; next: number } {
  const digits = name.slice(i + 1, i + 4);
  if (/^\d{3}$/.test(digits)) {
    const v = Number(digits);
    if (v > 255) throw new DnsFormatError('bad-value', i, `\\${digits} is not an octet`);
    return { octet: v, next: i + 4 };
  }
  if (i + 1 >= name.length) throw new DnsFormatError('bad-value', i, 'a name ends in a lone backslash');
  return { octet: name.charCodeAt(i + 1), next: i + 2 };
}

/** The labels of a name, escapes kept as written ('' and '.' have none). */
export function nameLabels(name: string): string[] {
  const labels: string[] = [];
  let label = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\' && i + 1 < name.length) {
      label += c + name[i + 1]!;
      i++;
    } else if (c === '.') {
      labels.push(label);
      label = '';
    } else label += c;
  }
  if (label !== '' || (name !== '' && name !== '.' && !name.endsWith('.'))) labels.push(label);
  return labels;
}

const encoder = new TextEncoder();

/** The octets of one label (escapes resolved, other text as UTF-8). */
export function labelOctets(label: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < label.length; ) {
    if (label[i] === '\\') {
      const d = escapedOctet(label, i);
      out.push(d.octet);
      i = d.next;
    } else {
      const cp = label.codePointAt(i)!;
      for (const b of encoder.encode(String.fromCodePoint(cp))) out.push(b);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
}

/** Octets the name takes on the wire uncompressed: each label's length octet and octets, and the root's zero. */
export function nameWireLength(name: string): number {
  let total = 1;
  for (const label of nameLabels(name)) total += 1 + labelOctets(label).length;
  return total;
}

/** Why a name cannot go on the wire, or null if it can (RFC 1035 2.3.4). */
export function nameProblem(name: string): DnsFormatReason | null {
  try {
    let total = 1;
    for (const label of nameLabels(name)) {
      const len = labelOctets(label).length;
      if (len === 0) return 'bad-value';
      if (len > MAX_LABEL) return 'label-too-long';
      total += 1 + len;
    }
    return total > MAX_NAME_WIRE ? 'name-too-long' : null;
  } catch {
    return 'bad-value';
  }
}

/** The lab's form of a name typed by a person: no final dot, the root as ''. Case is kept. */
export function normalizeName(text: string): string {
  if (text === '.' || text === '') return '';
  return text.endsWith('.') && !text.endsWith('\\.') ? text.slice(0, -1) : text;
}

/** The key two names are equal under: ASCII letters folded to lower case, nothing else (RFC 4343 3). */
export function nameKey(name: string): string {
  return normalizeName(name).replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** True if `name` is `zone` or below it (RFC 1034 3.1: a domain is a subtree of the name space). */
export function inZone(name: string, zone: string): boolean {
  const n = nameKey(name);
  const z = nameKey(zone);
  return z === '' || n === z || n.endsWith('.' + z);
}

/** A name as dig prints it: with the final dot, the root as `.` (RFC 1035 5.1). */
export function presentName(name: string): string {
  return name === '' ? '.' : name + '.';
}
