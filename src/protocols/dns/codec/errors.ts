import type { DnsField } from '../types.js';

/**
 * The one error the codec throws for bytes that are not a DNS message (RFC 1035 4.1), and for a
 * message it is asked to encode that no valid wire form exists for (a label over 63 octets, a name
 * over 255). A server answers FORMERR (RFC 1035 4.1.1) for the first kind; `offset` says where in
 * the bytes the codec gave up, so the hex view can point at it.
 */
export type DnsFormatReason =
  /** The bytes end inside a field. */
  | 'truncated'
  /** A compression pointer leads back to itself (RFC 1035 4.1.4). */
  | 'pointer-loop'
  /** A compression pointer that does not point to a prior occurrence (RFC 1035 4.1.4). */
  | 'forward-pointer'
  /** A chain of more pointers than a name has labels: built to make decoding slow. */
  | 'too-many-pointers'
  /** A label over 63 octets (RFC 1035 2.3.4). */
  | 'label-too-long'
  /** A name over 255 octets on the wire (RFC 1035 2.3.4). */
  | 'name-too-long'
  /** Label types 01 and 10 are reserved (RFC 1035 4.1.4; RFC 6891 5 retired extended labels). */
  | 'bad-label-type'
  /** The header's counts claim more records than the bytes hold (RFC 1035 4.1.1). */
  | 'count-mismatch'
  /** RDLENGTH does not match what the type's RDATA holds (RFC 1035 3.2.1). */
  | 'rdata-length'
  /** Bytes after the last record the counts announce. */
  | 'trailing-bytes'
  /** An OPT RR that is not at the root (RFC 6891 6.1.2), or more than one (6.1.1). */
  | 'bad-opt'
  /** Text that is not a name or an RDATA value of its type (an encoder input). */
  | 'bad-value';

export class DnsFormatError extends Error {
  override readonly name = 'DnsFormatError';
  /** The fields read before the decoder gave up (when it was building fields), for the hex view. */
  fields?: DnsField[];
  constructor(
    readonly reason: DnsFormatReason,
    readonly offset: number,
    detail?: string,
  ) {
    super(`${reason} at offset ${offset}${detail ? `: ${detail}` : ''}`);
  }
}
