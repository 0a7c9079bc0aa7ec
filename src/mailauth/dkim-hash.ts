/** What DKIM's signature covers (RFC 6376 3.7): the signed fields, then the signature field with b= empty. */
import { canonHeader, type Canon } from './canon.js';
import type { HeaderField } from './message.js';

/**
 * The DKIM-Signature field with the value of its b= tag removed (RFC 6376 3.7: "with the value
 * of the b= tag (including all surrounding whitespace) deleted"); bh= and the rest stay as sent.
 */
export function withoutB(raw: string): string {
  const colon = raw.indexOf(':');
  const specs = raw.slice(colon + 1).split(';');
  const emptied = specs.map((spec) => {
    const eq = spec.indexOf('=');
    return eq >= 0 && spec.slice(0, eq).replace(/[ \t\r\n]+/g, '') === 'b' ? spec.slice(0, eq + 1) : spec;
  });
  return raw.slice(0, colon + 1) + emptied.join(';');
}

/** The canonicalized fields, then the canonicalized signature field (b= empty) without its CRLF (3.7 step 2). */
export function headerHashInput(signed: readonly HeaderField[], signatureRaw: string, canon: Canon): string {
  const lines = signed.map((f) => canonHeader(f.raw, canon)).join('');
  return lines + canonHeader(withoutB(signatureRaw), canon).replace(/\r\n$/, '');
}
