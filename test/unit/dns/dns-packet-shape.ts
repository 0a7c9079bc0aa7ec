import * as dnsPacket from 'dns-packet';
import type { DnsHeader, DnsMessage, EdnsOpt, RData, ResourceRecord } from '../../../src/protocols/dns/types.js';
import { RR_TYPES } from '../../../src/protocols/dns/types.js';

/**
 * Our DnsMessage <-> dns-packet's packet shape, for the cross-checks in codec-property.test.ts.
 * dns-packet is the independent codec: these functions only rename, they never encode.
 */

/** dns-packet's record shape, loosely: its typings name each record type separately. */
interface LooseRecord {
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  data?: unknown;
  udpPayloadSize?: number;
  extendedRcode?: number;
  ednsVersion?: number;
  flags?: number;
  options?: Array<{ code: number; data: Buffer }>;
}
interface LoosePacket {
  id?: number;
  type?: string;
  flags?: number;
  questions?: Array<{ name: string; type: string; class?: string }>;
  answers?: LooseRecord[];
  authorities?: LooseRecord[];
  additionals?: LooseRecord[];
}

const typeString = (n: number): string => typeName(n);
function typeName(n: number): string {
  const entry = Object.entries(RR_TYPES).find(([, v]) => v === n);
  return entry ? entry[0] : `UNKNOWN_${n}`;
}
const fromTypeString = (s: string): number => (s in RR_TYPES ? RR_TYPES[s as keyof typeof RR_TYPES] : Number(s.replace('UNKNOWN_', '')));
const fromName = (s: string): string => (s === '.' ? '' : s);
const toName = (s: string): string => (s === '' ? '.' : s);

/** RFC 5952 text for any IPv6 text, by way of the WHATWG URL parser (dns-packet does not compress the longest run). */
export function canonicalIpv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

export function flagsWord(h: DnsHeader): number {
  return (h.opcode << 11) | (h.aa ? 0x400 : 0) | (h.tc ? 0x200 : 0) | (h.rd ? 0x100 : 0) | (h.ra ? 0x80 : 0) | (h.z << 4) | (h.rcode & 0xf);
}

function dataToPacket(d: RData): unknown {
  switch (d.kind) {
    case 'A': case 'AAAA': return d.address;
    case 'NS': case 'CNAME': case 'PTR': return toName(d.name);
    case 'MX': return { preference: d.preference, exchange: toName(d.exchange) };
    case 'TXT': return [...d.strings]; // dns-packet turns the array's strings into Buffers in place
    case 'SOA': return { ...d, mname: toName(d.mname), rname: toName(d.rname), kind: undefined };
    case 'raw': return Buffer.from(d.bytes);
  }
}

function recordToPacket(rr: ResourceRecord): LooseRecord {
  return { name: toName(rr.name), type: typeString(rr.type), class: rr.class === 1 ? 'IN' : `CLASS${rr.class}`, ttl: rr.ttl, data: dataToPacket(rr.data) };
}

export function toPacket(m: DnsMessage): Buffer {
  const additionals = m.additional.map(recordToPacket);
  if (m.edns) {
    additionals.push({
      name: '.', type: 'OPT', udpPayloadSize: m.edns.udpSize, extendedRcode: m.edns.extendedRcode | (m.header.rcode >> 4),
      ednsVersion: m.edns.version, flags: m.edns.dnssecOk ? 0x8000 : 0, options: m.edns.options.map((o) => ({ code: o.code, data: Buffer.from(o.data) })),
    });
  }
  const packet: LoosePacket = {
    id: m.header.id, type: m.header.qr ? 'response' : 'query', flags: flagsWord(m.header),
    questions: m.questions.map((q) => ({ name: toName(q.name), type: typeString(q.type), class: 'IN' })),
    answers: m.answers.map(recordToPacket), authorities: m.authority.map(recordToPacket), additionals,
  };
  return dnsPacket.encode(packet as unknown as dnsPacket.Packet);
}

function dataFromPacket(type: number, data: unknown): RData {
  const text = (v: unknown): string => fromName(String(v));
  const o = data as Record<string, unknown>;
  switch (type) {
    case RR_TYPES.A: return { kind: 'A', address: String(data) };
    case RR_TYPES.AAAA: return { kind: 'AAAA', address: canonicalIpv6(String(data)) };
    case RR_TYPES.NS: return { kind: 'NS', name: text(data) };
    case RR_TYPES.CNAME: return { kind: 'CNAME', name: text(data) };
    case RR_TYPES.PTR: return { kind: 'PTR', name: text(data) };
    case RR_TYPES.MX: return { kind: 'MX', preference: Number(o.preference), exchange: text(o.exchange) };
    case RR_TYPES.TXT: return { kind: 'TXT', strings: (data as Buffer[]).map((b) => b.toString('utf8')) };
    case RR_TYPES.SOA: return { kind: 'SOA', mname: text(o.mname), rname: text(o.rname), serial: Number(o.serial), refresh: Number(o.refresh), retry: Number(o.retry), expire: Number(o.expire), minimum: Number(o.minimum) };
    default: return { kind: 'raw', bytes: new Uint8Array(data as Buffer) };
  }
}

function recordFromPacket(r: LooseRecord): ResourceRecord {
  const type = fromTypeString(r.type);
  return { name: fromName(r.name), type, class: r.class === 'IN' ? 1 : Number(String(r.class).replace('CLASS', '')), ttl: r.ttl ?? 0, data: dataFromPacket(type, r.data) };
}

/** dns-packet's reading of the bytes, in our shape. */
export function fromPacket(bytes: Uint8Array): DnsMessage {
  const p = dnsPacket.decode(Buffer.from(bytes)) as unknown as LoosePacket & { flags: number };
  const flags = p.flags;
  const header: DnsHeader = {
    id: p.id ?? 0, qr: p.type === 'response', opcode: (flags >> 11) & 0xf, aa: (flags & 0x400) !== 0, tc: (flags & 0x200) !== 0,
    rd: (flags & 0x100) !== 0, ra: (flags & 0x80) !== 0, z: (flags >> 4) & 7, rcode: flags & 0xf,
  };
  const opt = (p.additionals ?? []).find((r) => r.type === 'OPT');
  const message: DnsMessage = {
    header,
    questions: (p.questions ?? []).map((q) => ({ name: fromName(q.name), type: fromTypeString(q.type), class: q.class === 'IN' ? 1 : 0 })),
    answers: (p.answers ?? []).map(recordFromPacket),
    authority: (p.authorities ?? []).map(recordFromPacket),
    additional: (p.additionals ?? []).filter((r) => r.type !== 'OPT').map(recordFromPacket),
  };
  if (opt) message.edns = ednsFromPacket(opt);
  return message;
}

function ednsFromPacket(r: LooseRecord): EdnsOpt {
  return {
    udpSize: r.udpPayloadSize ?? 0, extendedRcode: r.extendedRcode ?? 0, version: r.ednsVersion ?? 0, dnssecOk: ((r.flags ?? 0) & 0x8000) !== 0,
    options: (r.options ?? []).map((o) => ({ code: o.code, data: new Uint8Array(o.data) })),
  };
}
