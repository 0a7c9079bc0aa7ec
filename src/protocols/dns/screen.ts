import { DNS_EDNS_UDP_SIZE, DNS_UDP_SIZE } from '../../limits.js';
import type { KnowledgeRef } from '../transcript.js';
import { CLASS_IN, OPCODES, RCODES, RR_TYPES, type DnsMessage, type DnsTransport, type EdnsOpt } from './types.js';

/**
 * The rules every lab DNS server applies before (and after) its own answer, authoritative or
 * recursive: what is not a query is dropped, what the server cannot serve gets its error rcode,
 * and the response carries an OPT record exactly when the query did. Pure: no sockets, no clock.
 * DNS has no session state (RFC 1035 4.2: each query stands alone), so there is no state machine here.
 */

/** What a server says to one query: the response and the notes (transcript keys) that explain it. */
export interface DnsReply {
  response: DnsMessage;
  notes: KnowledgeRef[];
}

/** Where a query came from and how: recursion is for loopback clients only (RFC 5358 4). */
export interface DnsRequestContext {
  transport: DnsTransport;
  remoteAddress: string;
  remotePort: number;
}

/** BADVERS, rcode 16: its high eight bits go in the OPT record's extended rcode (RFC 6891 6.1.3, 9). */
export const RCODE_BADVERS = 16;

/** A response to the query with an empty answer: id, opcode, question and RD copied (RFC 1035 4.1.1), RA off. */
export function baseResponse(query: DnsMessage, rcode: number, aa = false): DnsMessage {
  const h = query.header;
  return {
    header: { id: h.id, qr: true, opcode: h.opcode, aa, tc: false, rd: h.rd, ra: false, z: 0, rcode },
    questions: query.questions.map((q) => ({ ...q })),
    answers: [],
    authority: [],
    additional: [],
  };
}

function reply(response: DnsMessage, key: string, params: Record<string, string | number>): DnsReply {
  return { response, notes: [{ key, params }] };
}

/**
 * Screen a decoded message before any handler sees it. 'drop' for a message that is not a query
 * (QR set: answering a response could start two servers answering each other forever); a reply
 * for what no lab server serves; null when the handler should answer.
 */
export function screenQuery(query: DnsMessage): DnsReply | 'drop' | null {
  const h = query.header;
  if (h.qr) return 'drop';
  // Only QUERY is implemented; IQUERY (obsolete, RFC 3425), STATUS, NOTIFY, UPDATE get NOTIMP (RFC 1035 4.1.1).
  if (h.opcode !== OPCODES.QUERY) return reply(baseResponse(query, RCODES.NOTIMP), 'notimp', { opcode: h.opcode });
  // An EDNS version we do not speak: BADVERS, answered with the version we do (RFC 6891 6.1.3).
  if (query.edns && query.edns.version !== 0) {
    const response = { ...baseResponse(query, RCODE_BADVERS & 0xf), questions: [], edns: ourOpt(query, RCODE_BADVERS >> 4) };
    return reply(response, 'badvers', { version: query.edns.version });
  }
  // Exactly one question: RFC 9619 (which updates RFC 1035 4.1.2) allows no more than one in a QUERY; none or two get FORMERR.
  if (query.questions.length !== 1) return reply({ ...baseResponse(query, RCODES.FORMERR), questions: [] }, 'formerr', { reason: 'qdcount' });
  const q = query.questions[0]!;
  // OPT is a pseudo-RR of the additional section, never a question (RFC 6891 6.1.1).
  if (q.type === RR_TYPES.OPT) return reply(baseResponse(query, RCODES.FORMERR), 'formerr', { reason: 'opt-question' });
  // The lab serves class IN only (RFC 1035 3.2.4); other classes are refused, not answered empty.
  if (q.class !== CLASS_IN) return reply(baseResponse(query, RCODES.REFUSED), 'refused', { reason: 'class' });
  return null;
}

/**
 * FORMERR for bytes whose header could be read but not the rest (RFC 1035 4.1.1): the id and
 * opcode echoed so the client can match it, no question. null when not even the 12-octet header
 * is there, or the bytes claim to be a response: those are dropped, never answered.
 */
export function formErrFor(bytes: Uint8Array): DnsMessage | null {
  if (bytes.length < 12) return null;
  const flags = (bytes[2]! << 8) | bytes[3]!;
  if (flags & 0x8000) return null;
  const query: DnsMessage = {
    header: { id: (bytes[0]! << 8) | bytes[1]!, qr: false, opcode: (flags >> 11) & 0xf, aa: false, tc: false, rd: (flags & 0x0100) !== 0, ra: false, z: 0, rcode: 0 },
    questions: [],
    answers: [],
    authority: [],
    additional: [],
  };
  return baseResponse(query, RCODES.FORMERR);
}

/** Our OPT: the UDP payload we accept (RFC 6891 6.1.1, 6.2.5), version 0, DO copied (RFC 3225 3), no options. */
export function ourOpt(query: DnsMessage, extendedRcode = 0): EdnsOpt {
  return { udpSize: DNS_EDNS_UDP_SIZE, extendedRcode, version: 0, dnssecOk: query.edns?.dnssecOk ?? false, options: [] };
}

/**
 * The response leaves with an OPT record exactly when the query had one (RFC 6891 7: never to a
 * client that did not ask): ours, keeping the extended rcode bits a handler set (BADVERS).
 */
export function withEdns(query: DnsMessage, response: DnsMessage): DnsMessage {
  if (!query.edns) {
    if (!response.edns) return response;
    const { edns: _dropped, ...rest } = response;
    return rest;
  }
  return { ...response, edns: ourOpt(query, response.edns?.extendedRcode ?? 0) };
}

/**
 * The most octets a response may take: over TCP a whole message (RFC 1035 4.2.2); over UDP 512
 * without EDNS (RFC 1035 2.3.4), else the smaller of the client's size and ours, never under 512
 * (RFC 6891 6.2.3, 6.2.5).
 */
export function responseLimit(query: DnsMessage | null, transport: DnsTransport): number {
  if (transport === 'tcp') return 0xffff;
  if (!query?.edns) return DNS_UDP_SIZE;
  return Math.max(DNS_UDP_SIZE, Math.min(query.edns.udpSize, DNS_EDNS_UDP_SIZE));
}
