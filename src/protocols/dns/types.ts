/**
 * The DNS contract every part of protocols/dns/ and its users share: the message as the codec
 * reads and writes it (RFC 1035 4.1), the servers' options, and the fields an annotated hex view
 * shows. Names are presentation strings without the final dot, in the case they arrived in
 * (the root is ''); compare them case-insensitively (RFC 4343 3).
 */

/** RR TYPE and QTYPE values this lab serves or explains (RFC 1035 3.2.2, 3.2.3; AAAA RFC 3596 2.1; OPT RFC 6891 6.1.1). */
export const RR_TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, OPT: 41, ANY: 255 } as const;
export type RrTypeName = keyof typeof RR_TYPES;

/** CLASS IN (RFC 1035 3.2.4); the only class the lab serves. */
export const CLASS_IN = 1;

/** OPCODE (RFC 1035 4.1.1; NOTIFY RFC 1996, UPDATE RFC 2136). Only QUERY is served; others get NOTIMP. */
export const OPCODES = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 } as const;

/** RCODE (RFC 1035 4.1.1; NXDOMAIN is RFC 2308's name for "Name Error"). */
export const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export type RcodeName = keyof typeof RCODES;

/** The header (RFC 1035 4.1.1). The four counts are not here: the codec writes them from the sections. */
export interface DnsHeader {
  id: number;
  /** Query (false) or response (true). */
  qr: boolean;
  opcode: number;
  /** Authoritative Answer. */
  aa: boolean;
  /** TrunCation: the answer did not fit the UDP payload (RFC 1035 4.2.1). */
  tc: boolean;
  /** Recursion Desired (copied into the response). */
  rd: boolean;
  /** Recursion Available. */
  ra: boolean;
  /** The three bits after RA: Z, then AD and CD (RFC 4035 3.2); kept as read. */
  z: number;
  /** The low four bits of the RCODE; EDNS adds eight high bits (RFC 6891 6.1.3). */
  rcode: number;
}

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

/** RDATA by type (RFC 1035 3.3, 3.4.1; AAAA RFC 3596 2.2); any other type is kept as bytes (RFC 3597 5). */
export type RData =
  | { kind: 'A'; address: string }
  | { kind: 'AAAA'; address: string }
  | { kind: 'NS'; name: string }
  | { kind: 'CNAME'; name: string }
  | { kind: 'PTR'; name: string }
  | { kind: 'MX'; preference: number; exchange: string }
  | { kind: 'TXT'; strings: string[] }
  | { kind: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { kind: 'raw'; bytes: Uint8Array };

export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  /** Seconds, 0 .. 2^31-1 (RFC 2181 8). */
  ttl: number;
  data: RData;
}

/** EDNS(0): the OPT pseudo-RR of the additional section, decoded (RFC 6891 6.1.2, 6.1.3). */
export interface EdnsOpt {
  /** The requestor's UDP payload size (the OPT record's CLASS). */
  udpSize: number;
  extendedRcode: number;
  version: number;
  /** DNSSEC OK (RFC 3225 3). */
  dnssecOk: boolean;
  options: Array<{ code: number; data: Uint8Array }>;
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  /** Without the OPT pseudo-RR: that is `edns`. */
  additional: ResourceRecord[];
  edns?: EdnsOpt;
}

export type DnsSection = 'header' | 'question' | 'answer' | 'authority' | 'additional';

/**
 * One field of a message as it lies in the bytes, for the annotated hex view: where it starts,
 * how long it is, which section it belongs to, a knowledge key naming the field (e.g. `field id`,
 * `field flags`, `field qname`, `field ttl`) and its value as text. A compression pointer is its
 * own field (`field pointer`, RFC 1035 4.1.4).
 */
export interface DnsField {
  offset: number;
  length: number;
  section: DnsSection;
  key: string;
  value: string;
}

/** How a message arrived or leaves: a UDP datagram, or a TCP stream with two-octet lengths (RFC 1035 4.2.2, RFC 7766). */
export type DnsTransport = 'udp' | 'tcp';
