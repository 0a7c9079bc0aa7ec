import type { DnsField, DnsHeader, DnsMessage, DnsQuestion, DnsSection, EdnsOpt, ResourceRecord } from '../types.js';
import { RR_TYPES } from '../types.js';
import { readRData } from './decode-rdata.js';
import { DnsFormatError } from './errors.js';
import { addField } from './fields.js';
import type { FieldKey } from './fields.js';
import { readName, u16, u32 } from './reader.js';
import type { Reader } from './reader.js';
import { readOpt } from './decode-opt.js';
import { classText, flagsText, typeText } from './field-values.js';

export interface DecodeOptions {
  /** Build the byte-offset fields for the hex view (default true). The server passes false. */
  fields?: boolean;
  /** Bytes after the last record the counts announce: 'reject' (default: a DnsFormatError, so a server answers FORMERR) or 'ignore'. */
  trailing?: 'reject' | 'ignore';
}

export interface DecodedMessage {
  message: DnsMessage;
  /** In byte order; empty when DecodeOptions.fields is false. */
  fields: DnsField[];
}

const HEADER_SIZE = 12;

/**
 * A DNS message from its bytes (RFC 1035 4.1). Throws DnsFormatError, and nothing else, for bytes
 * that are not one: the reason and offset say what and where.
 */
export function decodeMessage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  const fields: DnsField[] = [];
  const r: Reader = { b: bytes, pos: 0, fields: options.fields === false ? null : fields };
  try {
    return { message: readMessage(r, options), fields };
  } catch (err) {
    if (err instanceof DnsFormatError && r.fields !== null) err.fields = r.fields;
    throw err;
  }
}

function readMessage(r: Reader, options: DecodeOptions): DnsMessage {
  const bytes = r.b;
  if (bytes.length < HEADER_SIZE) throw new DnsFormatError('truncated', bytes.length, 'a header is 12 octets');
  const header = readHeader(r);
  const qd = count(r, 4, 'field qdcount');
  const an = count(r, 6, 'field ancount');
  const ns = count(r, 8, 'field nscount');
  const ar = count(r, 10, 'field arcount');
  r.pos = HEADER_SIZE;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < qd; i++) questions.push(readQuestion(r));
  const answers = readRecords(r, an, 'answer');
  const authority = readRecords(r, ns, 'authority');
  const message: DnsMessage = { header, questions, answers, authority, additional: [] };
  readAdditional(r, ar, message);
  if (r.pos !== bytes.length && options.trailing !== 'ignore') {
    throw new DnsFormatError('trailing-bytes', r.pos, `${bytes.length - r.pos} octets after the last record`);
  }
  return message;
}

/** ID and the flags word (RFC 1035 4.1.1): QR, OPCODE (4 bits), AA, TC, RD, RA, Z (3 bits), RCODE (4 bits). */
function readHeader(r: Reader): DnsHeader {
  const b = r.b;
  const id = (b[0]! << 8) | b[1]!;
  const hi = b[2]!;
  const lo = b[3]!;
  const header: DnsHeader = {
    id,
    qr: (hi & 0x80) !== 0,
    opcode: (hi >> 3) & 0x0f,
    aa: (hi & 0x04) !== 0,
    tc: (hi & 0x02) !== 0,
    rd: (hi & 0x01) !== 0,
    ra: (lo & 0x80) !== 0,
    z: (lo >> 4) & 0x07,
    rcode: lo & 0x0f,
  };
  if (r.fields !== null) {
    addField(r.fields, 0, 2, 'header', 'field id', String(id));
    addField(r.fields, 2, 2, 'header', 'field flags', flagsText(header));
  }
  return header;
}

function count(r: Reader, at: number, key: FieldKey): number {
  const v = (r.b[at]! << 8) | r.b[at + 1]!;
  addField(r.fields, at, 2, 'header', key, String(v));
  return v;
}

/** The count promised a record the bytes do not hold at all: the counts lie (RFC 1035 4.1.1). */
function expectMore(r: Reader, section: DnsSection): void {
  if (r.pos >= r.b.length) throw new DnsFormatError('count-mismatch', r.pos, `the header counts more ${section} entries than the message holds`);
}

function readQuestion(r: Reader): DnsQuestion {
  expectMore(r, 'question');
  const name = readName(r, 'question', 'field qname');
  const at = r.pos;
  const type = u16(r);
  const cls = u16(r);
  if (r.fields !== null) {
    addField(r.fields, at, 2, 'question', 'field qtype', typeText(type));
    addField(r.fields, at + 2, 2, 'question', 'field qclass', classText(cls));
  }
  return { name, type, class: cls };
}

function readRecords(r: Reader, n: number, section: DnsSection): ResourceRecord[] {
  const records: ResourceRecord[] = [];
  for (let i = 0; i < n; i++) {
    expectMore(r, section);
    const name = readName(r, section, 'field name');
    const rr = readFixed(r, section);
    records.push({ name, type: rr.type, class: rr.cls, ttl: rr.ttl, data: readRData(r, rr.type, rr.length, section) });
  }
  return records;
}

/** TYPE, CLASS, TTL, RDLENGTH after an owner name (RFC 1035 4.1.3), into one reused object (no allocation per record). */
const fixed = { type: 0, cls: 0, ttl: 0, length: 0 };

function readFixed(r: Reader, section: DnsSection): typeof fixed {
  const at = r.pos;
  fixed.type = u16(r);
  fixed.cls = u16(r);
  fixed.ttl = u32(r);
  fixed.length = u16(r);
  if (r.fields !== null && fixed.type !== RR_TYPES.OPT) {
    addField(r.fields, at, 2, section, 'field type', typeText(fixed.type));
    addField(r.fields, at + 2, 2, section, 'field class', classText(fixed.cls));
    addField(r.fields, at + 4, 4, section, 'field ttl', String(fixed.ttl));
    addField(r.fields, at + 8, 2, section, 'field rdlength', String(fixed.length));
  }
  return fixed;
}

/** The additional section; its OPT pseudo-RR becomes `edns` (RFC 6891 6.1.1: one at most; 6.1.2: owned by the root). */
function readAdditional(r: Reader, n: number, message: DnsMessage): void {
  for (let i = 0; i < n; i++) {
    expectMore(r, 'additional');
    const nameAt = r.pos;
    const name = readName(r, 'additional', 'field name');
    const rr = readFixed(r, 'additional');
    if (rr.type !== RR_TYPES.OPT) {
      message.additional.push({ name, type: rr.type, class: rr.cls, ttl: rr.ttl, data: readRData(r, rr.type, rr.length, 'additional') });
      continue;
    }
    if (name !== '') throw new DnsFormatError('bad-opt', nameAt, 'OPT must be owned by the root');
    if (message.edns !== undefined) throw new DnsFormatError('bad-opt', nameAt, 'a second OPT record');
    const edns: EdnsOpt = readOpt(r, rr.cls, rr.ttl, rr.length);
    message.edns = edns;
  }
}
