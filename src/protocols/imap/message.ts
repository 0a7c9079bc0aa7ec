import addressparser from 'nodemailer/lib/addressparser';
import * as libbase64 from 'libbase64';
import libmime from 'libmime';
import { decode as decodeCharset } from 'libmime/lib/charset';
import * as libqp from 'libqp';
import type { Section } from './fetch-atts.js';
import { bodyStructure, envelope } from './mime/structure.js';
import { headOf, paramOf, parseTree, type MimePart } from './mime/tree.js';

/**
 * One message as IMAP FETCH and SEARCH see it: ENVELOPE, BODYSTRUCTURE, the octets of
 * BODY[section] (RFC 3501 6.4.5, 7.4.2) and decoded text for SEARCH (6.4.4). The MIME
 * structure comes from mailsplit, parameters and encoded words from libmime, transfer
 * encodings from libqp/libbase64, addresses from nodemailer's addressparser.
 */

/**
 * Opaque to callers: one message, parsed as far as asked. The top-level header is split on
 * first use (ENVELOPE, HEADER.FIELDS, SEARCH FROM); the MIME tree only when a part, the
 * structure or the body text is needed, so FETCH BODY.PEEK[] never runs the MIME parser.
 */
export class MessageView {
  private headPart: MimePart | null = null;
  private treePart: MimePart | null = null;
  constructor(readonly raw: Buffer) {}

  /** The top-level header and body bounds, without looking inside the body. */
  get head(): MimePart {
    this.headPart ??= this.treePart ?? headOf(this.raw);
    return this.headPart;
  }

  /** The whole MIME tree. */
  get root(): MimePart {
    this.treePart ??= parseTree(this.raw);
    return this.treePart;
  }

  // What SEARCH asks of a message (search.ts), as methods: search.ts then needs no runtime
  // import of this module, which the IMAP server loads only on first use (message-module.ts).

  headerValues(name: string): string[] {
    return headerValues(this, name);
  }

  headerText(): string {
    return headerText(this);
  }

  bodyText(): string {
    return bodyText(this);
  }

  withAddresses(value: string): string[] {
    return withAddresses(value);
  }
}

const CRLF = Buffer.from('\r\n', 'latin1');

export function parseMessage(raw: Buffer): MessageView {
  return new MessageView(raw);
}

/** Serialized ENVELOPE list (RFC 3501 7.4.2); may hold `{n}` CRLF literals (see ResponseBuilder.text). */
export function envelopeOf(view: MessageView): string {
  return envelope(view.head.fields);
}

/** BODYSTRUCTURE (extended) or BODY (not), serialized like envelopeOf. */
export function bodyStructureOf(view: MessageView, extended: boolean): string {
  return bodyStructure(view.root, extended);
}

/**
 * Part n of a message (RFC 3501 6.4.5): the nth part of a multipart body; for a message
 * whose body is not multipart, part 1 is the body itself.
 */
function messagePart(message: MimePart, n: number): MimePart | null {
  if (message.children.length > 0) return message.children[n - 1] ?? null;
  return n === 1 ? message : null;
}

function partAt(root: MimePart, path: readonly number[]): MimePart | null {
  let part: MimePart | null = null;
  for (const n of path) {
    if (part === null) part = messagePart(root, n);
    else if (part.children.length > 0) part = part.children[n - 1] ?? null;
    else if (part.message) part = messagePart(part.message, n);
    else return null;
    if (part === null) return null;
  }
  return part;
}

const slice = (p: MimePart, from: number, to: number): Buffer => Buffer.from(p.raw.subarray(from, to));

function headerFields(message: MimePart, names: readonly string[], keep: boolean): Buffer {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const chosen = message.fields.filter((f) => wanted.has(f.key) === keep).map((f) => f.raw);
  // RFC 3501 6.4.5: the subset of the header, then the blank line that ends a header.
  return Buffer.concat([...chosen, CRLF]);
}

/**
 * Octets of BODY[section]; null when there is no such part (the caller sends an empty
 * string, RFC 3501 6.4.5). HEADER, HEADER.FIELDS(.NOT) and TEXT need the whole message or
 * a message/rfc822 part; MIME is the header of a body part.
 */
export function sectionOf(view: MessageView, section: Section): Buffer | null {
  const part = section.part.length === 0 ? null : partAt(view.root, section.part);
  if (section.part.length > 0 && part === null) return null;
  if (section.text === '') return part ? slice(part, part.bodyStart, part.end) : Buffer.from(view.raw);
  if (section.text === 'MIME') return part ? slice(part, part.start, part.bodyStart) : null;
  const message = part ? part.message : view.head;
  if (!message) return null;
  if (section.text === 'HEADER') return slice(message, message.start, message.bodyStart);
  if (section.text === 'TEXT') return slice(message, message.bodyStart, message.end);
  return headerFields(message, section.fields, section.text === 'HEADER.FIELDS');
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** Every value of header `name` in the message's own header, RFC 2047 words decoded (for SEARCH). */
export function headerValues(view: MessageView, name: string): string[] {
  const key = name.toLowerCase();
  return view.head.fields.filter((f) => f.key === key).map((f) => decodeWords(f.value));
}

/** All header fields as `Name: value` lines, decoded (SEARCH TEXT looks in the header too). */
export function headerText(view: MessageView): string {
  return view.head.fields.map((f) => decodeWords(f.raw.toString('utf8').replace(/\r?\n/g, ''))).join('\n');
}

function decodeBody(part: MimePart): string {
  const body = part.raw.subarray(part.bodyStart, part.end);
  const encoding = (part.fields.find((f) => f.key === 'content-transfer-encoding')?.value ?? '').toLowerCase();
  let bytes: Buffer = body;
  if (encoding === 'base64') bytes = libbase64.decode(body.toString('latin1'));
  else if (encoding === 'quoted-printable') bytes = libqp.decode(body.toString('latin1'));
  try {
    return decodeCharset(bytes, paramOf(part.contentType.params, 'charset') ?? 'utf-8');
  } catch {
    return bytes.toString('utf8');
  }
}

function textParts(part: MimePart, out: string[]): void {
  if (part.children.length > 0) for (const child of part.children) textParts(child, out);
  else if (part.message) {
    out.push(headerText(new MessageView(part.message.raw)));
    textParts(part.message, out);
  } else if (part.contentType.type.toLowerCase() === 'text') out.push(decodeBody(part));
}

/** Decoded text of every text part (transfer encoding and charset undone), for SEARCH BODY/TEXT. */
export function bodyText(view: MessageView): string {
  const out: string[] = [];
  textParts(view.root, out);
  return out.join('\n');
}

/**
 * An address field as written and as its addresses without comments: RFC 5322 3.2.2 lets CFWS
 * sit inside an addr-spec (`<user (c)@ (c) domain.org>`), and the address is still
 * user@domain.org, so SEARCH FROM user@domain.org matches it, as in Dovecot.
 */
// FWS around "@" and "." of an addr-spec is no part of it (RFC 5322 3.4.1); a quoted local part keeps its spaces.
const unfolded = (address: string): string => (address.includes('"') ? address : address.replace(/\s+/g, ''));

export function withAddresses(value: string): string[] {
  const flat = (list: ReturnType<typeof addressparser>): string[] =>
    list.flatMap((a) => ('group' in a && a.group ? flat(a.group) : [`${a.name} <${unfolded('address' in a ? (a.address ?? '') : '')}>`]));
  try {
    return [value, ...flat(addressparser(value))];
  } catch {
    return [value];
  }
}
