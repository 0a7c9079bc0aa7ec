import { DnsFormatError } from './errors.js';

/** Dotted-quad text to 4 octets (RFC 1035 3.4.1); null if it is not one. */
export function ipv4Octets(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    out.push(Number(p));
  }
  return out;
}

/** IPv6 text (RFC 4291 2.2: `::`, and a dotted quad at the end) to 16 octets; null if it is not one. */
export function ipv6Octets(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function groups(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = ipv4Octets(p);
      if (v4 === null) return null;
      out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
    else return null;
  }
  return out;
}

export function addressOctets(text: string, size: 4 | 16, offset: number): number[] {
  const octets = size === 4 ? ipv4Octets(text) : ipv6Octets(text);
  if (octets === null) throw new DnsFormatError('bad-value', offset, `${JSON.stringify(text)} is not an IPv${size === 4 ? 4 : 6} address`);
  return octets;
}
