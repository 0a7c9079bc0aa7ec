import type { RData } from '../types.js';
import { addressOctets } from './addresses.js';
import { DnsFormatError } from './errors.js';
import { put16, put32, putBytes, putName, room } from './writer.js';
import type { Writer } from './writer.js';

const encoder = new TextEncoder();

/**
 * RDLENGTH and RDATA (RFC 1035 4.1.3, 3.3; AAAA RFC 3596 2.2). Names in the RDATA of the RFC 1035
 * types may be compressed (RFC 3597 4 allows it for those only); other types are their bytes.
 */
export function putRData(w: Writer, data: RData): void {
  const lengthAt = w.pos;
  put16(w, 0);
  putTyped(w, data);
  const length = w.pos - lengthAt - 2;
  w.buf[lengthAt] = length >>> 8;
  w.buf[lengthAt + 1] = length & 0xff;
}

function putTyped(w: Writer, data: RData): void {
  switch (data.kind) {
    case 'A':
      return putAddress(w, data.address, 4);
    case 'AAAA':
      return putAddress(w, data.address, 16);
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return putName(w, data.name, true);
    case 'MX':
      put16(w, data.preference);
      return putName(w, data.exchange, true);
    case 'TXT':
      return putStrings(w, data.strings);
    case 'SOA':
      putName(w, data.mname, true);
      putName(w, data.rname, true);
      for (const v of [data.serial, data.refresh, data.retry, data.expire, data.minimum]) put32(w, v);
      return;
    case 'raw':
      return putBytes(w, data.bytes);
  }
}

function putAddress(w: Writer, text: string, size: 4 | 16): void {
  const octets = addressOctets(text, size, w.pos);
  room(w, size);
  for (let i = 0; i < size; i++) w.buf[w.pos + i] = octets[i]!;
  w.pos += size;
}

/** Each string as a <character-string>: a length octet and up to 255 octets of UTF-8 (RFC 1035 3.3). No strings is one empty string (3.3.14 needs one). */
function putStrings(w: Writer, strings: string[]): void {
  const list = strings.length === 0 ? [''] : strings;
  for (const s of list) {
    const bytes = encoder.encode(s);
    if (bytes.length > 255) throw new DnsFormatError('bad-value', w.pos, 'a character-string holds at most 255 octets');
    room(w, 1);
    w.buf[w.pos++] = bytes.length;
    putBytes(w, bytes);
  }
}
