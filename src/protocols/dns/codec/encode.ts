import type { DnsHeader, DnsMessage, EdnsOpt, ResourceRecord } from '../types.js';
import { CLASS_IN, RR_TYPES } from '../types.js';
import { putRData } from './encode-rdata.js';
import { newWriter, put16, put32, putBytes, putName, room } from './writer.js';
import type { Writer } from './writer.js';
import { typeNumber } from './types.js';
import { DnsFormatError } from './errors.js';

export interface EncodeOptions {
  /**
   * The most octets the message may take: 512 over UDP without EDNS (RFC 1035 4.2.1, 2.3.4), else
   * the requestor's EDNS UDP size (RFC 6891 6.2.5); none over TCP. When over, whole records are
   * dropped from the end and TC is set if an answer or authority record had to go (RFC 2181 9).
   */
  maxSize?: number;
}

const HEADER_SIZE = 12;

/** A message in wire form (RFC 1035 4.1), names compressed (4.1.4), in one fresh Uint8Array. */
export function encodeMessage(message: DnsMessage, options: EncodeOptions = {}): Uint8Array {
  const w = newWriter();
  w.pos = HEADER_SIZE;
  for (const q of message.questions) {
    putName(w, q.name, true);
    put16(w, q.type);
    put16(w, q.class);
  }
  const questionsEnd = w.pos;
  const sections = [message.answers, message.authority, message.additional];
  const ends: number[] = [];
  for (const records of sections) {
    for (const rr of records) {
      putRecord(w, rr);
      ends.push(w.pos);
    }
  }
  const optSize = message.edns ? optLength(message.edns) : 0;
  const kept = fitting(ends, optSize, options.maxSize);
  if (kept < ends.length) w.pos = kept === 0 ? questionsEnd : ends[kept - 1]!;
  // OPT stays when records go: a request with OPT gets a response with OPT (RFC 6891 6.1.1)
  if (message.edns) putOpt(w, message.edns, message.header.rcode);
  const an = Math.min(kept, message.answers.length);
  const ns = Math.min(kept - an, message.authority.length);
  const ar = kept - an - ns + (message.edns ? 1 : 0);
  const tc = message.header.tc || an + ns < message.answers.length + message.authority.length;
  putHeader(w, message.header, tc, [message.questions.length, an, ns, ar]);
  return w.buf.slice(0, w.pos);
}

/**
 * How many records, in order, fit in maxSize with the OPT record after them (if not even the
 * question fits, it is sent anyway, with TC). Records after a
 * cut refer to nothing before them that is lost: pointers only point back (RFC 1035 4.1.4).
 */
function fitting(ends: number[], optSize: number, maxSize: number | undefined): number {
  let kept = ends.length;
  if (maxSize === undefined) return kept;
  while (kept > 0 && ends[kept - 1]! + optSize > maxSize) kept--;
  return kept;
}

/** ID, the flags word (RFC 1035 4.1.1; RCODE's high bits go to OPT, RFC 6891 6.1.3) and the four counts. */
function putHeader(w: Writer, h: DnsHeader, tc: boolean, counts: number[]): void {
  const b = w.buf;
  b[0] = (h.id >>> 8) & 0xff;
  b[1] = h.id & 0xff;
  b[2] = (h.qr ? 0x80 : 0) | ((h.opcode & 0x0f) << 3) | (h.aa ? 0x04 : 0) | (tc ? 0x02 : 0) | (h.rd ? 0x01 : 0);
  b[3] = (h.ra ? 0x80 : 0) | ((h.z & 0x07) << 4) | (h.rcode & 0x0f);
  for (let i = 0; i < 4; i++) {
    const n = counts[i]!;
    if (n > 0xffff) throw new DnsFormatError('bad-value', 4 + 2 * i, 'a count is 16 bits');
    b[4 + 2 * i] = n >>> 8;
    b[5 + 2 * i] = n & 0xff;
  }
}

/** NAME, TYPE, CLASS, TTL, RDLENGTH, RDATA (RFC 1035 4.1.3). */
function putRecord(w: Writer, rr: ResourceRecord): void {
  putName(w, rr.name, true);
  put16(w, rr.type);
  put16(w, rr.class);
  put32(w, rr.ttl >>> 0);
  putRData(w, rr.data);
}

function optLength(edns: EdnsOpt): number {
  let n = 11;
  for (const o of edns.options) n += 4 + o.data.length;
  return n;
}

/** The OPT pseudo-RR: root owner, TYPE 41, CLASS = UDP size, TTL = extended RCODE, version, DO (RFC 6891 6.1.2, 6.1.3). */
function putOpt(w: Writer, edns: EdnsOpt, rcode: number): void {
  room(w, 1);
  w.buf[w.pos++] = 0;
  put16(w, RR_TYPES.OPT);
  put16(w, edns.udpSize);
  const ext = (edns.extendedRcode | (rcode >>> 4)) & 0xff;
  put32(w, ((ext << 24) | ((edns.version & 0xff) << 16) | (edns.dnssecOk ? 0x8000 : 0)) >>> 0);
  let length = 0;
  for (const o of edns.options) length += 4 + o.data.length;
  put16(w, length);
  for (const o of edns.options) {
    put16(w, o.code);
    put16(w, o.data.length);
    putBytes(w, o.data);
  }
}

export interface QueryOptions {
  id: number;
  /** Recursion Desired (RFC 1035 4.1.1). */
  rd: boolean;
  /** true for EDNS(0) with a 1232-octet UDP size (the DNS Flag Day 2020 value), or the OPT to send. */
  edns?: boolean | Partial<EdnsOpt>;
}

/** The largest UDP response without EDNS (RFC 1035 2.3.4, 4.2.1). */
export const UDP_PLAIN_MAX = 512;

/**
 * The maxSize for a UDP response to this query: 512 without EDNS; else the requestor's UDP size,
 * a value under 512 read as 512 (RFC 6891 6.2.3, 6.2.5), capped by what this server will send.
 */
export function udpMaxSize(query: DnsMessage, serverMax = 4096): number {
  if (!query.edns) return UDP_PLAIN_MAX;
  return Math.min(Math.max(query.edns.udpSize, UDP_PLAIN_MAX), Math.max(serverMax, UDP_PLAIN_MAX));
}

/** The UDP size a lab client offers: fits IPv6's minimum MTU without fragmenting (DNS Flag Day 2020). */
export const DEFAULT_EDNS_UDP_SIZE = 1232;

/** A standard query (RFC 1035 4.1.1, 7.2): one question, class IN, QR 0, OPCODE QUERY. */
export function encodeQuery(name: string, type: number | string, options: QueryOptions): Uint8Array {
  const qtype = typeof type === 'number' ? type : typeNumber(type);
  if (qtype === null) throw new DnsFormatError('bad-value', 0, `unknown type ${type}`);
  const header: DnsHeader = { id: options.id, qr: false, opcode: 0, aa: false, tc: false, rd: options.rd, ra: false, z: 0, rcode: 0 };
  const message: DnsMessage = { header, questions: [{ name, type: qtype, class: CLASS_IN }], answers: [], authority: [], additional: [] };
  if (options.edns) message.edns = ednsOf(options.edns);
  return encodeMessage(message);
}

export function ednsOf(edns: true | Partial<EdnsOpt>): EdnsOpt {
  const given = edns === true ? {} : edns;
  return { udpSize: DEFAULT_EDNS_UDP_SIZE, extendedRcode: 0, version: 0, dnssecOk: false, options: [], ...given };
}
