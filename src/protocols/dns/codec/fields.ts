import type { DnsField, DnsSection } from '../types.js';

/**
 * The knowledge keys of the fields the decoder reports (DnsField.key), one per thing a learner can
 * point at in the bytes. The knowledge tables (en + ja) have a word for each; keep the two lists equal.
 *
 *   field id          header ID (RFC 1035 4.1.1)
 *   field flags       the 16 bits after ID; value lists the parts: qr opcode aa tc rd ra z rcode (4.1.1)
 *   field qdcount     field ancount     field nscount     field arcount     (4.1.1)
 *   field qname       the question's name: one field per run of labels (4.1.2, 3.1)
 *   field name        a record's owner name: one field per run of labels (4.1.3)
 *   field pointer     a compression pointer, value names the offset it points to (4.1.4)
 *   field qtype       field qclass      (4.1.2)
 *   field type        field class       field ttl         field rdlength    (4.1.3)
 *   field address     A (3.4.1) and AAAA (RFC 3596 2.2) RDATA
 *   field nsdname     NS (3.3.11)       field cname  CNAME (3.3.1)     field ptrdname  PTR (3.3.12)
 *   field preference  field exchange    MX (3.3.9)
 *   field txt         one <character-string> of TXT (3.3.14, 3.3)
 *   field mname       field rname       field serial      field refresh
 *   field retry       field expire      field minimum     SOA (3.3.13)
 *   field rdata       RDATA of any other type, as bytes (RFC 3597 5)
 *   field udp-size    the OPT record's CLASS (RFC 6891 6.1.2)
 *   field ext-rcode   field edns-version    field edns-flags (DO, RFC 3225 3)   the OPT TTL (RFC 6891 6.1.3)
 *   field edns-option one option of the OPT RDATA: code, length, data (RFC 6891 6.1.2)
 *
 * A name inside RDATA (NS, CNAME, PTR, MX exchange, SOA mname/rname) uses the RDATA key for its
 * label runs and `field pointer` for its pointers.
 */
export const FIELD_KEYS = [
  'field id', 'field flags', 'field qdcount', 'field ancount', 'field nscount', 'field arcount',
  'field qname', 'field name', 'field pointer', 'field qtype', 'field qclass',
  'field type', 'field class', 'field ttl', 'field rdlength',
  'field address', 'field nsdname', 'field cname', 'field ptrdname', 'field preference', 'field exchange',
  'field txt', 'field mname', 'field rname', 'field serial', 'field refresh', 'field retry', 'field expire',
  'field minimum', 'field rdata', 'field udp-size', 'field ext-rcode', 'field edns-version', 'field edns-flags',
  'field edns-option',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** Where the decoder puts fields; null when the caller asked for none (the server's fast path). */
export type FieldSink = DnsField[] | null;

export function addField(sink: FieldSink, offset: number, length: number, section: DnsSection, key: FieldKey, value: string): void {
  if (sink !== null) sink.push({ offset, length, section, key, value });
}
