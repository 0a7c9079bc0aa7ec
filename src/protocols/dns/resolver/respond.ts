/**
 * The resolver's response to its client (RFC 1035 4.1.1): the client's id, opcode and question,
 * RA=1 (recursion is available, RFC 1035 4.1.1), AA=0 (a cache is never authoritative, RFC 1035
 * 6.2), RD copied, and EDNS echoed with our own UDP size when the client sent OPT (RFC 6891 6.1.1, 7).
 */
import { RCODES, type DnsMessage, type ResourceRecord } from '../types.js';

export interface ResponseParts {
  rcode: number;
  answers?: ResourceRecord[];
  authority?: ResourceRecord[];
  additional?: ResourceRecord[];
}

export function respond(query: DnsMessage, parts: ResponseParts, ednsUdpSize: number): DnsMessage {
  const { header, edns } = query;
  return {
    header: { id: header.id, qr: true, opcode: header.opcode, aa: false, tc: false, rd: header.rd, ra: true, z: 0, rcode: parts.rcode },
    questions: query.questions,
    answers: parts.answers ?? [],
    authority: parts.authority ?? [],
    additional: parts.additional ?? [],
    ...(edns ? { edns: { udpSize: ednsUdpSize, extendedRcode: 0, version: 0, dnssecOk: edns.dnssecOk, options: [] } } : {}),
  };
}

/** RCODE for a query the resolver will not walk for: not a standard query, not one question, not class IN. */
export function refusal(query: DnsMessage, classIn: number): number | undefined {
  if (query.header.qr) return RCODES.FORMERR;
  if (query.header.opcode !== 0) return RCODES.NOTIMP; // RFC 1035 4.1.1: "not implemented"
  if (query.questions.length !== 1) return RCODES.FORMERR; // RFC 9619: QDCOUNT must be 1
  if (query.questions[0]?.class !== classIn) return RCODES.REFUSED; // the lab serves class IN only
  return undefined;
}
