import type { EdnsOpt } from '../types.js';
import { DnsFormatError } from './errors.js';
import { addField } from './fields.js';
import type { Reader } from './reader.js';
import { copyBytes, hexBytes } from './text.js';

/**
 * The OPT pseudo-RR after its fixed part was read (r.pos at its RDATA): CLASS is the requestor's
 * UDP payload size (RFC 6891 6.1.2); TTL is the extended RCODE, the version and the flags with DO
 * at the top (6.1.3, RFC 3225 3); RDATA is {code, length, data} options (6.1.2).
 */
export function readOpt(r: Reader, cls: number, ttl: number, length: number): EdnsOpt {
  const fixed = r.pos - 10;
  const extendedRcode = Math.floor(ttl / 0x1000000) & 0xff;
  const version = (ttl >>> 16) & 0xff;
  const flags = ttl & 0xffff;
  const dnssecOk = (flags & 0x8000) !== 0;
  if (r.fields !== null) {
    addField(r.fields, fixed, 2, 'additional', 'field type', 'OPT');
    addField(r.fields, fixed + 2, 2, 'additional', 'field udp-size', String(cls));
    addField(r.fields, fixed + 4, 1, 'additional', 'field ext-rcode', String(extendedRcode));
    addField(r.fields, fixed + 5, 1, 'additional', 'field edns-version', String(version));
    addField(r.fields, fixed + 6, 2, 'additional', 'field edns-flags', dnssecOk ? 'do' : '');
    addField(r.fields, fixed + 8, 2, 'additional', 'field rdlength', String(length));
  }
  const end = r.pos + length;
  if (end > r.b.length) throw new DnsFormatError('truncated', r.pos, `RDLENGTH ${length} runs past the end`);
  return { udpSize: cls, extendedRcode, version, dnssecOk, options: readOptions(r, end) };
}

function readOptions(r: Reader, end: number): EdnsOpt['options'] {
  const options: EdnsOpt['options'] = [];
  const b = r.b;
  while (r.pos < end) {
    const at = r.pos;
    if (at + 4 > end) throw new DnsFormatError('rdata-length', at, 'an option header is 4 octets');
    const code = (b[at]! << 8) | b[at + 1]!;
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    if (at + 4 + len > end) throw new DnsFormatError('rdata-length', at, 'an option runs past RDLENGTH');
    const data = copyBytes(b, at + 4, at + 4 + len);
    addField(r.fields, at, 4 + len, 'additional', 'field edns-option', `${code}${len > 0 ? ' ' + hexBytes(data) : ''}`);
    options.push({ code, data });
    r.pos = at + 4 + len;
  }
  return options;
}
